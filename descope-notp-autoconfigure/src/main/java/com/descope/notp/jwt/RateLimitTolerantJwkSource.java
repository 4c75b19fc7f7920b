package com.descope.notp.jwt;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The keys for a token from Nimbus' chain of key-set sources (cache, rate limit, outage
 * tolerance, fetch), on a given clock.
 * <ul>
 * <li><b>On the clock.</b> Looks keys up as Nimbus' {@link JWKSetBasedJWKSource} does
 * (the cached set, then, when no key matches, a refetch unless the cached set changed
 * meanwhile), passing the time from the given clock instead of the system's, so the
 * cache, the rate-limit window and the outage tolerance are measured with it.</li>
 * <li><b>Rate-limited refetches are no outage.</b> Lets a token that names an unknown
 * {@code kid} fail as a bad token, not as an outage, while the JWKS refetch it would
 * cause is rate-limited. Nimbus' rate-limited source throws
 * {@link RateLimitReachedException} for such a token; when the last fetch of the key set
 * worked, the cached keys are the truth and none of them matches, so this answers "no
 * key" (the decoder then rejects the token, {@code 401}). When the key set has never been
 * fetched successfully, the exception stands: the JWKS endpoint is down and the token may
 * be valid ({@code 503}).</li>
 * <li><b>Recorded.</b> Tells a {@link DescopeJwksState} whether each look-up had a key
 * set (fetched, cached or kept through an outage) or none.</li>
 * </ul>
 */
final class RateLimitTolerantJwkSource implements JWKSource<SecurityContext> {

	private final JWKSetSource<SecurityContext> source;

	private final Clock clock;

	private final DescopeJwksState state;

	private volatile boolean keySetAvailable;

	RateLimitTolerantJwkSource(JWKSetSource<SecurityContext> source, Clock clock, DescopeJwksState state) {
		this.source = source;
		this.clock = clock;
		this.state = state;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		try {
			List<JWK> keys = select(selector, context);
			this.keySetAvailable = true;
			this.state.lookedUp(true);
			return keys;
		}
		catch (RateLimitReachedException ex) {
			if (this.keySetAvailable) {
				this.state.lookedUp(true);
				return List.of();
			}
			this.state.lookedUp(false);
			throw ex;
		}
		catch (KeySourceException ex) {
			this.keySetAvailable = false;
			this.state.lookedUp(false);
			throw ex;
		}
	}

	private List<JWK> select(JWKSelector selector, SecurityContext context) throws KeySourceException {
		long now = this.clock.millis();
		JWKSet keySet = this.source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
		List<JWK> keys = selector.select(keySet);
		if (keys.isEmpty()) {
			JWKSet refetched = this.source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keySet), now,
					context);
			keys = selector.select(refetched);
		}
		return keys;
	}

}
