package com.descope.notp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DescopeAvailability}: an outage of any number of failed calls logs one
 * {@code WARN}, its end one {@code INFO} with the number of failed calls, calls that
 * change nothing log nothing, and concurrent failures still log once; what it knows
 * (called at all, the last failure's kind, the failed calls) reads without a call.
 */
@ExtendWith(OutputCaptureExtension.class)
class DescopeAvailabilityTests {

	private static final String SERVICE = "Descope's API at https://api.descope.test";

	private final DescopeAvailability availability = new DescopeAvailability(SERVICE);

	@Test
	void stateWhenNeverCalledThenAvailableButNotCalled() {
		assertThat(this.availability.hasBeenCalled()).isFalse();
		assertThat(this.availability.isAvailable()).isTrue();
		assertThat(this.availability.getFailureReason()).isNull();
		assertThat(this.availability.getFailedCalls()).isZero();
	}

	@Test
	void stateWhenAnOutageFailsCallsThenTheLastReasonAndTheCountUntilAnAnswer() {
		this.availability.answered();
		this.availability.failed("ConnectException");
		this.availability.failed("HTTP 503");

		assertThat(this.availability.hasBeenCalled()).isTrue();
		assertThat(this.availability.getFailureReason()).isEqualTo("HTTP 503");
		assertThat(this.availability.getFailedCalls()).isEqualTo(2);

		this.availability.answered();

		assertThat(this.availability.isAvailable()).isTrue();
		assertThat(this.availability.getFailureReason()).isNull();
		assertThat(this.availability.getFailedCalls()).isZero();
	}

	@Test
	void failedWhenAnOutageFailsManyCallsThenOneWarn(CapturedOutput output) {
		for (int i = 0; i < 25; i++) {
			this.availability.failed("HTTP 503");
		}

		assertThat(this.availability.isAvailable()).isFalse();
		assertThat(lines(output, "WARN")).singleElement().asString().contains(SERVICE + " is unavailable (HTTP 503)");
		assertThat(lines(output, "INFO")).isEmpty();
	}

	@Test
	void answeredWhenTheOutageEndsThenOneInfoWithTheFailedCallsAndNothingAfter(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			this.availability.failed("ConnectException");
		}

		this.availability.answered();
		this.availability.answered();

		assertThat(this.availability.isAvailable()).isTrue();
		assertThat(lines(output, "INFO")).singleElement()
			.asString()
			.contains(SERVICE + " answers again, after 3 failed calls");
		assertThat(lines(output, "WARN")).hasSize(1);
	}

	@Test
	void answeredWhenNothingFailedThenNothingLogged(CapturedOutput output) {
		this.availability.answered();

		assertThat(this.availability.isAvailable()).isTrue();
		assertThat(lines(output, "WARN")).isEmpty();
		assertThat(lines(output, "INFO")).isEmpty();
	}

	@Test
	void failedWhenASecondOutageFollowsTheRecoveryThenItIsLoggedAgain(CapturedOutput output) {
		this.availability.failed("HTTP 502");
		this.availability.answered();
		this.availability.failed("HTTP 504");
		this.availability.answered();

		assertThat(lines(output, "WARN")).hasSize(2);
		assertThat(lines(output, "INFO")).hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("after 1 failed call"));
	}

	/**
	 * Every thread fails its calls once all are ready to start; they race on the first
	 * failure. (The timeout guards against a hang; it checks no speed.)
	 */
	@Test
	@Timeout(value = 1, unit = TimeUnit.MINUTES)
	void failedWhenManyThreadsFailAtOnceThenOneWarnAndTheRecoveryCountsEveryCall(CapturedOutput output)
			throws Exception {
		int threads = 8;
		int callsEach = 200;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<CompletableFuture<Void>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(CompletableFuture.runAsync(() -> {
					ready.countDown();
					await(go);
					for (int i = 0; i < callsEach; i++) {
						this.availability.failed("HTTP 503");
					}
				}, executor));
			}
			ready.await();
			go.countDown();
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
		}
		finally {
			executor.shutdownNow();
		}
		this.availability.answered();

		assertThat(lines(output, "WARN")).hasSize(1);
		assertThat(lines(output, "INFO")).singleElement()
			.asString()
			.contains("after " + (threads * callsEach) + " failed calls");
	}

	@Test
	void constructorWhenNoServiceThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DescopeAvailability(" "));
	}

	private static List<String> lines(CapturedOutput output, String level) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(DescopeAvailability.class.getSimpleName()) && line.contains(level))
			.toList();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
