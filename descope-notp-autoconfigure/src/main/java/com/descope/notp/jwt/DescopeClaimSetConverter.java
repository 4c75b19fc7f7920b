package com.descope.notp.jwt;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * Turns the claims Nimbus parsed from a signature-checked token into the claims of Spring's
 * {@code Jwt}, with the same shapes as Spring's default {@link MappedJwtClaimSetConverter} gives
 * for a Descope token: {@code exp}, {@code iat} and {@code nbf} as {@link Instant}s (Nimbus parses
 * them, as RFC 7519 section 2 NumericDates, into {@link Date}s); {@code iat} set to one second
 * before {@code exp} when the token has none (as Spring does); every other claim as Nimbus parsed
 * it ({@code iss}, {@code sub} and {@code jti} strings, {@code aud} a list of strings, JSON arrays
 * lists, JSON objects maps).
 * <p>
 * Why not Spring's converter: it sends every registered claim through a {@code ConversionService}
 * look-up (and {@code iss} through a URL parse) on each token, about a tenth of the time a
 * token's first validation takes; the Nimbus parser has already given these claims their types.
 */
final class DescopeClaimSetConverter implements Converter<Map<String, Object>, Map<String, Object>> {

	@Override
	public Map<String, Object> convert(Map<String, Object> claims) {
		Map<String, Object> converted = new HashMap<>(claims);
		toInstant(converted, JwtClaimNames.EXP);
		toInstant(converted, JwtClaimNames.NBF);
		toInstant(converted, JwtClaimNames.IAT);
		if (converted.get(JwtClaimNames.IAT) == null
				&& converted.get(JwtClaimNames.EXP) instanceof Instant expiresAt) {
			converted.put(JwtClaimNames.IAT, expiresAt.minusSeconds(1));
		}
		return converted;
	}

	private static void toInstant(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value instanceof Date date) {
			claims.put(name, date.toInstant());
		}
		else if (value instanceof Number seconds) {
			claims.put(name, Instant.ofEpochSecond(seconds.longValue()));
		}
	}

}
