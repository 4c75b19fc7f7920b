package com.descope.notp.limits;

import java.time.Duration;
import java.time.Instant;

import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemoryKeyedRateLimiter}: windows of a key's {@code period} from its
 * first start, refusals that take nothing and say how long until the next window, keys
 * counted apart, and memory bounded (keys dropped once unused for their period, at most
 * {@code maxKeys} held). The time is a {@link MovableClock}: nothing waits.
 */
class InMemoryKeyedRateLimiterTests {

	private static final RateLimit THREE_PER_MINUTE = new RateLimit(3, Duration.ofMinutes(1));

	private final MovableClock clock = MovableClock.standingAt(Instant.parse("2026-12-01T10:00:00Z"));

	private final InMemoryKeyedRateLimiter limiter = new InMemoryKeyedRateLimiter(1000, this.clock);

	@Test
	void tryAcquireWhenPermitsAreLeftThenAllowedAndThePermitAfterTheLastIsRefusedUntilTheNextWindow() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.tryAcquire("number:+15550100100", THREE_PER_MINUTE).allowed()).isTrue();
			this.clock.advance(Duration.ofSeconds(10));
		}

		RateLimitDecision fourth = this.limiter.tryAcquire("number:+15550100100", THREE_PER_MINUTE);

		assertThat(fourth.allowed()).isFalse();
		assertThat(fourth.retryAfter()).as("the window began at the first start, 30 s ago")
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void tryAcquireWhenTheNextWindowBeginsThenAllItsPermitsAreBack() {
		exhaust("address:203.0.113.7", THREE_PER_MINUTE);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.limiter.tryAcquire("address:203.0.113.7", THREE_PER_MINUTE).retryAfter())
			.isEqualTo(Duration.ofSeconds(1));

		this.clock.advance(Duration.ofSeconds(1));

		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.tryAcquire("address:203.0.113.7", THREE_PER_MINUTE).allowed()).isTrue();
		}
		assertThat(this.limiter.tryAcquire("address:203.0.113.7", THREE_PER_MINUTE).allowed()).isFalse();
	}

	@Test
	void tryAcquireWhenRefusedManyTimesThenTheRefusalsTakeNothingFromTheNextWindow() {
		exhaust("global", THREE_PER_MINUTE);
		for (int i = 0; i < 100; i++) {
			assertThat(this.limiter.tryAcquire("global", THREE_PER_MINUTE).allowed()).isFalse();
		}

		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.limiter.tryAcquire("global", THREE_PER_MINUTE).allowed()).isTrue();
	}

	@Test
	void tryAcquireWhenOneKeyIsExhaustedThenOtherKeysStillHaveTheirPermits() {
		exhaust("number:+15550100100", THREE_PER_MINUTE);

		assertThat(this.limiter.tryAcquire("number:+15550100101", THREE_PER_MINUTE).allowed()).isTrue();
		assertThat(this.limiter.tryAcquire("address:203.0.113.7", THREE_PER_MINUTE).allowed()).isTrue();
	}

	@Test
	void keysWhenUnusedForTheirPeriodThenDroppedAndCountedAfreshWhenUsedAgain() {
		for (int i = 0; i < 50; i++) {
			this.limiter.tryAcquire("address:198.51.100." + i, THREE_PER_MINUTE);
		}
		exhaust("number:+15550100100", new RateLimit(3, Duration.ofMinutes(10)));
		assertThat(this.limiter.trackedKeys()).isEqualTo(51);

		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.limiter.trackedKeys()).as("the addresses' period is over, the number's is not").isEqualTo(1);
		assertThat(this.limiter.tryAcquire("number:+15550100100", new RateLimit(3, Duration.ofMinutes(10))).allowed())
			.isFalse();
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.limiter.trackedKeys()).isZero();
	}

	@Test
	void keysWhenMoreThanMaxKeysThenAtMostMaxKeysAreHeld() {
		InMemoryKeyedRateLimiter small = new InMemoryKeyedRateLimiter(10, this.clock);

		for (int i = 0; i < 1000; i++) {
			small.tryAcquire("address:198.51.100." + i, THREE_PER_MINUTE);
		}

		assertThat(small.trackedKeys()).isLessThanOrEqualTo(10);
	}

	@Test
	void tryAcquireWhenTheClockIsSetBackThenTimeStandsStillUntilItCatchesUpAndNoPermitIsOwed() {
		exhaust("number:+15550100100", THREE_PER_MINUTE);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.limiter.tryAcquire("number:+15550100100", THREE_PER_MINUTE).retryAfter())
			.isEqualTo(Duration.ofSeconds(30));

		this.clock.advance(Duration.ofHours(-1));

		RateLimitDecision refused = this.limiter.tryAcquire("number:+15550100100", THREE_PER_MINUTE);
		assertThat(refused.retryAfter()).as("as at the latest time seen").isEqualTo(Duration.ofSeconds(30));
		assertThat(this.limiter.tryAcquire("number:+15550100101", THREE_PER_MINUTE).allowed()).isTrue();
		this.clock.advance(Duration.ofHours(1).plusSeconds(30));
		assertThat(this.limiter.tryAcquire("number:+15550100100", THREE_PER_MINUTE).allowed()).isTrue();
	}

	@Test
	void constructorWhenNoKeysThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryKeyedRateLimiter(0, this.clock));
	}

	private void exhaust(String key, RateLimit limit) {
		for (int i = 0; i < limit.permits(); i++) {
			assertThat(this.limiter.tryAcquire(key, limit).allowed()).isTrue();
		}
		assertThat(this.limiter.tryAcquire(key, limit).allowed()).isFalse();
	}

}
