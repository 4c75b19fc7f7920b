package com.descope.notp.limits;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * At most {@code permits} starts in each {@code period}.
 *
 * @param permits how many, at least 1
 * @param period how long a window is, at least one second
 */
public record RateLimit(int permits, Duration period) {

	/**
	 * A limit.
	 * @throws IllegalArgumentException when {@code permits} is below 1 or {@code period}
	 * shorter than a second
	 */
	public RateLimit {
		Assert.isTrue(permits >= 1, "permits must be at least 1");
		Assert.notNull(period, "period must not be null");
		Assert.isTrue(period.compareTo(Duration.ofSeconds(1)) >= 0, "period must be at least one second");
	}

	@Override
	public String toString() {
		return this.permits + " per " + this.period;
	}

}
