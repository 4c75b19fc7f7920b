package com.descope.notp.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * When a stored session JWT is to be refreshed or cleared, the one rule of both stacks'
 * session-token filters: a token is refreshed once its {@code exp} is within the
 * {@linkplain DescopeSessionSettings#refreshThreshold() refresh threshold}, and is
 * expired once its {@code exp} is not after now. A token without {@code exp} is both.
 */
public final class SessionJwtExpiry {

	private SessionJwtExpiry() {
	}

	/**
	 * Whether the session JWT is within the threshold of its expiry (or past it).
	 * @param jwt the validated session JWT
	 * @param threshold how long before {@code exp} a token is refreshed
	 * @param now the current time
	 * @return {@code true} when it should be refreshed
	 */
	public static boolean needsRefresh(Jwt jwt, Duration threshold, Instant now) {
		Instant exp = jwt.getExpiresAt();
		return exp == null || !exp.minus(threshold).isAfter(now);
	}

	/**
	 * Whether the session JWT has expired.
	 * @param jwt the session JWT, or {@code null} (expired)
	 * @param now the current time
	 * @return {@code true} when its {@code exp} is absent or not after {@code now}
	 */
	public static boolean isExpired(@Nullable Jwt jwt, Instant now) {
		Instant exp = (jwt != null) ? jwt.getExpiresAt() : null;
		return exp == null || !exp.isAfter(now);
	}

}
