package com.descope.notp.jwt;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.Assert;

/**
 * A {@link JwtDecoder} that refuses a token longer than a limit before anything parses
 * it: the check is a length comparison, so an oversized token costs no Base64 decoding,
 * JSON parsing, key lookup, JWKS fetch or signature check. A refused token fails as a bad
 * token ({@link BadJwtException}, so {@code 401}), never as an outage.
 * <p>
 * {@link DescopeJwtDecoderBuilder#build()} returns its decoder wrapped in this class.
 * Note that a token sent in a header or cookie over the servlet container's own limit
 * (Tomcat: {@code server.max-http-request-header-size}, 8 KB by default, for all headers
 * together) is answered by the container before the application sees the request.
 */
public final class SizeLimitedJwtDecoder implements JwtDecoder, VerifiedTokenLookup {

	/**
	 * The default longest token accepted, in characters. Descope session JWTs are well
	 * under 2 KB for ordinary users; a token has to fit a cookie (4096 bytes in browsers)
	 * and, by default, Tomcat's 8 KB request-header limit anyway.
	 */
	public static final int MAX_TOKEN_LENGTH = 8192;

	private final JwtDecoder delegate;

	private final int maxTokenLength;

	/**
	 * A decoder that refuses tokens over {@link #MAX_TOKEN_LENGTH} characters.
	 * @param delegate the decoder of tokens within the limit
	 */
	public SizeLimitedJwtDecoder(JwtDecoder delegate) {
		this(delegate, MAX_TOKEN_LENGTH);
	}

	/**
	 * A decoder that refuses tokens over a given length.
	 * @param delegate the decoder of tokens within the limit
	 * @param maxTokenLength the longest token accepted, in characters; must be positive
	 */
	public SizeLimitedJwtDecoder(JwtDecoder delegate, int maxTokenLength) {
		Assert.notNull(delegate, "delegate must not be null");
		Assert.isTrue(maxTokenLength > 0, "maxTokenLength must be positive");
		this.delegate = delegate;
		this.maxTokenLength = maxTokenLength;
	}

	/**
	 * Decodes a token within the limit with the delegate.
	 * @param token the compact JWT
	 * @return the validated JWT
	 * @throws BadJwtException when the token is longer than the limit, or as the delegate
	 * throws
	 * @throws JwtException as the delegate throws
	 */
	@Override
	public Jwt decode(String token) throws JwtException {
		if (token != null && token.length() > this.maxTokenLength) {
			throw new BadJwtException(tooLongMessage(this.maxTokenLength));
		}
		return this.delegate.decode(token);
	}

	/**
	 * The delegate's cached answer for a token within the limit, when the delegate keeps
	 * one ({@link VerifiedTokenLookup}); from memory only.
	 * @param token the compact JWT, or {@code null}
	 * @return the cached JWT, or {@code null} when the token is over the limit (so that
	 * {@link #decode} refuses it) or must be decoded
	 */
	@Override
	public @Nullable Jwt verified(@Nullable String token) {
		if (token == null || token.length() > this.maxTokenLength
				|| !(this.delegate instanceof VerifiedTokenLookup lookup)) {
			return null;
		}
		return lookup.verified(token);
	}

	static String tooLongMessage(int maxTokenLength) {
		return "The token is longer than " + maxTokenLength + " characters";
	}

}
