package com.descope.notp.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * Descope could not answer: unreachable, timed out, failing ({@code 5xx}) or
 * rate-limiting ({@code 429}). Answered {@code 503} (or {@code 429}) with
 * {@code Retry-After}; the flow is kept, so the person can still finish once Descope
 * answers again.
 */
public class DescopeUnavailableException extends AuthenticationServiceException {

	private final boolean rateLimited;

	private final @Nullable Duration retryAfter;

	/**
	 * An outage.
	 * @param message a short description
	 * @param rateLimited {@code true} when Descope answered {@code 429}
	 * @param retryAfter the wait Descope asked for, or {@code null}
	 */
	public DescopeUnavailableException(String message, boolean rateLimited, @Nullable Duration retryAfter) {
		super(message);
		this.rateLimited = rateLimited;
		this.retryAfter = retryAfter;
	}

	/**
	 * Whether Descope rate-limited the call.
	 * @return {@code true} for a {@code 429}
	 */
	public boolean isRateLimited() {
		return this.rateLimited;
	}

	/**
	 * The wait Descope asked for.
	 * @return the wait, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
