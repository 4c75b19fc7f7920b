package com.descope.notp.test.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The test support's Descope project: an id and an RS256 key pair, made once per JVM. The
 * session JWTs of {@link WithMockDescopeUser} and the MockMvc request post-processors are
 * signed with its key when the application under test has no Descope emulator, and the
 * {@code JwtDecoder} the test support gives {@code @WebMvcTest} slices trusts it, so a
 * slice validates real signatures without fetching any JWKS.
 */
public final class DescopeTestKeys {

	/** The test project's id, the issuer of its session JWTs: {@value}. */
	public static final String PROJECT_ID = "P2DescopeTestProject000000000";

	/** The {@code kid} of the test key: {@value}. */
	public static final String KEY_ID = "descope-test-key";

	private DescopeTestKeys() {
	}

	/**
	 * The test key pair.
	 * @return a 2048-bit RSA key for {@code RS256}, with its private part; the same for
	 * the life of the JVM
	 */
	public static RSAKey signingKey() {
		return Holder.KEY;
	}

	/**
	 * The public half of the test key, as a JWKS would serve it.
	 * @return a set of one public key named {@link #KEY_ID}
	 */
	public static JWKSet jwkSet() {
		return new JWKSet(Holder.KEY.toPublicJWK());
	}

	/** Makes the key at first use only (an RSA key takes tens of milliseconds). */
	private static final class Holder {

		static final RSAKey KEY = generate();

		private static RSAKey generate() {
			try {
				return new RSAKeyGenerator(2048).keyID(KEY_ID)
					.algorithm(JWSAlgorithm.RS256)
					.keyUse(KeyUse.SIGNATURE)
					.generate();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("cannot create the test RSA key", ex);
			}
		}

	}

}
