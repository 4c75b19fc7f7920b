package com.descope.notp.jwt;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.util.StringUtils;

/**
 * Nimbus' {@link JWSVerificationKeySelector} with two differences:
 * <ul>
 * <li>a token must name its key: a header without a {@code kid} selects no key (every
 * Descope token names one, as every Descope SDK looks keys up by it; without this, Nimbus
 * would try each key of the set);</li>
 * <li>each JWK of the set is turned into a Java {@link PublicKey} once, not once per
 * token: the conversion (decoding the modulus and exponent,
 * {@code KeyFactory.generatePublic}) is remembered per JWK instance of the cached key set
 * (Caffeine, weak keys, so identity) and dies with it when the set is fetched again.</li>
 * </ul>
 * The algorithm check, the matching of {@code kid}, key type, {@code use} and {@code alg}
 * ({@link JWKMatcher#forJWSHeader(JWSHeader)}) and the key source are Nimbus'.
 */
final class KeyIdJwsKeySelector extends JWSVerificationKeySelector<SecurityContext> {

	/**
	 * More than any key set holds at once; entries also go when their JWK is collected.
	 */
	private static final int MAXIMUM_KEYS = 256;

	private final Cache<JWK, List<Key>> publicKeys = Caffeine.newBuilder().weakKeys().maximumSize(MAXIMUM_KEYS).build();

	KeyIdJwsKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keySource) {
		super(algorithms, keySource);
	}

	/**
	 * The public keys of the set that may verify a token with this header.
	 * @param header the token's JWS header
	 * @param context unused
	 * @return the candidate keys; empty when the header has no {@code kid}, its
	 * {@code alg} is not allowed, or no key of the set matches
	 * @throws KeySourceException when the key set could not be had (the JWKS endpoint is
	 * down and the cached keys are beyond their outage tolerance, or were never fetched)
	 */
	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		if (!StringUtils.hasText(header.getKeyID())) {
			return List.of();
		}
		JWKMatcher matcher = createJWKMatcher(header);
		if (matcher == null) {
			return List.of();
		}
		List<JWK> matches = getJWKSource().get(new JWKSelector(matcher), context);
		if (matches.size() == 1) {
			return this.publicKeys.get(matches.get(0), KeyIdJwsKeySelector::toPublicKeys);
		}
		List<Key> keys = new ArrayList<>();
		for (JWK jwk : matches) {
			keys.addAll(this.publicKeys.get(jwk, KeyIdJwsKeySelector::toPublicKeys));
		}
		return keys;
	}

	private static List<Key> toPublicKeys(JWK jwk) {
		// KeyConverter skips a JWK it cannot convert; a private or secret part is never
		// used to verify
		return KeyConverter.toJavaKeys(List.of(jwk)).stream().filter(PublicKey.class::isInstance).toList();
	}

}
