package com.descope.notp.core;

import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.JwtResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What {@link DescopeSessionManager#refresh(String, DescopeTokens)} came to: one of
 * {@link Refreshed}, {@link Refused} or {@link Unavailable}. An outage never signs anyone
 * out: only {@link Refused} means the session is over.
 */
public sealed interface RefreshResult
		permits RefreshResult.Refreshed, RefreshResult.Refused, RefreshResult.Unavailable {

	/**
	 * Descope refreshed the session and its new session JWT validated.
	 *
	 * @param tokens the tokens to keep: the new session JWT, the refresh JWT (the new one
	 * when Descope rotated it, else the one refreshed with) and the cookie attributes
	 * @param sessionJwt the validated new session JWT
	 * @param rotated whether Descope answered a new refresh JWT
	 */
	record Refreshed(DescopeTokens tokens, Jwt sessionJwt, boolean rotated) implements RefreshResult {

		@Override
		public String toString() {
			return "Refreshed[tokens=" + this.tokens + ", rotated=" + this.rotated + "]";
		}

	}

	/**
	 * Descope refused the refresh JWT (revoked, expired, unknown), or answered a session
	 * JWT that does not validate: the session is over.
	 *
	 * @param errorCode Descope's error code, or {@code null}
	 */
	record Refused(@Nullable String errorCode) implements RefreshResult {

	}

	/**
	 * Descope could not answer now (network, {@code 5xx}, {@code 429}), or its keys could
	 * not be fetched to check the new session JWT: keep the tokens and try again later.
	 *
	 * @param answer Descope's failed answer (with {@code Retry-After} when it sent one),
	 * or {@code null} when the keys could not be fetched
	 */
	record Unavailable(@Nullable DescopeResponse<JwtResponse> answer) implements RefreshResult {

	}

}
