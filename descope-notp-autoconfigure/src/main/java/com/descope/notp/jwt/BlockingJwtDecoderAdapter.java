package com.descope.notp.jwt;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.Assert;

/**
 * The starter's {@link JwtDecoder} as a {@link ReactiveJwtDecoder} for reactive
 * applications: the same decoder instance as the servlet side's, so the same Nimbus
 * processor, JWKS cache, outage tolerance and verified-token cache
 * ({@link CachingJwtDecoder}), decoding on a bounded scheduler
 * ({@link Schedulers#boundedElastic()} by default).
 * <p>
 * Why a scheduler: a decode may block. A token whose key is not in the JWKS cache (the
 * first token, a rotated key, the cache's time-to-live passed) makes Nimbus fetch the
 * JWKS over blocking HTTP, up to the connect and read timeouts of {@code descope.http.*};
 * that must never run on an event-loop thread. A token in the verified-token cache is
 * answered from memory ({@link VerifiedTokenLookup}, asked first, on the subscribing
 * thread): a map read, so a returning client costs no hand-off between threads. Any other
 * token moves to the scheduler, since whether its key is cached cannot be known before
 * decoding: the cost is one hand-off per unseen token, not a blocked event loop.
 */
public final class BlockingJwtDecoderAdapter implements ReactiveJwtDecoder {

	private final JwtDecoder delegate;

	private final Scheduler scheduler;

	/**
	 * An adapter decoding on {@link Schedulers#boundedElastic()}.
	 * @param delegate the blocking decoder
	 */
	public BlockingJwtDecoderAdapter(JwtDecoder delegate) {
		this(delegate, Schedulers.boundedElastic());
	}

	/**
	 * An adapter decoding on a given scheduler.
	 * @param delegate the blocking decoder
	 * @param scheduler where decodes run; a bounded one, never a non-blocking one
	 */
	public BlockingJwtDecoderAdapter(JwtDecoder delegate, Scheduler scheduler) {
		Assert.notNull(delegate, "delegate must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		this.delegate = delegate;
		this.scheduler = scheduler;
	}

	/**
	 * The blocking decoder this adapter calls.
	 * @return the delegate
	 */
	public JwtDecoder getDelegate() {
		return this.delegate;
	}

	/**
	 * Decodes a token: a token the delegate has verified before and still caches, on the
	 * subscribing thread; any other on the scheduler.
	 * @param token the compact JWT
	 * @return the validated JWT, or an error as the delegate throws
	 * ({@code BadJwtException} for a refused token, {@code JwtException} when no key
	 * could be had)
	 */
	@Override
	public Mono<Jwt> decode(String token) {
		Mono<Jwt> decoded = Mono.fromCallable(() -> this.delegate.decode(token)).subscribeOn(this.scheduler);
		if (!(this.delegate instanceof VerifiedTokenLookup lookup)) {
			return decoded;
		}
		return Mono.defer(() -> {
			Jwt cached = lookup.verified(token);
			return (cached != null) ? Mono.just(cached) : decoded;
		});
	}

}
