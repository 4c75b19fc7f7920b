package com.descope.notp.jwt;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.Assert;

/**
 * A {@link JwtDecoder} made when the first token is decoded, once, however many threads
 * decode at the same time: {@link DescopeJwtDecoderBuilder#build()} checks its settings
 * at once and leaves the Nimbus processor, the JWKS source and the caches (Nimbus' and
 * Caffeine's classes, a few tens of milliseconds of an application's start-up) to the
 * first token. Spring Security's {@code SupplierJwtDecoder} does the same for a decoder
 * whose issuer must be asked for its keys' address.
 */
final class DeferredJwtDecoder implements JwtDecoder, VerifiedTokenLookup {

	private final Supplier<JwtDecoder> factory;

	private volatile @Nullable JwtDecoder delegate;

	/**
	 * A decoder that makes its delegate at the first token.
	 * @param factory makes the delegate; called once
	 */
	DeferredJwtDecoder(Supplier<JwtDecoder> factory) {
		Assert.notNull(factory, "factory must not be null");
		this.factory = factory;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		return delegate().decode(token);
	}

	/**
	 * The delegate's cached answer, once the delegate is made; before the first decode
	 * there is nothing cached, and making the delegate is left to {@link #decode} (it
	 * builds the JWKS source and the Nimbus processor, which is not for an event loop).
	 */
	@Override
	public @Nullable Jwt verified(@Nullable String token) {
		return (this.delegate instanceof VerifiedTokenLookup lookup) ? lookup.verified(token) : null;
	}

	private JwtDecoder delegate() {
		JwtDecoder delegate = this.delegate;
		if (delegate == null) {
			synchronized (this) {
				delegate = this.delegate;
				if (delegate == null) {
					delegate = this.factory.get();
					this.delegate = delegate;
				}
			}
		}
		return delegate;
	}

}
