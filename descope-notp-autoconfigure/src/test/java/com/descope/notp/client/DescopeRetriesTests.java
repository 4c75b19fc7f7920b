package com.descope.notp.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeRetries} with scripted answers and a recording sleeper: which
 * answers are retried, how long each wait is, and when the retries stop.
 */
class DescopeRetriesTests {

	private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(100), Duration.ofSeconds(5),
			Duration.ofSeconds(5));

	private final List<Duration> sleeps = new ArrayList<>();

	private final DescopeRetries retries = new DescopeRetries(BACKOFF, this.sleeps::add);

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 503, 520, 521, 522, 524, 530 })
	void callWhenAStatusTheSdksRetryThenRetriedAfterEachStepUntilAnswered(int status) {
		Answers answers = new Answers(failure(status, null), failure(status, null), ok());

		DescopeResponse<String> answer = this.retries.call("POST /v1/auth/refresh", answers);

		assertThat(answer.ok()).isTrue();
		assertThat(answers.calls).isEqualTo(3);
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(5));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 0, 400, 401, 429, 500, 502, 504 })
	void callWhenAnyOtherFailureThenAnsweredAtOnce(int status) {
		Answers answers = new Answers(failure(status, Duration.ofMillis(10)), ok());

		DescopeResponse<String> answer = this.retries.call("POST /v1/auth/refresh", answers);

		assertThat(answer.code()).isEqualTo(status);
		assertThat(answers.calls).isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void callWhenEveryStepAnswers503ThenLastAnswerAfterAllSteps() {
		Answers answers = new Answers(failure(503, null), failure(503, null), failure(503, null), failure(503, null),
				ok());

		DescopeResponse<String> answer = this.retries.call("POST /v1/auth/refresh", answers);

		assertThat(answer.code()).isEqualTo(503);
		assertThat(answers.calls).isEqualTo(4);
		assertThat(this.sleeps).containsExactlyElementsOf(BACKOFF);
	}

	@Test
	void callWhenRetryAfterLongerThanTheStepAndWithinTheCapThenWaitsForIt() {
		Answers answers = new Answers(failure(503, Duration.ofSeconds(2)), failure(503, Duration.ofSeconds(1)), ok());

		this.retries.call("POST /v1/auth/refresh", answers);

		// 2 s stretches the 100 ms step; 1 s is shorter than the 5 s step, which stays
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
	}

	@Test
	void callWhenRetryAfterBeyondTheCapThenThatAnswerAtOnce() {
		Answers answers = new Answers(failure(503, null), failure(503, Duration.ofSeconds(6)), ok());

		DescopeResponse<String> answer = this.retries.call("POST /v1/auth/refresh", answers);

		assertThat(answer.code()).isEqualTo(503);
		assertThat(answer.error().retryAfter()).isEqualTo(Duration.ofSeconds(6));
		assertThat(answers.calls).isEqualTo(2);
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void callWhenNoBackoffThenNeverRetried() {
		Answers answers = new Answers(failure(503, null), ok());

		DescopeResponse<String> answer = new DescopeRetries(List.of(), this.sleeps::add).call("GET /v1/auth/me",
				answers);

		assertThat(answer.code()).isEqualTo(503);
		assertThat(answers.calls).isEqualTo(1);
	}

	@Test
	void callWhenInterruptedWhileWaitingThenLastAnswerAndInterruptKept() {
		Answers answers = new Answers(failure(503, null), ok());
		DescopeRetries interrupted = new DescopeRetries(BACKOFF, (wait) -> {
			throw new InterruptedException();
		});

		DescopeResponse<String> answer = interrupted.call("POST /v1/auth/refresh", answers);

		assertThat(answer.code()).isEqualTo(503);
		assertThat(answers.calls).isEqualTo(1);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void sleeperThreadWhenInterruptedThenThrows() {
		Thread.currentThread().interrupt();

		assertThat(catchInterrupt(() -> DescopeRetries.Sleeper.THREAD.sleep(Duration.ofSeconds(30)))).isTrue();
	}

	@Test
	void retryWaitWhenRetryAfterShorterLongerOrBeyondTheCapThenStepRetryAfterOrNoRetry() {
		Duration step = Duration.ofMillis(100);
		assertThat(DescopeRetries.retryWait(step, null)).isEqualTo(step);
		assertThat(DescopeRetries.retryWait(step, Duration.ofMillis(100))).isEqualTo(step);
		assertThat(DescopeRetries.retryWait(step, DescopeClient.MAX_RETRY_AFTER_WAIT))
			.isEqualTo(DescopeClient.MAX_RETRY_AFTER_WAIT);
		assertThat(DescopeRetries.retryWait(step, DescopeClient.MAX_RETRY_AFTER_WAIT.plusMillis(1))).isNull();
		assertThat(DescopeRetries.retryWait(Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ZERO);
	}

	private static boolean catchInterrupt(Sleep sleep) {
		try {
			sleep.run();
			return false;
		}
		catch (InterruptedException ex) {
			return true;
		}
	}

	private static DescopeResponse<String> failure(int status, Duration retryAfter) {
		return DescopeResponse.failure(status, new DescopeError(String.valueOf(status), null, null, retryAfter));
	}

	private static DescopeResponse<String> ok() {
		return DescopeResponse.success(200, "done");
	}

	@FunctionalInterface
	private interface Sleep {

		void run() throws InterruptedException;

	}

	/**
	 * Answers in order, counting the calls.
	 */
	private static final class Answers implements Supplier<DescopeResponse<String>> {

		private final Deque<DescopeResponse<String>> left;

		private int calls;

		@SafeVarargs
		Answers(DescopeResponse<String>... answers) {
			this.left = new ArrayDeque<>(List.of(answers));
		}

		@Override
		public DescopeResponse<String> get() {
			this.calls++;
			return this.left.removeFirst();
		}

	}

}
