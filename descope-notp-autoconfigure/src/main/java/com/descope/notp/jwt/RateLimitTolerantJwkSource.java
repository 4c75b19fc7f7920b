package com.descope.notp.jwt;

import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Lets a token that names an unknown {@code kid} fail as a bad token, not as an outage,
 * while the JWKS refetch it would cause is rate-limited. Nimbus' rate-limited source
 * throws {@link RateLimitReachedException} for such a token; when the last fetch of the
 * key set worked, the cached keys are the truth and none of them matches, so this answers
 * "no key" (the decoder then rejects the token, {@code 401}). When the key set has never
 * been fetched successfully, the exception stands: the JWKS endpoint is down and the
 * token may be valid ({@code 503}).
 */
final class RateLimitTolerantJwkSource implements JWKSource<SecurityContext> {

	private final JWKSource<SecurityContext> delegate;

	private volatile boolean keySetAvailable;

	RateLimitTolerantJwkSource(JWKSource<SecurityContext> delegate) {
		this.delegate = delegate;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		try {
			List<JWK> keys = this.delegate.get(selector, context);
			this.keySetAvailable = true;
			return keys;
		}
		catch (RateLimitReachedException ex) {
			if (this.keySetAvailable) {
				return List.of();
			}
			throw ex;
		}
		catch (KeySourceException ex) {
			this.keySetAvailable = false;
			throw ex;
		}
	}

}
