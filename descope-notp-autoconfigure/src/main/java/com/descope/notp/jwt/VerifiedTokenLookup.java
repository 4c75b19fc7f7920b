package com.descope.notp.jwt;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A decoder that can tell, from memory alone, whether it has already verified a token:
 * the answer never parses, fetches or checks a signature, so it never blocks and may run
 * on an event-loop thread. {@link BlockingJwtDecoderAdapter} asks it first and moves to
 * its bounded scheduler only when it answers {@code null}.
 * <p>
 * {@link CachingJwtDecoder} answers from its verified-token cache; the decoders that
 * {@link DescopeJwtDecoderBuilder} wraps around it pass the question on.
 */
interface VerifiedTokenLookup {

	/**
	 * The token's verified JWT if it is in the verified-token cache and still before its
	 * entry's end ({@code exp}, or the keys' time-to-live after it was verified);
	 * otherwise {@code null}, and the caller decodes the token in full (which judges it,
	 * including one that is refused, expired or too long).
	 * @param token the compact JWT, or {@code null}
	 * @return the cached JWT, or {@code null} when the token must be decoded
	 */
	@Nullable Jwt verified(@Nullable String token);

}
