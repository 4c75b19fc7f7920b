package com.descope.notp.limits;

/**
 * Counts starts per key within a {@link RateLimit}. {@link NotpStartGuard} asks it once
 * per limit that applies to a start, with keys such as {@code address:203.0.113.7},
 * {@code number:+15550100100} and {@code global}; a refused request takes no permit.
 * <p>
 * The default, {@link InMemoryKeyedRateLimiter}, counts in this instance's memory, so
 * with N instances behind a load balancer each limit is in effect N times the configured
 * one. To count once for the whole cluster, define a bean of this type that keeps the
 * counters in the store the instances share (Redis, a database, Hazelcast): an atomic
 * "take one if fewer than {@code permits} were taken in the current window of
 * {@code period}" per key, with the key's entry expiring after {@code period}. The keys
 * name phone numbers: a shared store may hash them.
 */
@FunctionalInterface
public interface KeyedRateLimiter {

	/**
	 * Takes a permit for the key if the limit has one left.
	 * @param key what is counted, for example {@code number:+15550100100}
	 * @param limit how many permits the key has per period
	 * @return {@link RateLimitDecision#permitted()}, or a refusal saying how long until a
	 * permit is free
	 */
	RateLimitDecision tryAcquire(String key, RateLimit limit);

}
