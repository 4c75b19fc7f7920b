package com.descope.notp.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What {@link NotpStartGuard} enforces: the three rate limits (each {@code null} when
 * off) and which countries' phone numbers may start a login.
 *
 * @param perAddress starts per client address (an IPv6 address counts by its /64
 * network), or {@code null}
 * @param perNumber starts per phone number, or {@code null}
 * @param global starts in all, or {@code null}
 * @param allowedRegions ISO 3166 regions whose numbers may start a login; empty for all
 * @param deniedRegions ISO 3166 regions whose numbers may not
 */
public record StartLimits(@Nullable RateLimit perAddress, @Nullable RateLimit perNumber, @Nullable RateLimit global,
		Set<String> allowedRegions, Set<String> deniedRegions) {

	/**
	 * The defaults: 30 starts per address and 5 per number in 10 minutes, 300 in all per
	 * minute, every country (the reasons are in {@code DescopeProperties}).
	 */
	public static final StartLimits DEFAULTS = new StartLimits(new RateLimit(30, Duration.ofMinutes(10)),
			new RateLimit(5, Duration.ofMinutes(10)), new RateLimit(300, Duration.ofMinutes(1)), Set.of(), Set.of());

	/** No limits and every country. */
	public static final StartLimits NONE = new StartLimits(null, null, null, Set.of(), Set.of());

	/**
	 * Limits; region codes are upper-cased.
	 * @param perAddress starts per client address, or {@code null}
	 * @param perNumber starts per phone number, or {@code null}
	 * @param global starts in all, or {@code null}
	 * @param allowedRegions ISO 3166 regions whose numbers may start a login; empty for
	 * all
	 * @param deniedRegions ISO 3166 regions whose numbers may not
	 * @throws IllegalArgumentException when a region is not one libphonenumber knows, or
	 * is both allowed and denied
	 */
	public StartLimits {
		allowedRegions = regions(allowedRegions, "allowedRegions");
		deniedRegions = regions(deniedRegions, "deniedRegions");
		for (String region : deniedRegions) {
			Assert.isTrue(!allowedRegions.contains(region), () -> "Region " + region + " is both allowed and denied");
		}
	}

	/**
	 * Whether this region code is one libphonenumber knows, such as {@code US} or
	 * {@code BR}.
	 * @param region the code, in any case
	 * @return {@code true} when known
	 */
	public static boolean isKnownRegion(String region) {
		return region != null
				&& PhoneNumberUtil.getInstance().getSupportedRegions().contains(region.trim().toUpperCase(Locale.ROOT));
	}

	private static Set<String> regions(Set<String> regions, String name) {
		Assert.notNull(regions, () -> name + " must not be null");
		Set<String> codes = new TreeSet<>();
		for (String region : regions) {
			Assert.isTrue(isKnownRegion(region), () -> name + " has an unknown region '" + region + "'");
			codes.add(region.trim().toUpperCase(Locale.ROOT));
		}
		return Set.copyOf(codes);
	}

}
