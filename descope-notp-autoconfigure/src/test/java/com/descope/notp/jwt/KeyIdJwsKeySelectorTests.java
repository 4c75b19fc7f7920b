package com.descope.notp.jwt;

import java.security.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyIdJwsKeySelector}: real RSA keys in a key set that a test can
 * replace, as a JWKS refetch replaces the cached set.
 */
class KeyIdJwsKeySelectorTests {

	private static RSAKey first;

	private static RSAKey second;

	private static RSAKey sameKidOtherKey;

	private final AtomicReference<JWKSet> keySet = new AtomicReference<>();

	private final JWKSource<SecurityContext> source = (selector, context) -> selector.select(this.keySet.get());

	private final KeyIdJwsKeySelector selector = new KeyIdJwsKeySelector(Set.of(JWSAlgorithm.RS256), this.source);

	@BeforeAll
	static void generateKeys() throws Exception {
		first = new RSAKeyGenerator(2048).keyID("K1").generate();
		second = new RSAKeyGenerator(2048).keyID("K2").generate();
		sameKidOtherKey = new RSAKeyGenerator(2048).keyID("K1").generate();
	}

	@Test
	void selectWhenKidNamesAKeyThenOnlyThatPublicKey() throws Exception {
		this.keySet.set(new JWKSet(List.of(first, second)));

		List<Key> keys = this.selector.selectJWSKeys(header("K2"), null);

		assertThat(keys).containsExactly(second.toRSAPublicKey());
	}

	@Test
	void selectWhenNoKidThenNoKeyEvenThoughTheSetHasOne() throws Exception {
		this.keySet.set(new JWKSet(first));

		assertThat(this.selector.selectJWSKeys(new JWSHeader(JWSAlgorithm.RS256), null)).isEmpty();
		assertThat(this.selector.selectJWSKeys(header(" "), null)).isEmpty();
	}

	@Test
	void selectWhenAlgorithmNotAllowedThenNoKey() throws Exception {
		this.keySet.set(new JWKSet(first));

		assertThat(this.selector.selectJWSKeys(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("K1").build(), null))
			.isEmpty();
	}

	@Test
	void selectWhenUnknownKidThenNoKey() throws Exception {
		this.keySet.set(new JWKSet(first));

		assertThat(this.selector.selectJWSKeys(header("K9"), null)).isEmpty();
	}

	@Test
	void selectWhenSameKeySetAgainThenTheConvertedKeyIsReused() throws Exception {
		this.keySet.set(new JWKSet(first));

		Key once = this.selector.selectJWSKeys(header("K1"), null).get(0);
		Key twice = this.selector.selectJWSKeys(header("K1"), null).get(0);

		assertThat(twice).isSameAs(once);
	}

	@Test
	void selectWhenKeySetRefetchedWithAnotherKeyUnderTheSameKidThenTheNewKey() throws Exception {
		this.keySet.set(new JWKSet(first));
		Key before = this.selector.selectJWSKeys(header("K1"), null).get(0);

		this.keySet.set(new JWKSet(sameKidOtherKey));
		List<Key> after = this.selector.selectJWSKeys(header("K1"), null);

		assertThat(before).isEqualTo(first.toRSAPublicKey());
		assertThat(after).containsExactly(sameKidOtherKey.toRSAPublicKey());
	}

	@Test
	void selectWhenTheSetHoldsPrivateKeysThenOnlyPublicKeysAreReturned() throws Exception {
		this.keySet.set(new JWKSet(first)); // the private parts included

		assertThat(this.selector.selectJWSKeys(header("K1"), null)).containsExactly(first.toRSAPublicKey());
	}

	private static JWSHeader header(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
	}

}
