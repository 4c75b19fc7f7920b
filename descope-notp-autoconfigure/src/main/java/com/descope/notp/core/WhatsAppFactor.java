package com.descope.notp.core;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import com.descope.notp.jwt.DescopeClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StringUtils;

/**
 * The WhatsApp factor ({@value NotpAuthenticationProvider#WHATSAPP_FACTOR_AUTHORITY}) a
 * Descope session proves, read from its tokens alone, so that an {@code Authentication}
 * rebuilt on a later request (from the {@code DS} cookie, a bearer token, after an
 * automatic refresh or a restart) carries the same factor, issued at the same time, as
 * the one built at login.
 *
 * <p>
 * The session proves the factor when its session JWT's {@code amr} names {@code whatsapp}
 * (Descope's authentication-method value for nOTP, see {@code docs/descope-protocol.md}).
 * The factor is issued at the earliest of:
 * <ul>
 * <li>the session JWT's {@code auth_time} (OpenID Connect Core 1.0, section 2) when it
 * carries one, else its {@code iat};</li>
 * <li>the refresh JWT's {@code iat}, when the refresh JWT is at hand and names the same
 * user: Descope issues it at the confirmation (a login or a step-up) and a refresh
 * without rotation keeps it, so a refresh never makes the confirmation look newer than it
 * was;</li>
 * <li>the factor of the authentication a refreshed session replaces, for the same user,
 * which covers refresh-token rotation where the starter holds the previous authentication
 * (the HTTP session mode).</li>
 * </ul>
 * The earliest is taken so that no token the browser holds can move the time forward. A
 * refresh JWT that comes with the session JWT but cannot date it (not a Descope refresh
 * JWT, another user's, without {@code iat}, unreadable) means the two were not issued
 * together: a browser whose {@code DSR} cookie was replaced, for example by a cookie set
 * from a sibling subdomain, after the starter refreshed its {@code DS} cookie. Such a
 * session proves no factor, since the session JWT's own time would be the refresh's. With
 * the session JWT alone (a bearer token, or a front end's {@code DS} cookie) the time is
 * that token's {@code auth_time} or {@code iat}; a client that refreshes its own session
 * JWT moves {@code iat} forward.
 */
final class WhatsAppFactor {

	/** Descope's {@code amr} value for a WhatsApp (nOTP) confirmation. */
	static final String AMR_WHATSAPP = "whatsapp";

	/**
	 * OpenID Connect Core 1.0, section 2: when the end user authenticated, in epoch
	 * seconds.
	 */
	static final String AUTH_TIME = "auth_time";

	/** Longer refresh JWTs are not read (the session JWT's own limit). */
	private static final int MAX_REFRESH_JWT_LENGTH = 8192;

	private WhatsAppFactor() {
	}

	/**
	 * The factor a session proves.
	 * @param sessionJwt the validated session JWT
	 * @param refreshJwt the session's refresh JWT, or {@code null} when not at hand
	 * @param previous the authentication this one replaces, or {@code null}
	 * @return the factor, or {@code null} when the session JWT's {@code amr} has no
	 * {@code whatsapp}, or when a refresh JWT is given that does not date it (see the
	 * class comment)
	 */
	static @Nullable FactorGrantedAuthority of(Jwt sessionJwt, @Nullable String refreshJwt,
			@Nullable DescopeAuthenticationToken previous) {
		if (!(sessionJwt.getClaims().get(DescopeClaimNames.AMR) instanceof List<?> amr)
				|| !amr.contains(AMR_WHATSAPP)) {
			return null;
		}
		Instant refreshIssuedAt = refreshIssuedAt(refreshJwt, sessionJwt.getSubject());
		if (StringUtils.hasText(refreshJwt) && refreshIssuedAt == null) {
			return null;
		}
		Instant issuedAt = earliest(sessionTime(sessionJwt), refreshIssuedAt);
		if (previous != null && Objects.equals(previous.getToken().getSubject(), sessionJwt.getSubject())) {
			issuedAt = earliest(issuedAt, issuedAt(previous));
		}
		if (issuedAt == null) {
			return null;
		}
		return FactorGrantedAuthority.withAuthority(NotpAuthenticationProvider.WHATSAPP_FACTOR_AUTHORITY)
			.issuedAt(issuedAt)
			.build();
	}

	private static @Nullable Instant sessionTime(Jwt sessionJwt) {
		Object authTime = sessionJwt.getClaims().get(AUTH_TIME);
		if (authTime instanceof Instant instant) {
			return instant;
		}
		if (authTime instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		return sessionJwt.getIssuedAt();
	}

	/**
	 * The refresh JWT's {@code iat}, read without checking its signature: it is only ever
	 * used to move the time back (see the class comment), and Descope checks the token
	 * itself on refresh.
	 * @param refreshJwt the refresh JWT, or {@code null} when there is none
	 * @param subject the session's subject, which the refresh JWT's {@code sub} must
	 * equal
	 * @return the {@code iat}, or {@code null} when the token is missing, too long, not a
	 * Descope refresh JWT of that subject, or cannot be parsed
	 */
	private static @Nullable Instant refreshIssuedAt(@Nullable String refreshJwt, @Nullable String subject) {
		if (refreshJwt == null || refreshJwt.length() > MAX_REFRESH_JWT_LENGTH) {
			return null;
		}
		try {
			JWTClaimsSet claims = JWTParser.parse(refreshJwt).getJWTClaimsSet();
			Date issued = claims.getIssueTime();
			if (issued == null || !DescopeClaimNames.REFRESH_TOKEN_DRN.equals(claims.getClaim(DescopeClaimNames.DRN))
					|| !Objects.equals(claims.getSubject(), subject)) {
				return null;
			}
			return issued.toInstant();
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Instant issuedAt(DescopeAuthenticationToken authentication) {
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor
					&& NotpAuthenticationProvider.WHATSAPP_FACTOR_AUTHORITY.equals(factor.getAuthority())) {
				return factor.getIssuedAt();
			}
		}
		return null;
	}

	private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}

}
