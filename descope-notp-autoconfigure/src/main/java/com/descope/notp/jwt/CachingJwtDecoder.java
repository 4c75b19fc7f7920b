package com.descope.notp.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.Assert;

/**
 * A {@link JwtDecoder} that remembers the tokens its delegate accepted, so a token seen
 * before costs a cache look-up instead of a parse, a key look-up and a signature check.
 * <ul>
 * <li><b>Keyed by the whole compact token string</b> (header, payload and signature): a
 * token that differs in any character, for example a tampered payload, is a different key
 * and goes to the delegate, which checks its signature. Keys compare every character;
 * only the hash code is taken from the token's last {@value #HASHED_SUFFIX_LENGTH}
 * characters (part of the signature, unpredictable for a genuine token) and its length,
 * so a look-up does not hash a whole kilobyte-long token. Only tokens the delegate
 * accepted are ever inserted, so no one without the signing key can crowd a hash
 * bucket.</li>
 * <li><b>Never past {@code exp}</b>: each entry expires at the token's {@code exp}
 * (Caffeine per-entry expiry of {@code exp - now}), and every hit re-checks {@code exp}
 * against the clock; a hit at or after {@code exp} falls through to the delegate, so an
 * expired token is judged by the delegate's validators (including their clock skew)
 * exactly as if it were never cached. A token without {@code exp}, or already at or past
 * it when accepted (inside the clock skew), is never cached.</li>
 * <li><b>Never longer than the keys are trusted</b>: an entry also expires
 * {@code maxTimeToLive} after the token was verified (the builder passes the JWKS cache
 * time-to-live, default 10 min), whichever comes first. So a key removed from the JWKS
 * stops vouching for cached tokens when it stops being used for new ones, and during a
 * JWKS outage a cached token is judged by the JWKS source's outage tolerance like any
 * other.</li>
 * <li><b>Only successes</b>: a token the delegate refuses (any {@link JwtException}) is
 * not cached and is refused again, in full, every time.</li>
 * <li><b>From the second sighting</b>: a verified token is inserted the second time it is
 * verified ({@link SecondSightingAdmission}), so it is served from the cache from its
 * third use on; a token sent once, as with many clients each sending a new token, costs
 * no insert and evicts nothing. An entry that lapsed (its {@code maxTimeToLive}) is
 * inserted again at its next verification unless another token took its admission
 * slot.</li>
 * <li><b>Bounded</b>: at most {@code maximumSize} entries (Caffeine's size-based
 * eviction, so the bound holds approximately at any instant and exactly after
 * maintenance). Each entry keeps the token string (about 1 KB for a Descope session JWT)
 * and its decoded {@link Jwt}, so the default of {@value #DEFAULT_MAXIMUM_SIZE} entries
 * stays within roughly 20&nbsp;MB.</li>
 * </ul>
 * What a cached token skips is only work whose answer cannot change within its entry's
 * lifetime: the signature and the claim checks of the delegate.
 * <p>
 * {@link DescopeJwtDecoderBuilder#build()} places this decoder around the decoder that
 * checks signatures and claims (see
 * {@link DescopeJwtDecoderBuilder#verifiedTokenCacheSize(int)}). Thread-safe.
 */
public final class CachingJwtDecoder implements JwtDecoder, VerifiedTokenLookup {

	/** The default bound of the cache, in entries (tokens). */
	public static final int DEFAULT_MAXIMUM_SIZE = 10_000;

	/**
	 * The default longest life of an entry: 10 minutes, the default JWKS cache
	 * time-to-live.
	 */
	public static final Duration DEFAULT_MAXIMUM_TIME_TO_LIVE = Duration.ofMinutes(10);

	/**
	 * How many of a token's last characters its cache key's hash code is computed from.
	 */
	static final int HASHED_SUFFIX_LENGTH = 64;

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Cache<TokenKey, Verified> cache;

	private final Duration maxTimeToLive;

	private final SecondSightingAdmission admission;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	/**
	 * A cache of at most {@link #DEFAULT_MAXIMUM_SIZE} tokens, each kept at most
	 * {@link #DEFAULT_MAXIMUM_TIME_TO_LIVE}, on the system clock.
	 * @param delegate the decoder that validates tokens not in the cache
	 */
	public CachingJwtDecoder(JwtDecoder delegate) {
		this(delegate, DEFAULT_MAXIMUM_SIZE);
	}

	/**
	 * A cache of at most {@code maximumSize} tokens, each kept at most
	 * {@link #DEFAULT_MAXIMUM_TIME_TO_LIVE}, on the system clock.
	 * @param delegate the decoder that validates tokens not in the cache
	 * @param maximumSize the most tokens kept, in entries; must be positive
	 */
	public CachingJwtDecoder(JwtDecoder delegate, int maximumSize) {
		this(delegate, maximumSize, DEFAULT_MAXIMUM_TIME_TO_LIVE, Clock.systemUTC());
	}

	/**
	 * A cache of at most {@code maximumSize} tokens, each kept until its {@code exp} or
	 * {@code maxTimeToLive} after it was verified, whichever comes first, on a given
	 * clock, which both the expiry of entries and the check of every hit use (give the
	 * delegate's validators the same clock).
	 * @param delegate the decoder that validates tokens not in the cache
	 * @param maximumSize the most tokens kept, in entries; must be positive
	 * @param maxTimeToLive the longest an entry is kept; must be positive; default
	 * {@link #DEFAULT_MAXIMUM_TIME_TO_LIVE} (the builder passes its JWKS cache
	 * time-to-live)
	 * @param clock the clock; {@link Clock#systemUTC()} by default
	 */
	public CachingJwtDecoder(JwtDecoder delegate, int maximumSize, Duration maxTimeToLive, Clock clock) {
		this(delegate, maximumSize, maxTimeToLive, clock, false);
	}

	/**
	 * As {@link #CachingJwtDecoder(JwtDecoder, int, Duration, Clock)}, with the cache
	 * recording its hits, misses and evictions for {@link #getCache()} (Micrometer's
	 * {@code CaffeineCacheMetrics} reads them).
	 * @param delegate the decoder that validates tokens not in the cache
	 * @param maximumSize the most tokens kept, in entries; must be positive
	 * @param maxTimeToLive the longest an entry is kept; must be positive
	 * @param clock the clock
	 * @param recordStats whether the cache records statistics
	 */
	public CachingJwtDecoder(JwtDecoder delegate, int maximumSize, Duration maxTimeToLive, Clock clock,
			boolean recordStats) {
		Assert.notNull(delegate, "delegate must not be null");
		Assert.isTrue(maximumSize > 0, "maximumSize must be positive");
		Assert.isTrue(maxTimeToLive != null && !maxTimeToLive.isNegative() && !maxTimeToLive.isZero(),
				"maxTimeToLive must be positive");
		Assert.notNull(clock, "clock must not be null");
		this.delegate = delegate;
		this.clock = clock;
		this.maxTimeToLive = maxTimeToLive;
		this.admission = new SecondSightingAdmission(maximumSize);
		// Maintenance (no listeners: moving entries, evicting) is short; running it on
		// the calling
		// thread saves waking a common-pool thread after every insert, and keeps the
		// bound from
		// depending on a common pool that the application may keep busy.
		Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run);
		if (!Clock.systemUTC().equals(clock)) {
			// the entries' expiry follows the given clock (tests move it)
			builder.ticker(clockTicker(clock));
		}
		if (recordStats) {
			builder.recordStats();
		}
		this.cache = builder.expireAfter(new UntilExpiry(clock)).build();
	}

	/**
	 * Answers a cached token if it is still before its {@code exp}; otherwise decodes it
	 * with the delegate and caches the result when it has an {@code exp} in the future
	 * and was verified before (or was cached until now).
	 * @param token the compact JWT
	 * @return the validated JWT (for a hit, the same instance the delegate returned when
	 * it was cached)
	 * @throws JwtException as the delegate throws
	 */
	@Override
	public Jwt decode(@Nullable String token) throws JwtException {
		if (token == null) {
			return this.delegate.decode(token);
		}
		TokenKey key = new TokenKey(token);
		Verified cached = this.cache.getIfPresent(key);
		if (isServable(cached)) {
			ObservedJwtDecoder.markCached(this.observationRegistry);
			return cached.jwt();
		}
		Jwt jwt = this.delegate.decode(token);
		Instant now = this.clock.instant();
		Instant exp = jwt.getExpiresAt();
		if (exp != null && now.isBefore(exp)) {
			// a token seen once is not inserted: a one-off token would only evict one
			// that
			// may come back
			if (cached != null || this.admission.admit(key.hashCode())) {
				Instant keysTrustedUntil = now.plus(this.maxTimeToLive);
				this.cache.put(key, new Verified(jwt, exp.isBefore(keysTrustedUntil) ? exp : keysTrustedUntil));
			}
		}
		else if (cached != null) {
			this.cache.invalidate(key);
		}
		return jwt;
	}

	/**
	 * The token's JWT if it is cached and still before its entry's end, from memory only:
	 * no parse, no key look-up, no signature check, nothing that blocks, and nothing
	 * inserted or removed (a miss or an entry past its end is left to {@link #decode},
	 * which judges it as it would an unseen token). The same rules as a hit of
	 * {@link #decode}: the same key (the whole token), the same end, the same
	 * {@code cached} mark on the observation in scope.
	 * @param token the compact JWT, or {@code null}
	 * @return the cached JWT, or {@code null} when the token must be decoded
	 */
	@Override
	public @Nullable Jwt verified(@Nullable String token) {
		if (token == null) {
			return null;
		}
		Verified cached = this.cache.getIfPresent(new TokenKey(token));
		if (!isServable(cached)) {
			return null;
		}
		ObservedJwtDecoder.markCached(this.observationRegistry);
		return cached.jwt();
	}

	private boolean isServable(@Nullable Verified cached) {
		return cached != null && this.clock.instant().isBefore(cached.until());
	}

	/**
	 * The number of tokens cached now, after pending maintenance (an expired entry may be
	 * counted until Caffeine's timer wheel evicts it, up to about a second late; it is
	 * never served).
	 * @return the count, in entries
	 */
	public long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	/**
	 * The registry whose observation in scope, a {@code descope.token.validation}, is
	 * marked {@code cached} at each hit.
	 * @param observationRegistry default {@link ObservationRegistry#NOOP}
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * The cache itself, for a metrics binder such as Micrometer's
	 * {@code CaffeineCacheMetrics}; its keys print no token.
	 * @return the cache
	 */
	public Cache<?, ?> getCache() {
		return this.cache;
	}

	/** Forgets every cached token. */
	public void clear() {
		this.cache.invalidateAll();
	}

	private static Ticker clockTicker(Clock clock) {
		return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
	}

	/**
	 * A cache key: the whole token for equality, a hash code from its length and its last
	 * {@value #HASHED_SUFFIX_LENGTH} characters. Never printed (no {@code toString()} of
	 * the token).
	 */
	private static final class TokenKey {

		private final String token;

		private final int hash;

		TokenKey(String token) {
			this.token = token;
			int length = token.length();
			int h = length;
			for (int i = Math.max(0, length - HASHED_SUFFIX_LENGTH); i < length; i++) {
				h = 31 * h + token.charAt(i);
			}
			this.hash = h;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return (other instanceof TokenKey key) && key.hash == this.hash && key.token.equals(this.token);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

		@Override
		public String toString() {
			return "TokenKey[" + this.token.length() + " characters]";
		}

	}

	/**
	 * A verified token and the instant its entry stops being served: its {@code exp} or
	 * the maximum time-to-live after its verification, whichever is first.
	 */
	private record Verified(Jwt jwt, Instant until) {

	}

	/**
	 * Each entry lives until its {@link Verified#until()}, measured on the cache's clock.
	 */
	private static final class UntilExpiry implements Expiry<TokenKey, Verified> {

		private final Clock clock;

		UntilExpiry(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(TokenKey token, Verified verified, long currentTime) {
			long nanos;
			try {
				nanos = Duration.between(this.clock.instant(), verified.until()).toNanos();
			}
			catch (ArithmeticException ex) {
				nanos = Long.MAX_VALUE;
			}
			return Math.max(0, nanos);
		}

		@Override
		public long expireAfterUpdate(TokenKey token, Verified verified, long currentTime, long currentDuration) {
			return expireAfterCreate(token, verified, currentTime);
		}

		@Override
		public long expireAfterRead(TokenKey token, Verified verified, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
