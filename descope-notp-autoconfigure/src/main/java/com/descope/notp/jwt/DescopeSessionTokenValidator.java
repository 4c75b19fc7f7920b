package com.descope.notp.jwt;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts only a session JWT: its {@code drn} claim must be {@code DS}
 * ({@code docs/descope-protocol.md}, "Session or refresh"), so a refresh JWT
 * ({@code DSR}) or a token of no stated kind can never stand in for a session.
 */
public final class DescopeSessionTokenValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error NOT_A_SESSION_TOKEN = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token is not a Descope session token", "https://tools.ietf.org/html/rfc6750#section-3.1");

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		return DescopeClaimNames.SESSION_TOKEN_DRN.equals(token.getClaims().get(DescopeClaimNames.DRN))
				? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(NOT_A_SESSION_TOKEN);
	}

}
