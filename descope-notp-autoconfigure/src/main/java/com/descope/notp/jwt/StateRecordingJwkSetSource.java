package com.descope.notp.jwt;

import java.io.IOException;
import java.time.Instant;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The innermost of Nimbus' chain of key-set sources, under the cache, the rate limit and
 * the outage tolerance: each call is a real fetch of the JWKS, whose outcome (the number
 * of keys, or the kind of failure, at the time Nimbus passes) it records in a
 * {@link DescopeJwksState}. A fetch that got an answer that is no JWKS counts as failed,
 * as Nimbus treats it.
 */
final class StateRecordingJwkSetSource implements JWKSetSource<SecurityContext> {

	private final JWKSetSource<SecurityContext> delegate;

	private final DescopeJwksState state;

	StateRecordingJwkSetSource(JWKSetSource<SecurityContext> delegate, DescopeJwksState state) {
		this.delegate = delegate;
		this.state = state;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		try {
			JWKSet keySet = this.delegate.getJWKSet(refreshEvaluator, currentTime, context);
			this.state.fetched(keySet.size(), Instant.ofEpochMilli(currentTime));
			return keySet;
		}
		catch (KeySourceException | RuntimeException ex) {
			this.state.fetchFailed(reason(ex), Instant.ofEpochMilli(currentTime));
			throw ex;
		}
	}

	/**
	 * The kind of failure: that of the I/O failure Nimbus wrapped (an HTTP status or the
	 * exception's class name), else the exception's class name; never a message.
	 * @param ex the failure
	 * @return the kind
	 */
	private static String reason(Exception ex) {
		return (ex.getCause() instanceof IOException io) ? AvailabilityReportingResourceRetriever.reason(io)
				: ex.getClass().getSimpleName();
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

}
