package com.descope.notp.jwt;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.descope.notp.client.DescopeAvailability;
import com.descope.notp.observation.DescopeObservationConvention;
import com.descope.notp.observation.DescopeObservationDocumentation;
import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Builds the {@link JwtDecoder} that validates Descope session JWTs with a Nimbus
 * {@code DefaultJWTProcessor} and Spring's {@code Jwt} validators, answering as Spring's
 * {@link NimbusJwtDecoder} answers ({@link NimbusSessionJwtDecoder}):
 * <ul>
 * <li>keys from the project's JWKS ({@code GET /v2/keys/{projectId}}) through a Nimbus
 * {@link JWKSource} that caches them (default 10 min), refetches at most once per
 * rate-limit window (default 30 s) when a token names an unknown {@code kid}, and keeps
 * serving the cached keys while the JWKS endpoint is down (default up to 1 h); the
 * endpoint becoming unreachable is logged once at {@code WARN}, its recovery once at
 * {@code INFO} ({@link DescopeAvailability}); what the fetches got is recorded in a
 * {@link DescopeJwksState} for a health check to read;</li>
 * <li>the signature algorithm from an allow-list (default {@code RS256}), never from the
 * token alone: the token's {@code alg} must be allowed and match the key's
 * {@code alg};</li>
 * <li>a {@code kid} in the token's header, naming the key (as every Descope SDK looks
 * keys up); each key of the set is converted to a Java key once, not per token
 * ({@link KeyIdJwsKeySelector});</li>
 * <li>{@code exp} required, {@code exp} and {@code nbf} checked with a clock skew
 * (default 5 s, as every Descope SDK); {@code sub} (the user id) required;</li>
 * <li>the issuer ({@link DescopeIssuerValidator}) and the token kind
 * ({@link DescopeSessionTokenValidator});</li>
 * <li>the claims of the {@link Jwt} shaped as Spring's default claim-set converter shapes
 * them ({@code exp}, {@code iat}, {@code nbf} as {@code Instant}s), without its per-claim
 * conversion look-ups ({@link DescopeClaimSetConverter});</li>
 * <li>a size limit (default {@link SizeLimitedJwtDecoder#MAX_TOKEN_LENGTH} characters),
 * checked before anything parses the token;</li>
 * <li>a bounded cache of verified tokens ({@link CachingJwtDecoder}, default
 * {@value CachingJwtDecoder#DEFAULT_MAXIMUM_SIZE} entries), keyed by the whole token and
 * never serving a token at or past its {@code exp} nor longer than the JWKS cache
 * time-to-live after its verification, so a token seen before skips the signature
 * check.</li>
 * </ul>
 * With an {@link #observationRegistry(ObservationRegistry) ObservationRegistry}, each
 * validation is a {@code descope.token.validation} observation and each JWKS fetch a
 * {@code descope.jwks.fetch} one ({@link DescopeObservationDocumentation}).
 */
public final class DescopeJwtDecoderBuilder {

	private final @Nullable String jwkSetUri;

	private final @Nullable JWKSet jwkSet;

	private final String projectId;

	private List<String> algorithms = List.of("RS256");

	private Duration clockSkew = Duration.ofSeconds(5);

	private Duration jwksCacheTtl = Duration.ofMinutes(10);

	private Duration jwksRefreshTimeout = Duration.ofSeconds(15);

	private Duration jwksRateLimit = Duration.ofSeconds(30);

	private Duration jwksOutageTolerance = Duration.ofHours(1);

	private Duration connectTimeout = Duration.ofSeconds(5);

	private Duration readTimeout = Duration.ofSeconds(10);

	private int maxTokenLength = SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH;

	private int verifiedTokenCacheSize = CachingJwtDecoder.DEFAULT_MAXIMUM_SIZE;

	private Clock clock = Clock.systemUTC();

	private @Nullable DescopeJwksState jwksState;

	private final List<OAuth2TokenValidator<Jwt>> extraValidators = new ArrayList<>();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable DescopeObservationConvention observationConvention;

	private @Nullable Consumer<Cache<?, ?>> verifiedTokenCacheListener;

	private DescopeJwtDecoderBuilder(@Nullable String jwkSetUri, @Nullable JWKSet jwkSet, String projectId) {
		Assert.hasText(projectId, "projectId must not be empty");
		this.jwkSetUri = jwkSetUri;
		this.jwkSet = jwkSet;
		this.projectId = projectId;
	}

	/**
	 * A builder for a project's decoder.
	 * @param jwkSetUri the JWKS URI, for example
	 * {@code https://api.descope.com/v2/keys/P2abc...}
	 * @param projectId the project id the issuer must name
	 * @return the builder
	 */
	public static DescopeJwtDecoderBuilder withJwkSetUri(String jwkSetUri, String projectId) {
		Assert.hasText(jwkSetUri, "jwkSetUri must not be empty");
		return new DescopeJwtDecoderBuilder(jwkSetUri, null, projectId);
	}

	/**
	 * A builder for a decoder that trusts the given keys and fetches none, as
	 * {@code NimbusJwtDecoder.withPublicKey} does: for tests and for keys an application
	 * pins. Every other check is the same as with {@link #withJwkSetUri}; the JWKS cache
	 * settings do not apply.
	 * @param jwkSet the public keys, each with a {@code kid}
	 * @param projectId the project id the issuer must name
	 * @return the builder
	 * @throws IllegalArgumentException when the set holds a private key or a key with no
	 * {@code kid}
	 */
	public static DescopeJwtDecoderBuilder withJwkSet(JWKSet jwkSet, String projectId) {
		Assert.notNull(jwkSet, "jwkSet must not be null");
		jwkSet.getKeys().forEach((key) -> {
			Assert.isTrue(!key.isPrivate(), "jwkSet must hold public keys only");
			Assert.hasText(key.getKeyID(), "every key of jwkSet needs a kid");
		});
		return new DescopeJwtDecoderBuilder(null, jwkSet, projectId);
	}

	/**
	 * The JWS algorithms accepted.
	 * @param algorithms the JOSE names, for example {@code RS256}, {@code ES384}; default
	 * {@code RS256}
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
	 * How long fetched keys are used before the JWKS is fetched again. Keys are refreshed
	 * ahead of expiry in the background when the time-to-live is longer than 45 s.
	 * @param ttl default 10 min; must be positive and longer than the rate limit
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder jwksCacheTtl(Duration ttl) {
		Assert.isTrue(!ttl.isNegative() && !ttl.isZero(), "jwksCacheTtl must be positive");
		this.jwksCacheTtl = ttl;
		return this;
	}

	/**
	 * The rate-limit window of JWKS fetches: a token naming an unknown {@code kid} causes
	 * a refetch only when the window allows one (Nimbus allows two fetches per window,
	 * counting the one that opened it, for example the fetch that filled the cache).
	 * @param rateLimit default 30 s; must be positive and shorter than the cache
	 * time-to-live
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder jwksRateLimit(Duration rateLimit) {
		Assert.isTrue(!rateLimit.isNegative() && !rateLimit.isZero(), "jwksRateLimit must be positive");
		this.jwksRateLimit = rateLimit;
		return this;
	}

	/**
	 * How long the last fetched keys keep being used while the JWKS endpoint fails,
	 * counted from the last successful fetch.
	 * @param tolerance default 1 h; zero turns outage tolerance off
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder jwksOutageTolerance(Duration tolerance) {
		Assert.isTrue(!tolerance.isNegative(), "jwksOutageTolerance must not be negative");
		this.jwksOutageTolerance = tolerance;
		return this;
	}

	/**
	 * The longest token accepted; a longer one is refused as a bad token before its
	 * claims are parsed, a key is looked up or its signature checked.
	 * @param maxTokenLength in characters; default
	 * {@link SizeLimitedJwtDecoder#MAX_TOKEN_LENGTH}
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder maxTokenLength(int maxTokenLength) {
		Assert.isTrue(maxTokenLength > 0, "maxTokenLength must be positive");
		this.maxTokenLength = maxTokenLength;
		return this;
	}

	/**
	 * The bound of the cache of verified tokens ({@link CachingJwtDecoder}): a token
	 * accepted twice before, byte for byte (it is cached at its second verification, so a
	 * token sent once evicts none), is answered from the cache until its {@code exp} or
	 * the JWKS cache time-to-live after its verification
	 * ({@link #jwksCacheTtl(Duration)}), whichever is first, without a second signature
	 * check; refused tokens are never cached.
	 * @param verifiedTokenCacheSize in entries (tokens); default
	 * {@value CachingJwtDecoder#DEFAULT_MAXIMUM_SIZE}; {@code 0} turns the cache off
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder verifiedTokenCacheSize(int verifiedTokenCacheSize) {
		Assert.isTrue(verifiedTokenCacheSize >= 0, "verifiedTokenCacheSize must not be negative");
		this.verifiedTokenCacheSize = verifiedTokenCacheSize;
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
	 * The clock the decoder reads the time from: {@code exp} and {@code nbf} are checked
	 * against it, cached verified tokens and the cached key set expire by it, and the
	 * JWKS rate-limit window and outage tolerance are measured with it. (Only a
	 * background refresh of the key set ahead of its expiry, with a time-to-live longer
	 * than 45 s, is scheduled on the system clock.) Tests move it instead of waiting.
	 * @param clock default {@link Clock#systemUTC()}
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder clock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
		return this;
	}

	/**
	 * Where validations and JWKS fetches are observed.
	 * @param observationRegistry default {@link ObservationRegistry#NOOP} (nothing
	 * observed, nothing wrapped)
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder observationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * The convention of the {@code descope.token.validation} and
	 * {@code descope.jwks.fetch} observations.
	 * @param observationConvention the convention, or {@code null} for the registry's
	 * global one or the default
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder observationConvention(
			@Nullable DescopeObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	/**
	 * Given the verified-token cache when it is made (at the first token decoded), for
	 * example to bind Micrometer's {@code CaffeineCacheMetrics} to it; the cache then
	 * records its statistics. Not called when the cache is off.
	 * @param listener the listener, or {@code null} for none (the default: no statistics
	 * recorded)
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder verifiedTokenCacheListener(@Nullable Consumer<Cache<?, ?>> listener) {
		this.verifiedTokenCacheListener = listener;
		return this;
	}

	/**
	 * Where the decoder records what its JWKS fetches got and whether key look-ups had
	 * keys, for a health check to read without fetching anything. A state follows one
	 * decoder.
	 * @param jwksState the state to record in; by default one of the decoder's own, which
	 * nothing reads
	 * @return this builder
	 */
	public DescopeJwtDecoderBuilder jwksState(DescopeJwksState jwksState) {
		Assert.notNull(jwksState, "jwksState must not be null");
		this.jwksState = jwksState;
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
	 * Builds the decoder. Nothing is fetched until the first token is decoded, so an
	 * application starts while Descope is unreachable. The settings are checked now; the
	 * JWKS source, the Nimbus processor and the caches are made when the first token is
	 * decoded, which keeps their classes out of the application's start-up, and later
	 * changes to this builder do not reach the decoder.
	 * @return the decoder: a {@link SizeLimitedJwtDecoder} (the length is checked before
	 * anything parses the token) around a {@link CachingJwtDecoder} (unless the cache
	 * size is {@code 0}) around a {@link NimbusSessionJwtDecoder}; its {@code decode}
	 * throws {@code BadJwtException} for a token that fails any check and
	 * {@code JwtException} when no key could be had
	 * @throws IllegalStateException when the rate limit is not shorter than the cache
	 * time-to-live
	 */
	public JwtDecoder build() {
		Assert.state(this.jwksRateLimit.compareTo(this.jwksCacheTtl) < 0,
				() -> "The JWKS rate limit (" + this.jwksRateLimit
						+ ") must be shorter than the JWKS cache time-to-live (" + this.jwksCacheTtl + ")");
		Assert.state(this.jwkSet != null || this.jwkSetUri != null, "a JWKS URI or a JWK set is needed");
		Set<JWSAlgorithm> algorithms = this.algorithms.stream()
			.map(JWSAlgorithm::parse)
			.collect(Collectors.toUnmodifiableSet());
		JwtTimestampValidator timestamps = new JwtTimestampValidator(this.clockSkew);
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setClock(this.clock);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(timestamps);
		validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText));
		validators.add(new DescopeIssuerValidator(this.projectId));
		validators.add(new DescopeSessionTokenValidator());
		validators.addAll(this.extraValidators);
		// what the first token needs, taken now: later changes to this builder do not
		// reach the decoder
		Parts parts = new Parts(this.jwkSet, (this.jwkSet != null) ? null : toUrl(this.jwkSetUri), algorithms,
				new DelegatingOAuth2TokenValidator<>(validators), this.jwksCacheTtl, this.jwksRefreshTimeout,
				this.jwksRateLimit, this.jwksOutageTolerance, this.connectTimeout, this.readTimeout,
				this.verifiedTokenCacheSize, this.clock,
				(this.jwksState != null) ? this.jwksState : new DescopeJwksState(), this.observationRegistry,
				this.observationConvention, this.verifiedTokenCacheListener);
		JwtDecoder decoder = new DeferredJwtDecoder(parts::decoder);
		if (this.observationRegistry != ObservationRegistry.NOOP) {
			decoder = new ObservedJwtDecoder(decoder, this.observationRegistry, this.observationConvention);
		}
		return new SizeLimitedJwtDecoder(decoder, this.maxTokenLength);
	}

	private static URL toUrl(String uri) {
		try {
			return URI.create(uri).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid JWKS URI '" + uri + "'", ex);
		}
	}

	/**
	 * The settings of a built decoder, and the making of the parts the first token needs:
	 * the JWKS source, the Nimbus processor and the verified-token cache.
	 *
	 * @param jwkSet the keys to trust, or {@code null} to fetch them
	 * @param jwkSetUrl the JWKS URL, when there is no key set
	 * @param algorithms the accepted JWS algorithms
	 * @param validator the validators of the claims
	 * @param jwksCacheTtl how long fetched keys are kept
	 * @param jwksRefreshTimeout how long a refetch may take
	 * @param jwksRateLimit the shortest time between two fetches
	 * @param jwksOutageTolerance how long the cached keys serve while the JWKS endpoint
	 * is down
	 * @param connectTimeout the connect timeout of a fetch
	 * @param readTimeout the read timeout of a fetch
	 * @param verifiedTokenCacheSize the verified tokens kept, {@code 0} for none
	 * @param clock the clock of the caches
	 * @param jwksState where the fetches and look-ups are recorded
	 * @param observationRegistry where JWKS fetches are observed, and cache hits marked
	 * @param observationConvention the convention of the JWKS fetches, or {@code null}
	 * @param cacheListener given the verified-token cache when it is made, or
	 * {@code null}
	 */
	private record Parts(@Nullable JWKSet jwkSet, @Nullable URL jwkSetUrl, Set<JWSAlgorithm> algorithms,
			OAuth2TokenValidator<Jwt> validator, Duration jwksCacheTtl, Duration jwksRefreshTimeout,
			Duration jwksRateLimit, Duration jwksOutageTolerance, Duration connectTimeout, Duration readTimeout,
			int verifiedTokenCacheSize, Clock clock, DescopeJwksState jwksState,
			ObservationRegistry observationRegistry, @Nullable DescopeObservationConvention observationConvention,
			@Nullable Consumer<Cache<?, ?>> cacheListener) {

		JwtDecoder decoder() {
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			processor.setJWSKeySelector(new KeyIdJwsKeySelector(this.algorithms, jwkSource()));
			// typ is not checked (as Spring's decoder by default); the claims are checked
			// by the validators
			processor.setJWSTypeVerifier((type, context) -> {
			});
			processor.setJWTClaimsSetVerifier((claims, context) -> {
			});
			JwtDecoder decoder = new NimbusSessionJwtDecoder(processor, this.validator);
			if (this.verifiedTokenCacheSize <= 0) {
				return decoder;
			}
			CachingJwtDecoder caching = new CachingJwtDecoder(decoder, this.verifiedTokenCacheSize, this.jwksCacheTtl,
					this.clock, this.cacheListener != null);
			caching.setObservationRegistry(this.observationRegistry);
			if (this.cacheListener != null) {
				this.cacheListener.accept(caching.getCache());
			}
			return caching;
		}

		private JWKSource<SecurityContext> jwkSource() {
			if (this.jwkSet != null) {
				return new ImmutableJWKSet<>(this.jwkSet);
			}
			Assert.state(this.jwkSetUrl != null, "a JWKS URI or a JWK set is needed");
			DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) this.connectTimeout.toMillis(),
					(int) this.readTimeout.toMillis(), JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
			ResourceRetriever reporting = new AvailabilityReportingResourceRetriever(retriever,
					new DescopeAvailability("Descope's JWKS at " + this.jwkSetUrl), this.observationRegistry,
					this.observationConvention);
			JWKSourceBuilder<SecurityContext> source = JWKSourceBuilder
				.create(new StateRecordingJwkSetSource(new URLBasedJWKSetSource<>(this.jwkSetUrl, reporting),
						this.jwksState))
				.cache(this.jwksCacheTtl.toMillis(), this.jwksRefreshTimeout.toMillis())
				.rateLimited(this.jwksRateLimit.toMillis());
			// Nimbus refuses refresh-ahead unless refresh-ahead time + refresh timeout <
			// time-to-live
			if (this.jwksCacheTtl.toMillis() <= JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME
					+ this.jwksRefreshTimeout.toMillis()) {
				source.refreshAheadCache(false);
			}
			if (this.jwksOutageTolerance.isZero()) {
				source.outageTolerant(false);
			}
			else {
				source.outageTolerant(this.jwksOutageTolerance.toMillis());
			}
			return new RateLimitTolerantJwkSource(
					((JWKSetBasedJWKSource<SecurityContext>) source.build()).getJWKSetSource(), this.clock,
					this.jwksState);
		}

	}

}
