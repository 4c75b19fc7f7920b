package com.descope.notp.core;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

import com.descope.notp.client.JwtResponse;
import com.descope.notp.client.Redaction;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The tokens of a Descope session, as kept between requests, with what the cookie storage
 * needs to set its cookies. {@link #toString()} never shows a token.
 *
 * @param sessionJwt the session JWT ({@code DS}), or {@code null} when only the refresh
 * JWT is left (its cookie expired)
 * @param refreshJwt the refresh JWT ({@code DSR}), or {@code null} when not known
 * @param sessionExpiresAt the session JWT's {@code exp}, or {@code null}
 * @param refreshExpiresAt when the refresh JWT (and its cookie) expires, from Descope's
 * {@code cookieExpiration} / {@code cookieMaxAge}, or {@code null}
 * @param cookieDomain the cookie domain Descope suggests, or {@code null}
 * @param cookiePath the cookie path Descope suggests, or {@code null} for {@code /}
 */
public record DescopeTokens(@Nullable String sessionJwt, @Nullable String refreshJwt,
		@Nullable Instant sessionExpiresAt, @Nullable Instant refreshExpiresAt, @Nullable String cookieDomain,
		@Nullable String cookiePath) implements Serializable {

	@Serial
	private static final long serialVersionUID = 2L;

	/**
	 * Tokens with no cookie attributes.
	 * @param sessionJwt the session JWT
	 * @param refreshJwt the refresh JWT, or {@code null}
	 */
	public DescopeTokens(@Nullable String sessionJwt, @Nullable String refreshJwt) {
		this(sessionJwt, refreshJwt, null, null, null, null);
	}

	/**
	 * The tokens of a Descope answer (a login or a refresh). A refresh JWT is replaced
	 * only when Descope sent a new one (refresh-token rotation); otherwise the previous
	 * one is kept.
	 * @param response the answer from Descope
	 * @param sessionExpiresAt the new session JWT's {@code exp}
	 * @param previous the tokens before a refresh, or {@code null} at login
	 * @param now the current time, to turn {@code cookieMaxAge} into an instant
	 * @return the tokens to store
	 */
	public static DescopeTokens from(JwtResponse response, @Nullable Instant sessionExpiresAt,
			@Nullable DescopeTokens previous, Instant now) {
		boolean rotated = StringUtils.hasText(response.refreshJwt());
		String refreshJwt = rotated ? response.refreshJwt() : (previous != null) ? previous.refreshJwt() : null;
		Instant refreshExpiresAt = (response.cookieExpiration() != null && response.cookieExpiration() > 0)
				? Instant.ofEpochSecond(response.cookieExpiration())
				: (response.cookieMaxAge() != null && response.cookieMaxAge() > 0)
						? now.plusSeconds(response.cookieMaxAge()) : null;
		if (!rotated && previous != null && refreshExpiresAt == null) {
			refreshExpiresAt = previous.refreshExpiresAt();
		}
		return new DescopeTokens(response.sessionJwt(), refreshJwt, sessionExpiresAt, refreshExpiresAt,
				StringUtils.hasText(response.cookieDomain()) ? response.cookieDomain()
						: (previous != null) ? previous.cookieDomain() : null,
				StringUtils.hasText(response.cookiePath()) ? response.cookiePath()
						: (previous != null) ? previous.cookiePath() : null);
	}

	@Override
	public String toString() {
		return "DescopeTokens[sessionJwt=" + Redaction.redact(this.sessionJwt) + ", refreshJwt="
				+ Redaction.redact(this.refreshJwt) + ", sessionExpiresAt=" + this.sessionExpiresAt
				+ ", refreshExpiresAt=" + this.refreshExpiresAt + "]";
	}

}
