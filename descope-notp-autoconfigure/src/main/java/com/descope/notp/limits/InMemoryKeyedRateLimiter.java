package com.descope.notp.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import org.springframework.util.Assert;

/**
 * Counts starts in this instance's memory: one Resilience4j {@link AtomicRateLimiter} per
 * key (a window of {@code period} that begins at the key's first start, with
 * {@code permits} permits, all of them back when the next window begins), held in a
 * Caffeine cache so that memory stays bounded whatever an attacker sends:
 * <ul>
 * <li>a key unused for its {@code period} is dropped, which loses nothing (its limiter
 * would have all its permits back, and a new one counts from a new window);</li>
 * <li>at most {@code maxKeys} keys are held; past that Caffeine evicts, and its admission
 * policy (TinyLFU) keeps keys used often over a spray of new ones, so a flood of
 * addresses mostly evicts its own keys. A key evicted early starts over with all its
 * permits: the global limit still bounds what that costs.</li>
 * </ul>
 * Both the limiters and the cache run on the given {@link Clock} (Resilience4j 2.4 takes
 * a nano-time supplier), so tests move the time instead of waiting, and the library does
 * the counting rather than a token bucket of our own; the clock's time is read as never
 * going back. A refusal takes no permit and says how long until the key's next window.
 * Thread-safe.
 */
public final class InMemoryKeyedRateLimiter implements KeyedRateLimiter {

	/** The default most keys held: some tens of megabytes at most. */
	public static final int DEFAULT_MAX_KEYS = 100_000;

	private static final String LIMITER_NAME = "notp-start";

	private volatile Clock clock;

	private final Cache<CacheKey, AtomicRateLimiter> limiters;

	private final Map<RateLimit, RateLimiterConfig> configs = new ConcurrentHashMap<>();

	private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);

	/**
	 * A limiter on the system clock holding at most {@value #DEFAULT_MAX_KEYS} keys.
	 */
	public InMemoryKeyedRateLimiter() {
		this(DEFAULT_MAX_KEYS, Clock.systemUTC());
	}

	/**
	 * A limiter.
	 * @param maxKeys the most keys held at once, at least 1
	 * @param clock the time windows and expiry are measured on
	 */
	public InMemoryKeyedRateLimiter(int maxKeys, Clock clock) {
		Assert.isTrue(maxKeys >= 1, "maxKeys must be at least 1");
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
		this.limiters = Caffeine.newBuilder()
			.maximumSize(maxKeys)
			.ticker(this::nanoTime)
			.expireAfter(new UnusedForAPeriod())
			.build();
	}

	@Override
	public RateLimitDecision tryAcquire(String key, RateLimit limit) {
		Assert.notNull(key, "key must not be null");
		Assert.notNull(limit, "limit must not be null");
		AtomicRateLimiter limiter = this.limiters.get(new CacheKey(key, limit),
				(k) -> new AtomicRateLimiter(LIMITER_NAME, config(limit), this::nanoTime));
		for (int attempt = 0; attempt < 3; attempt++) {
			if (limiter.acquirePermission()) {
				return RateLimitDecision.permitted();
			}
			long nanosToWait = limiter.getDetailedMetrics().getNanosToWait();
			if (nanosToWait > 0) {
				return RateLimitDecision.refused(Duration.ofNanos(nanosToWait));
			}
			// a new window began between the two calls: ask again
		}
		return RateLimitDecision.refused(Duration.ofSeconds(1));
	}

	/**
	 * The clock windows and expiry are measured on; set it before the first start.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	/**
	 * How many keys are held now, after dropping those unused for their period.
	 * @return the number of keys
	 */
	public long trackedKeys() {
		this.limiters.cleanUp();
		return this.limiters.estimatedSize();
	}

	private RateLimiterConfig config(RateLimit limit) {
		return this.configs.computeIfAbsent(limit,
				(l) -> RateLimiterConfig.custom()
					.limitForPeriod(l.permits())
					.limitRefreshPeriod(l.period())
					.timeoutDuration(Duration.ZERO)
					.build());
	}

	/**
	 * The clock's time in nanoseconds, never going back: a wall clock set back (an NTP
	 * step) stands still until it catches up, rather than leaving Resilience4j's windows
	 * (made for {@code System.nanoTime()}) in the future with permits owed.
	 * @return nanoseconds since the epoch, at least the last value returned
	 */
	private long nanoTime() {
		Instant now = this.clock.instant();
		return this.lastNanos.accumulateAndGet(now.getEpochSecond() * 1_000_000_000L + now.getNano(), Math::max);
	}

	private record CacheKey(String key, RateLimit limit) {

	}

	/** Drops a key its period after it was last used. */
	private static final class UnusedForAPeriod implements Expiry<CacheKey, AtomicRateLimiter> {

		@Override
		public long expireAfterCreate(CacheKey key, AtomicRateLimiter value, long currentTime) {
			return key.limit().period().toNanos();
		}

		@Override
		public long expireAfterUpdate(CacheKey key, AtomicRateLimiter value, long currentTime, long currentDuration) {
			return key.limit().period().toNanos();
		}

		@Override
		public long expireAfterRead(CacheKey key, AtomicRateLimiter value, long currentTime, long currentDuration) {
			return key.limit().period().toNanos();
		}

	}

}
