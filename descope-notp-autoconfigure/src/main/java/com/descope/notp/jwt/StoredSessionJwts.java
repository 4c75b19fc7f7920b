package com.descope.notp.jwt;

import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.util.Assert;

/**
 * Rebuilds a session {@link Jwt} that this starter validated earlier and kept, from its
 * compact form: what a session store (Spring Session writing JSON) holds of the
 * {@code Jwt} inside a stored authentication. The result has the headers and claims the
 * decoder gave it, shaped the same way (numeric dates as {@code Instant}s); nothing is
 * checked again, neither signature nor expiry, exactly as when the {@code Jwt} object
 * itself is kept (JDK serialization). Never use it on a token that came with a request:
 * that goes through the {@code JwtDecoder}.
 */
public final class StoredSessionJwts {

	private static final DescopeClaimSetConverter claimSetConverter = new DescopeClaimSetConverter();

	private StoredSessionJwts() {
	}

	/**
	 * The {@code Jwt} of a stored, previously validated, compact session JWT.
	 * @param tokenValue the compact JWT ({@link Jwt#getTokenValue()})
	 * @return the {@code Jwt}
	 * @throws BadJwtException if the value is not a signed JWT whose claims form a
	 * {@code Jwt}
	 */
	public static Jwt read(String tokenValue) {
		Assert.hasText(tokenValue, "tokenValue must not be empty");
		try {
			SignedJWT signed = SignedJWT.parse(tokenValue);
			Map<String, Object> claims = claimSetConverter.convert(signed.getJWTClaimsSet().getClaims());
			return new Jwt(tokenValue, (Instant) claims.get(JwtClaimNames.IAT), (Instant) claims.get(JwtClaimNames.EXP),
					Collections.unmodifiableMap(signed.getHeader().toJSONObject()), claims);
		}
		catch (ParseException | RuntimeException ex) {
			throw new BadJwtException("The stored session token cannot be read", ex);
		}
	}

}
