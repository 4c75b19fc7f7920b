package com.descope.notp.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Descope's {@code JWTResponse} ({@code docs/descope-protocol.md}, "JWTResponse"): the
 * answer of a completed pending session, a refresh and a logout. Unknown fields are
 * ignored. When the project answers tokens in cookies, the client fills
 * {@code sessionJwt} / {@code refreshJwt} from the {@code DS} / {@code DSR}
 * {@code Set-Cookie} headers. {@link #toString()} never shows a token.
 *
 * @param sessionJwt the session JWT ({@code drn} {@code DS}); may be {@code null} or
 * empty
 * @param refreshJwt the refresh JWT ({@code drn} {@code DSR}); absent on a refresh unless
 * refresh token rotation is on
 * @param cookieDomain the domain Descope suggests for the cookies
 * @param cookiePath the path Descope suggests for the cookies
 * @param cookieMaxAge the refresh cookie's lifetime in seconds
 * @param cookieExpiration the refresh cookie's expiry in epoch seconds
 * @param user the user, when Descope sends it
 * @param firstSeen whether this is the user's first sign-in
 * @param sessionExpiration the session JWT's expiry in epoch seconds
 * @param nextRefreshSeconds seconds until the client should refresh, when Descope
 * suggests it
 * @param cookieName a custom name of the refresh cookie
 * @param sessionCookieName a custom name of the session cookie
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JwtResponse(@Nullable String sessionJwt, @Nullable String refreshJwt, @Nullable String cookieDomain,
		@Nullable String cookiePath, @Nullable Integer cookieMaxAge, @Nullable Long cookieExpiration,
		@Nullable DescopeUser user, @Nullable Boolean firstSeen, @Nullable Long sessionExpiration,
		@Nullable Integer nextRefreshSeconds, @Nullable String cookieName, @Nullable String sessionCookieName) {

	/**
	 * The same response with the tokens replaced where they were empty.
	 * @param sessionJwtFallback the session JWT to use when {@link #sessionJwt()} is
	 * empty
	 * @param refreshJwtFallback the refresh JWT to use when {@link #refreshJwt()} is
	 * empty
	 * @return the response with tokens filled in
	 */
	public JwtResponse withTokenFallbacks(@Nullable String sessionJwtFallback, @Nullable String refreshJwtFallback) {
		return new JwtResponse(hasText(this.sessionJwt) ? this.sessionJwt : sessionJwtFallback,
				hasText(this.refreshJwt) ? this.refreshJwt : refreshJwtFallback, this.cookieDomain, this.cookiePath,
				this.cookieMaxAge, this.cookieExpiration, this.user, this.firstSeen, this.sessionExpiration,
				this.nextRefreshSeconds, this.cookieName, this.sessionCookieName);
	}

	/**
	 * Whether a session JWT is present.
	 * @return {@code true} when {@link #sessionJwt()} is not empty
	 */
	public boolean hasSessionJwt() {
		return hasText(this.sessionJwt);
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public String toString() {
		return "JwtResponse[sessionJwt=" + Redaction.redact(this.sessionJwt) + ", refreshJwt="
				+ Redaction.redact(this.refreshJwt) + ", cookiePath=" + this.cookiePath + ", cookieMaxAge="
				+ this.cookieMaxAge + ", user=" + ((this.user != null) ? this.user.userId() : null) + ", firstSeen="
				+ this.firstSeen + "]";
	}

}
