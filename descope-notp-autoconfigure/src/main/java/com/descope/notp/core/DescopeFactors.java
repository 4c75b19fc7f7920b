package com.descope.notp.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * Checks how recently a user confirmed on WhatsApp, for method security. The
 * auto-configuration registers it as the bean {@code descopeFactors}:
 *
 * <pre>
 * &#64;PreAuthorize("&#64;descopeFactors.whatsAppWithin(authentication, 'PT5M')")
 * </pre>
 *
 * It reads the {@link FactorGrantedAuthority} {@code FACTOR_WHATSAPP} that a nOTP login
 * or step-up grants, issued at the confirmation.
 */
public class DescopeFactors {

	private final Clock clock;

	/** Checks against the system clock. */
	public DescopeFactors() {
		this(Clock.systemUTC());
	}

	/**
	 * Checks against the given clock.
	 * @param clock the clock
	 */
	public DescopeFactors(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether the user confirmed on WhatsApp within the given time.
	 * @param authentication the current authentication, or {@code null}
	 * @param maxAge an ISO-8601 duration such as {@code PT5M}
	 * @return {@code true} when the {@code FACTOR_WHATSAPP} factor was issued at most
	 * {@code maxAge} ago
	 * @throws java.time.format.DateTimeParseException when {@code maxAge} is not a
	 * duration
	 */
	public boolean whatsAppWithin(@Nullable Authentication authentication, String maxAge) {
		Instant confirmed = whatsAppConfirmedAt(authentication);
		return confirmed != null && !confirmed.plus(Duration.parse(maxAge)).isBefore(this.clock.instant());
	}

	/**
	 * When the user last confirmed on WhatsApp.
	 * @param authentication the current authentication, or {@code null}
	 * @return the time, or {@code null} when the session has no such factor
	 */
	public @Nullable Instant whatsAppConfirmedAt(@Nullable Authentication authentication) {
		if (authentication == null) {
			return null;
		}
		Instant latest = null;
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor
					&& NotpAuthenticationProvider.WHATSAPP_FACTOR_AUTHORITY.equals(factor.getAuthority())
					&& (latest == null || factor.getIssuedAt().isAfter(latest))) {
				latest = factor.getIssuedAt();
			}
		}
		return latest;
	}

}
