package com.descope.notp.jwt;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Builds the {@link NimbusJwtDecoder} that validates Descope session JWTs:
 * <ul>
 * <li>keys from the project's JWKS ({@code GET /v2/keys/{projectId}}) through a Nimbus
 * {@link JWKSource} that caches them (default 10 min), refetches at most once per rate-limit
 * window (default 30 s) when a token names an unknown {@code kid}, and keeps serving the cached
 * keys while the JWKS endpoint is down (default up to 1 h);</li>
 * <li>the signature algorithm from an allow-list (default {@code RS256}), never from the token
 * alone: the token's {@code alg} must be allowed and match the key's {@code alg};</li>
 * <li>{@code exp} required, {@code exp} and {@code nbf} checked with a clock skew (default 5 s,
 * as every Descope SDK); {@code sub} (the user id) required;</li>
 * <li>the issuer ({@link DescopeIssuerValidator}) and the token kind
 * ({@link DescopeSessionTokenValidator}).</li>
 * </ul>
 */
public final class DescopeJwtDecoderBuilder {

	private final String jwkSetUri;

	private final String projectId;

	private List<String> algorithms = List.of("RS256");

	private Duration clockSkew = Duration.ofSeconds(5);

	private Duration jwksCacheTtl = Duration.ofMinutes(10);

	private Duration jwksRefreshTimeout = Duration.ofSeconds(15);

	private Duration jwksRateLimit = Duration.ofSeconds(30);

	private Duration jwksOutageTolerance = Duration.ofHours(1);

	private Duration connectTimeout = Duration.ofSeconds(5);

	private Duration readTimeout = Duration.ofSeconds(10);

	private final List<OAuth2TokenValidator<Jwt>> extraValidators = new ArrayList<>();

	private DescopeJwtDecoderBuilder(String jwkSetUri, String projectId) {
		Assert.hasText(jwkSetUri, "jwkSetUri must not be empty");
		Assert.hasText(projectId, "projectId must not be empty");
		this.jwkSetUri = jwkSetUri;
		this.projectId = projectId;
	}

	/**
	 * A builder for a project's decoder.
	 * @param jwkSetUri the JWKS URI, for example {@code https://api.descope.com/v2/keys/P2abc...}
	 * @param projectId the project id the issuer must name
	 * @return the builder
	 */
	public static DescopeJwtDecoderBuilder withJwkSetUri(String jwkSetUri, String projectId) {
		return new DescopeJwtDecoderBuilder(jwkSetUri, projectId);
	}

	/**
	 * The JWS algorithms accepted.
	 * @param algorithms JOSE names, for example {@code RS256}, {@code ES384}; default {@code RS256}
	 * @return this builder
	 * @throws IllegalArgumentException when a name is not a known signature algorithm
	 */
	public DescopeJwtDecoderBuilder algorithms(List<String> algorithms) {
		Assert.notEmpty(algorithms, "algorithms must not be empty");
		algorithms.forEach((name) -> Assert.notNull(SignatureAlgorithm.from(name),
				() -> "Unknown JWS signature algorithm '" + name + "'"));
		this.algorithms = List.copyOf(algorithms);
		return this;
	}

	/**
	 * The tolerance for {@code exp} and {@code nbf}.
	 * @param clockSkew default 5 s
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder clockSkew(Duration clockSkew) {
		Assert.isTrue(!clockSkew.isNegative(), "clockSkew must not be negative");
		this.clockSkew = clockSkew;
		return this;
	}

	/**
	 * How long fetched keys are used before the JWKS is fetched again.
	 * @param ttl default 10 min
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder jwksCacheTtl(Duration ttl) {
		this.jwksCacheTtl = ttl;
		return this;
	}

	/**
	 * The least time between two JWKS fetches caused by unknown {@code kid}s.
	 * @param rateLimit default 30 s
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder jwksRateLimit(Duration rateLimit) {
		this.jwksRateLimit = rateLimit;
		return this;
	}

	/**
	 * How long the last fetched keys keep being used while the JWKS endpoint fails.
	 * @param tolerance default 1 h
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder jwksOutageTolerance(Duration tolerance) {
		this.jwksOutageTolerance = tolerance;
		return this;
	}

	/**
	 * The connect and read timeouts of JWKS fetches.
	 * @param connectTimeout default 5 s
	 * @param readTimeout default 10 s
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder timeouts(Duration connectTimeout, Duration readTimeout) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		return this;
	}

	/**
	 * Adds a validator that runs after the built-in ones.
	 * @param validator for example an audience check
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder validator(OAuth2TokenValidator<Jwt> validator) {
		this.extraValidators.add(validator);
		return this;
	}

	/**
	 * Builds the decoder. Nothing is fetched until the first token is decoded, so an application
	 * starts while Descope is unreachable.
	 * @return the decoder; its {@code decode} throws {@code BadJwtException} for a token that fails
	 * any check and {@code JwtException} when no key could be had
	 */
	public NimbusJwtDecoder build() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource())
			.jwsAlgorithms((allowed) -> {
				allowed.clear();
				this.algorithms.forEach((name) -> allowed.add(SignatureAlgorithm.from(name)));
			})
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(this.clockSkew);
		timestamps.setAllowEmptyExpiryClaim(false);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(timestamps);
		validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText));
		validators.add(new DescopeIssuerValidator(this.projectId));
		validators.add(new DescopeSessionTokenValidator());
		validators.addAll(this.extraValidators);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	private JWKSource<SecurityContext> jwkSource() {
		DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) this.connectTimeout.toMillis(),
				(int) this.readTimeout.toMillis(), JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
		return new RateLimitTolerantJwkSource(JWKSourceBuilder.<SecurityContext>create(toUrl(this.jwkSetUri), retriever)
			.cache(this.jwksCacheTtl.toMillis(), this.jwksRefreshTimeout.toMillis())
			.rateLimited(this.jwksRateLimit.toMillis())
			.outageTolerant(this.jwksOutageTolerance.toMillis())
			.build());
	}

	private static URL toUrl(String uri) {
		try {
			return URI.create(uri).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid JWKS URI '" + uri + "'", ex);
		}
	}

}
