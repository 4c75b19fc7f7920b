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
 * Turns the claims Nimbus parsed from a signature-checked token into the claims of
 * Spring's {@code Jwt}, with the same shapes as Spring's default
 * {@link MappedJwtClaimSetConverter} gives for a Descope token: {@code exp}, {@code iat}
 * and {@code nbf} as {@link Instant}s (Nimbus parses them, as RFC 7519 section 2
 * NumericDates, into {@link Date}s); {@code iat} set to one second before {@code exp}
 * when the token has none (as Spring does); a registered claim ({@code iss}, {@code sub},
 * {@code aud}, {@code exp}, {@code nbf}, {@code iat}, {@code jti}) whose value is JSON
 * {@code null} left out (as Spring does); every other claim as Nimbus parsed it
 * ({@code iss}, {@code sub} and {@code jti} strings, {@code aud} a list of strings, JSON
 * arrays lists, JSON objects maps).
 * <p>
 * Why not Spring's converter: it sends every registered claim through a
 * {@code ConversionService} look-up (and {@code iss} through a URL parse) on each token,
 * about a tenth of the time a token's first validation takes; the Nimbus parser has
 * already given these claims their types.
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

	/**
	 * Nimbus' claims with NumericDates as {@link Instant}s, registered claims of value
	 * {@code null} left out and, if needed, a default {@code iat}.
	 */
	private static final class SpringShapedClaims extends AbstractMap<String, Object> {

		private static final Set<String> REGISTERED = Set.of(JwtClaimNames.ISS, JwtClaimNames.SUB, JwtClaimNames.AUD,
				JwtClaimNames.EXP, JwtClaimNames.NBF, JwtClaimNames.IAT, JwtClaimNames.JTI);

		private final Map<String, Object> claims;

		private final @Nullable Instant defaultIssuedAt;

		private final int size;

		SpringShapedClaims(Map<String, Object> claims, @Nullable Instant defaultIssuedAt) {
			this.claims = claims;
			this.defaultIssuedAt = defaultIssuedAt;
			int size = 0;
			for (Entry<String, Object> claim : claims.entrySet()) {
				if (!isLeftOut(claim.getKey(), claim.getValue())) {
					size++;
				}
			}
			this.size = size + ((defaultIssuedAt != null) ? 1 : 0);
		}

		/**
		 * An {@code iat} of value {@code null} is left out too, and replaced by the
		 * default.
		 * @param name the claim name
		 * @param value the converted value, or {@code null}
		 * @return {@code true} when the claim is one of the registered ones and its value
		 * is {@code null}
		 */
		private static boolean isLeftOut(String name, @Nullable Object value) {
			return value == null && REGISTERED.contains(name);
		}

		@Override
		public int size() {
			return this.size;
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
			if (JwtClaimNames.IAT.equals(name) && this.defaultIssuedAt != null) {
				return true;
			}
			return (name instanceof String claim) && this.claims.containsKey(claim)
					&& !isLeftOut(claim, this.claims.get(claim));
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			return new AbstractSet<>() {

				@Override
				public int size() {
					return SpringShapedClaims.this.size;
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

				private @Nullable Entry<String, Object> next = advance();

				private boolean issuedAtAdded = SpringShapedClaims.this.defaultIssuedAt == null;

				private @Nullable Entry<String, Object> advance() {
					while (claims.hasNext()) {
						Entry<String, Object> claim = claims.next();
						String name = claim.getKey();
						boolean replaced = JwtClaimNames.IAT.equals(name)
								&& SpringShapedClaims.this.defaultIssuedAt != null;
						if (!replaced && !isLeftOut(name, claim.getValue())) {
							return new SimpleImmutableEntry<>(name, shape(name, claim.getValue()));
						}
					}
					return null;
				}

				@Override
				public boolean hasNext() {
					return this.next != null || !this.issuedAtAdded;
				}

				@Override
				public Entry<String, Object> next() {
					Entry<String, Object> current = this.next;
					if (current != null) {
						this.next = advance();
						return current;
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
