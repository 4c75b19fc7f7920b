package com.descope.notp.limits;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * What a {@link KeyedRateLimiter} decided about one permit.
 *
 * @param allowed whether the permit was taken
 * @param retryAfter when refused, how long until a permit is free again (positive);
 * {@link Duration#ZERO} when allowed
 */
public record RateLimitDecision(boolean allowed, Duration retryAfter) {

	private static final RateLimitDecision ALLOWED = new RateLimitDecision(true, Duration.ZERO);

	/**
	 * A decision.
	 * @param allowed whether the permit was taken
	 * @param retryAfter when refused, how long until a permit is free again (positive)
	 * @throws IllegalArgumentException when a refusal has no positive wait
	 */
	public RateLimitDecision {
		Assert.notNull(retryAfter, "retryAfter must not be null");
		Assert.isTrue(allowed || (!retryAfter.isNegative() && !retryAfter.isZero()),
				"a refusal must say a positive retryAfter");
	}

	/**
	 * The permit was taken.
	 * @return the decision
	 */
	public static RateLimitDecision permitted() {
		return ALLOWED;
	}

	/**
	 * No permit is left.
	 * @param retryAfter how long until one is, at least one nanosecond
	 * @return the decision
	 */
	public static RateLimitDecision refused(Duration retryAfter) {
		return new RateLimitDecision(false, retryAfter);
	}

}
