package com.descope.notp.jwt;

import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.Assert;

/**
 * Decodes a signed JWT with a Nimbus {@link JWTProcessor} (parse, key selection,
 * signature), then builds Spring's {@link Jwt} and applies Spring
 * {@link OAuth2TokenValidator}s, as Spring's {@link NimbusJwtDecoder} does, with the same
 * exceptions for the same cases:
 * <ul>
 * <li>{@link BadJwtException} (so {@code 401}) for a token that is not a well-formed
 * signed JWT (unsigned {@code alg: none} and encrypted JWTs included), that Nimbus
 * refuses (no matching key, bad signature, disallowed algorithm), or whose claims cannot
 * form a {@code Jwt} (for example {@code iat} not before {@code exp});</li>
 * <li>{@link JwtValidationException} (a {@code BadJwtException}) when a validator refuses
 * it, carrying every validator's errors;</li>
 * <li>{@link JwtException} (not a bad token: {@code 503}) when no signing key could be
 * had or the signature could not be computed.</li>
 * </ul>
 * The difference is the cost of a token's first validation: the claims Nimbus parsed are
 * shaped once ({@link DescopeClaimSetConverter}) and handed to the {@code Jwt}
 * constructor, instead of Spring's per-claim conversion look-ups and its builder's two
 * further copies of the claims and headers (together about a sixth of a miss, measured by
 * the benchmarks module). Exception messages never contain the token.
 */
final class NimbusSessionJwtDecoder implements JwtDecoder {

	private final JWTProcessor<SecurityContext> processor;

	private final OAuth2TokenValidator<Jwt> validator;

	private final DescopeClaimSetConverter claimSetConverter = new DescopeClaimSetConverter();

	/**
	 * The headers of verified tokens by their Base64URL form: a project's tokens share a
	 * handful (one per signing key), so the map Nimbus would build again for each token
	 * is built once. Only signature-checked headers are ever inserted.
	 */
	private final Cache<String, Map<String, Object>> headers = Caffeine.newBuilder()
		.maximumSize(64)
		.executor(Runnable::run)
		.build();

	/**
	 * A decoder on a configured processor.
	 * @param processor parses and verifies the token; its claims verifier should accept
	 * everything the validator checks
	 * @param validator the checks of the claims
	 */
	NimbusSessionJwtDecoder(JWTProcessor<SecurityContext> processor, OAuth2TokenValidator<Jwt> validator) {
		Assert.notNull(processor, "processor must not be null");
		Assert.notNull(validator, "validator must not be null");
		this.processor = processor;
		this.validator = validator;
	}

	@Override
	public Jwt decode(@Nullable String token) throws JwtException {
		if (token == null) {
			throw new BadJwtException("No token");
		}
		SignedJWT signed = parse(token);
		Jwt jwt = toJwt(token, signed, process(signed));
		OAuth2TokenValidatorResult result;
		try {
			result = this.validator.validate(jwt);
		}
		catch (RuntimeException ex) {
			throw new BadJwtException("The token's claims could not be checked", ex);
		}
		if (result.hasErrors()) {
			throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return jwt;
	}

	private static SignedJWT parse(String token) {
		JWT jwt;
		try {
			jwt = JWTParser.parse(token);
		}
		catch (ParseException | RuntimeException ex) {
			throw new BadJwtException("The token is not a well-formed JWT", ex);
		}
		if (jwt instanceof SignedJWT signed) {
			return signed;
		}
		throw new BadJwtException("The token is not a signed JWT");
	}

	private JWTClaimsSet process(SignedJWT jwt) {
		try {
			return this.processor.process(jwt, null);
		}
		catch (KeySourceException ex) {
			throw new JwtException("The signing keys could not be had", ex);
		}
		catch (JOSEException ex) {
			throw new JwtException("The signature could not be checked", ex);
		}
		catch (BadJOSEException ex) {
			throw new BadJwtException("The token was refused: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new BadJwtException("The token could not be read", ex);
		}
	}

	private Jwt toJwt(String token, SignedJWT signed, JWTClaimsSet claimsSet) {
		try {
			Map<String, Object> claims = this.claimSetConverter.convert(claimsSet.getClaims());
			Map<String, Object> header = this.headers.get(signed.getHeader().getParsedBase64URL().toString(),
					(encoded) -> Collections.unmodifiableMap(signed.getHeader().toJSONObject()));
			return new Jwt(token, (Instant) claims.get(JwtClaimNames.IAT), (Instant) claims.get(JwtClaimNames.EXP),
					header, claims);
		}
		catch (RuntimeException ex) {
			throw new BadJwtException("The token's claims do not form a JWT", ex);
		}
	}

}
