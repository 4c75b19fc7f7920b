package com.descope.notp.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Decides whether a start may go to Descope, before anything is sent: every start makes
 * Descope send a WhatsApp message that the application's owner pays for, and attackers
 * pump such messages to numbers whose traffic earns them money. In this order:
 * <ol>
 * <li>the number's country (libphonenumber's region of the number) must be allowed and
 * not denied ({@link StartLimits#allowedRegions()}, {@link StartLimits#deniedRegions()});
 * with an allow-list, a number whose region libphonenumber cannot tell is refused. A
 * start that names no number (the person writes from their own WhatsApp) has no region to
 * check;</li>
 * <li>starts per client address: the address as the web stack sees it (behind a proxy,
 * what its forwarded headers say, with {@code server.forward-headers-strategy}); an IPv6
 * address counts by its /64 network, which one host usually has whole;</li>
 * <li>starts per phone number, counted on the number in E.164 whatever format it was
 * typed in;</li>
 * <li>starts in all, the ceiling on what a botnet spread over many addresses and numbers
 * can cost.</li>
 * </ol>
 * Each limit counts the starts that passed those before it, so a refused start takes no
 * number or global permit, and the global limit counts only starts that go to Descope.
 * The counting is the {@link KeyedRateLimiter}'s.
 */
public final class NotpStartGuard {

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	private final StartLimits limits;

	private final KeyedRateLimiter limiter;

	private final @Nullable String defaultRegion;

	private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

	/**
	 * A guard.
	 * @param limits what to enforce
	 * @param limiter counts the starts
	 * @param defaultRegion the region of numbers written without {@code +} and country
	 * code, or {@code null}; the default start request resolver has normalised numbers to
	 * E.164 already, so this matters only for a resolver of the application's own
	 */
	public NotpStartGuard(StartLimits limits, KeyedRateLimiter limiter, @Nullable String defaultRegion) {
		Assert.notNull(limits, "limits must not be null");
		Assert.notNull(limiter, "limiter must not be null");
		Assert.isTrue(defaultRegion == null || StartLimits.isKnownRegion(defaultRegion),
				"defaultRegion must be a region libphonenumber knows");
		this.limits = limits;
		this.limiter = limiter;
		this.defaultRegion = defaultRegion;
	}

	/**
	 * What this guard enforces.
	 * @return the limits
	 */
	public StartLimits getLimits() {
		return this.limits;
	}

	/**
	 * Checks a start and, when it may go, takes its permits.
	 * @param loginId the phone number the start names, or {@code ""} for none
	 * @param clientAddress the client's IP address, or {@code null} when not known (no
	 * per-address limit then)
	 * @return {@link Decision.Allowed}, {@link Decision.RegionRefused} or
	 * {@link Decision.Limited}
	 */
	public Decision check(String loginId, @Nullable String clientAddress) {
		PhoneNumber number = StringUtils.hasText(loginId) ? parse(loginId) : null;
		if (StringUtils.hasText(loginId) && !regionAllowed(number)) {
			return Decision.RegionRefused.INSTANCE;
		}
		if (this.limits.perAddress() != null && StringUtils.hasText(clientAddress)) {
			RateLimitDecision decision = this.limiter.tryAcquire("address:" + addressKey(clientAddress.trim()),
					this.limits.perAddress());
			if (!decision.allowed()) {
				return new Decision.Limited(Scope.ADDRESS, decision.retryAfter());
			}
		}
		if (this.limits.perNumber() != null && StringUtils.hasText(loginId)) {
			RateLimitDecision decision = this.limiter.tryAcquire("number:" + numberKey(loginId, number),
					this.limits.perNumber());
			if (!decision.allowed()) {
				return new Decision.Limited(Scope.NUMBER, decision.retryAfter());
			}
		}
		if (this.limits.global() != null) {
			RateLimitDecision decision = this.limiter.tryAcquire("global", this.limits.global());
			if (!decision.allowed()) {
				return new Decision.Limited(Scope.GLOBAL, decision.retryAfter());
			}
		}
		return Decision.Allowed.INSTANCE;
	}

	private boolean regionAllowed(@Nullable PhoneNumber number) {
		if (this.limits.allowedRegions().isEmpty() && this.limits.deniedRegions().isEmpty()) {
			return true;
		}
		String region = (number != null) ? this.phoneNumbers.getRegionCodeForNumber(number) : null;
		if (region == null || !StartLimits.isKnownRegion(region)) {
			return this.limits.allowedRegions().isEmpty();
		}
		if (this.limits.deniedRegions().contains(region)) {
			return false;
		}
		return this.limits.allowedRegions().isEmpty() || this.limits.allowedRegions().contains(region);
	}

	private @Nullable PhoneNumber parse(String loginId) {
		try {
			return this.phoneNumbers.parse(loginId.strip(), (this.defaultRegion != null) ? this.defaultRegion : "ZZ");
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	private String numberKey(String loginId, @Nullable PhoneNumber number) {
		if (number != null) {
			return this.phoneNumbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
		}
		// not a number libphonenumber reads: count its digits, however written
		String digits = loginId.replaceAll("\\D", "");
		return digits.isEmpty() ? loginId.strip() : digits;
	}

	/**
	 * The address as counted: an IPv4 address as it is (an IPv4-mapped IPv6 address as
	 * its IPv4 one), an IPv6 address by its /64 network.
	 * @param address the client's address as the web stack gives it
	 * @return the part of the key after {@code address:}
	 */
	private static String addressKey(String address) {
		String literal = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
				: address;
		if (literal.indexOf(':') < 0 || !IPV6_LITERAL.matcher(literal).matches()) {
			return address;
		}
		try {
			// a hex digit or colon first, then only hex digits, colons and dots: parsed
			// as an IPv6 literal, never looked up in the DNS
			InetAddress parsed = InetAddress.getByName(literal);
			if (parsed instanceof Inet6Address) {
				byte[] bytes = parsed.getAddress();
				return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
			}
			return parsed.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	/** Which limit refused a start. */
	public enum Scope {

		/** Starts per client address. */
		ADDRESS,

		/** Starts per phone number. */
		NUMBER,

		/** Starts in all. */
		GLOBAL

	}

	/** What {@link #check} decided. */
	public sealed interface Decision permits Decision.Allowed, Decision.RegionRefused, Decision.Limited {

		/** The start may go to Descope; its permits are taken. */
		final class Allowed implements Decision {

			static final Allowed INSTANCE = new Allowed();

			private Allowed() {
			}

			@Override
			public String toString() {
				return "Allowed";
			}

		}

		/** The number's country may not start a login here. */
		final class RegionRefused implements Decision {

			static final RegionRefused INSTANCE = new RegionRefused();

			private RegionRefused() {
			}

			@Override
			public String toString() {
				return "RegionRefused";
			}

		}

		/**
		 * A limit has no permit left.
		 *
		 * @param scope which limit
		 * @param retryAfter how long until it has one
		 */
		record Limited(Scope scope, Duration retryAfter) implements Decision {

		}

	}

}
