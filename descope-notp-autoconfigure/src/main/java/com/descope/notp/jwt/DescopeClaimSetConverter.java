package com.descope.notp.jwt;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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

	/**
	 * The claims as Spring shapes them.
	 * @param claims the claims Nimbus parsed ({@code JWTClaimsSet#getClaims()})
	 * @return a read-only view over {@code claims}, not a copy: a miss pays for every map
	 * operation, and the {@code Jwt} constructor copies its claims anyway
	 */
	@Override
	public Map<String, Object> convert(Map<String, Object> claims) {
		Instant defaultIssuedAt = (claims.get(JwtClaimNames.IAT) == null
				&& toInstant(claims.get(JwtClaimNames.EXP)) instanceof Instant expiresAt) ? expiresAt.minusSeconds(1)
						: null;
		return new SpringShapedClaims(claims, defaultIssuedAt);
	}

	private static @Nullable Object shape(String name, @Nullable Object value) {
		boolean numericDate = JwtClaimNames.EXP.equals(name) || JwtClaimNames.IAT.equals(name)
				|| JwtClaimNames.NBF.equals(name);
		return numericDate ? toInstant(value) : value;
	}

	private static @Nullable Object toInstant(@Nullable Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		return value;
	}

	/** Nimbus' claims with NumericDates as {@link Instant}s and, if needed, a default {@code iat}. */
	private static final class SpringShapedClaims extends AbstractMap<String, Object> {

		private final Map<String, Object> claims;

		private final @Nullable Instant defaultIssuedAt;

		private final boolean addsIssuedAt;

		SpringShapedClaims(Map<String, Object> claims, @Nullable Instant defaultIssuedAt) {
			this.claims = claims;
			this.defaultIssuedAt = defaultIssuedAt;
			this.addsIssuedAt = defaultIssuedAt != null && !claims.containsKey(JwtClaimNames.IAT);
		}

		@Override
		public int size() {
			return this.claims.size() + (this.addsIssuedAt ? 1 : 0);
		}

		@Override
		public @Nullable Object get(Object name) {
			if (JwtClaimNames.IAT.equals(name) && this.defaultIssuedAt != null) {
				return this.defaultIssuedAt;
			}
			return (name instanceof String claim) ? shape(claim, this.claims.get(claim)) : null;
		}

		@Override
		public boolean containsKey(Object name) {
			return this.claims.containsKey(name) || (this.addsIssuedAt && JwtClaimNames.IAT.equals(name));
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			return new AbstractSet<>() {

				@Override
				public int size() {
					return SpringShapedClaims.this.size();
				}

				@Override
				public Iterator<Entry<String, Object>> iterator() {
					return entries();
				}

			};
		}

		private Iterator<Entry<String, Object>> entries() {
			Iterator<Entry<String, Object>> claims = this.claims.entrySet().iterator();
			return new Iterator<>() {

				private boolean issuedAtAdded = !SpringShapedClaims.this.addsIssuedAt;

				@Override
				public boolean hasNext() {
					return claims.hasNext() || !this.issuedAtAdded;
				}

				@Override
				public Entry<String, Object> next() {
					if (claims.hasNext()) {
						Entry<String, Object> claim = claims.next();
						String name = claim.getKey();
						boolean defaulted = JwtClaimNames.IAT.equals(name) && SpringShapedClaims.this.defaultIssuedAt != null;
						return new SimpleImmutableEntry<>(name,
								defaulted ? SpringShapedClaims.this.defaultIssuedAt : shape(name, claim.getValue()));
					}
					if (!this.issuedAtAdded) {
						this.issuedAtAdded = true;
						return new SimpleImmutableEntry<>(JwtClaimNames.IAT, SpringShapedClaims.this.defaultIssuedAt);
					}
					throw new NoSuchElementException();
				}

			};
		}

	}

}
