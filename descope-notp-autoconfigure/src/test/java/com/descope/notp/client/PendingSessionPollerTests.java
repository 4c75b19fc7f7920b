package com.descope.notp.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PendingSessionPoller} against a running {@link DescopeEmulator}. Time
 * is a {@link ManualScheduler}'s: each test moves it and so decides what happened between
 * two polls.
 */
class PendingSessionPollerTests {

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final String ADMIN_PHONE = "+15555550100";

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private DescopeEmulator emulator;

	private DescopeClient client;

	private final ManualScheduler scheduler = new ManualScheduler();

	private PendingSessionPoller poller;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId()).baseUrl(this.emulator.baseUrl()).build();
		this.poller = new PendingSessionPoller(this.client, this.scheduler);
	}

	@AfterEach
	void stopEmulator() {
		this.poller.close();
		this.client.close();
		this.emulator.close();
	}

	@Test
	void waitForSessionWhenPendingRefBlankThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.poller.waitForSession("", WaitForSessionConfig.DEFAULTS));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.poller.waitForSession(" \t", WaitForSessionConfig.DEFAULTS));
		assertThat(this.emulator.calls()).isEmpty();
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void waitForSessionWhenConfirmedFromAnotherThreadThenCompletesWithSession() {
		String pendingRef = startSignIn();
		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(ONE_SECOND, Duration.ofSeconds(8)));

		this.scheduler.advanceBy(ONE_SECOND);
		// the first poll has answered "pending"; WhatsApp confirms before the second poll
		assertThat(pendingSessionCalls()).isEqualTo(1);
		assertThat(future).isNotDone();
		CompletableFuture<Void> whatsApp = CompletableFuture.runAsync(() -> this.emulator.confirm(pendingRef));
		assertThat(whatsApp).succeedsWithin(Duration.ofSeconds(5));
		this.scheduler.advanceBy(ONE_SECOND);

		assertThat(future).isCompleted().satisfies((done) -> {
			DescopeResponse<JwtResponse> response = done.join();
			assertThat(response.ok()).isTrue();
			assertThat(response.requireData().hasSessionJwt()).isTrue();
			assertThat(response.requireData().user().userId()).isEqualTo(admin().userId());
		});
		assertThat(pendingSessionCalls()).isEqualTo(2);
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void waitForSessionWhenFirstPollThenItComesOneIntervalAfterTheCall() {
		String pendingRef = startSignIn();
		this.emulator.confirm(pendingRef);

		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(Duration.ofMillis(2500), Duration.ofSeconds(8)));
		this.scheduler.advanceBy(Duration.ofMillis(2499));

		assertThat(pendingSessionCalls()).isZero();
		this.scheduler.advanceBy(Duration.ofMillis(1));
		assertThat(future).isCompleted();
		assertThat(future.join().ok()).isTrue();
	}

	@Test
	void waitForSessionWhenTimeoutPassesThenCompletesNotOk() {
		String pendingRef = startSignIn();

		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(ONE_SECOND, Duration.ofSeconds(2)));
		this.scheduler.advanceBy(Duration.ofSeconds(2));

		assertThat(future).isCompleted().satisfies((done) -> {
			DescopeResponse<JwtResponse> response = done.join();
			assertThat(response.ok()).isFalse();
			assertThat(response.code()).isZero();
			assertThat(response.error().errorCode()).isEqualTo("0").isEqualTo(DescopeErrorCodes.POLLING_TIMEOUT);
			assertThat(response.error().errorDescription()).contains("2000ms");
			assertThat(response.data()).isNull();
		});
		assertThat(future).isNotCompletedExceptionally();
		// polls at 1 s; the timeout, scheduled first, wins over the poll due at 2 s
		assertThat(pendingSessionCalls()).isEqualTo(1);
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void waitForSessionWhenTerminalErrorThenStopsAtOnce() {
		String pendingRef = startSignIn();
		this.emulator.fail(pendingRef, "E061102");

		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(ONE_SECOND, Duration.ofSeconds(20)));
		this.scheduler.advanceBy(ONE_SECOND);

		assertThat(future).isCompleted().satisfies((done) -> {
			DescopeResponse<JwtResponse> response = done.join();
			assertThat(response.ok()).isFalse();
			assertThat(response.code()).isEqualTo(401);
			assertThat(response.error().errorCode()).isEqualTo("E061102");
		});
		assertThat(pendingSessionCalls()).isEqualTo(1);
		assertThat(this.scheduler.pending()).isZero();
		this.scheduler.advanceBy(Duration.ofSeconds(30));
		assertThat(pendingSessionCalls()).isEqualTo(1);
	}

	@Test
	void waitForSessionWhenServiceUnavailableThenKeepsPolling() {
		String pendingRef = startSignIn();
		this.emulator.enqueueFailure(PENDING_SESSION, 503, null, null);
		this.emulator.confirm(pendingRef);

		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(ONE_SECOND, Duration.ofSeconds(8)));
		this.scheduler.advanceBy(ONE_SECOND);
		assertThat(future).isNotDone();
		this.scheduler.advanceBy(ONE_SECOND);

		assertThat(future).isCompleted().satisfies((done) -> {
			DescopeResponse<JwtResponse> response = done.join();
			assertThat(response.ok()).isTrue();
			assertThat(response.requireData().hasSessionJwt()).isTrue();
		});
		assertThat(pendingSessionCalls()).isEqualTo(2);
	}

	@Test
	void waitForSessionWhenRateLimitedThenNextPollWaitsForRetryAfter() {
		String pendingRef = startSignIn();
		this.emulator.enqueueFailure(PENDING_SESSION, 429, Map.of("Retry-After", "3"), null);
		this.emulator.confirm(pendingRef);

		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(ONE_SECOND, Duration.ofSeconds(20)));
		this.scheduler.advanceBy(ONE_SECOND);
		this.scheduler.advanceBy(Duration.ofMillis(2999));

		assertThat(pendingSessionCalls()).isEqualTo(1);
		assertThat(future).isNotDone();
		this.scheduler.advanceBy(Duration.ofMillis(1));
		assertThat(pendingSessionCalls()).isEqualTo(2);
		assertThat(future).isCompleted();
		assertThat(future.join().ok()).isTrue();
	}

	@Test
	void waitForSessionWhenCancelledThenStopsPolling() {
		String pendingRef = startSignIn();

		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(ONE_SECOND, Duration.ofSeconds(8)));
		future.cancel(false);

		assertThat(this.scheduler.pending()).isZero();
		this.scheduler.advanceBy(Duration.ofSeconds(10));
		assertThat(pendingSessionCalls()).isZero();
	}

	@Test
	void waitForSessionWhenCancelledBetweenPollsThenNoFurtherPoll() {
		String pendingRef = startSignIn();
		CompletableFuture<DescopeResponse<JwtResponse>> future = this.poller.waitForSession(pendingRef,
				new WaitForSessionConfig(ONE_SECOND, Duration.ofSeconds(8)));
		this.scheduler.advanceBy(ONE_SECOND);

		future.cancel(false);

		assertThat(this.scheduler.pending()).isZero();
		this.scheduler.advanceBy(Duration.ofSeconds(10));
		assertThat(pendingSessionCalls()).isEqualTo(1);
	}

	@Test
	void waitForSessionWhenCompletedThenLeavesNothingScheduled() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
		executor.setRemoveOnCancelPolicy(true);
		try (PendingSessionPoller scheduled = new PendingSessionPoller(this.client, executor)) {
			String pendingRef = startSignIn();
			this.emulator.confirm(pendingRef);

			CompletableFuture<DescopeResponse<JwtResponse>> future = scheduled.waitForSession(pendingRef,
					WaitForSessionConfig.DEFAULTS);

			assertThat(future).succeedsWithin(Duration.ofSeconds(8))
				.satisfies((response) -> assertThat(response.ok()).isTrue());
			await().atMost(Duration.ofSeconds(2)).until(() -> executor.getQueue().isEmpty());
			assertThat(executor.isShutdown()).isFalse();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void waitForSessionWhenOwnSchedulerThenPollsOnDaemonThreadsAndCloseStopsThem() {
		String pendingRef = startSignIn();
		this.emulator.confirm(pendingRef);
		List<Thread> pollThreads = new CopyOnWriteArrayList<>();
		DescopeClient recording = new DescopeClient(
				DescopeClient.builder(this.emulator.projectId()).baseUrl(this.emulator.baseUrl())) {

			@Override
			public DescopeResponse<JwtResponse> getSession(String ref) {
				pollThreads.add(Thread.currentThread());
				return super.getSession(ref);
			}

		};
		PendingSessionPoller own = new PendingSessionPoller(recording);
		try {
			CompletableFuture<DescopeResponse<JwtResponse>> future = own.waitForSession(pendingRef,
					WaitForSessionConfig.DEFAULTS);

			assertThat(future).succeedsWithin(Duration.ofSeconds(8))
				.satisfies((response) -> assertThat(response.ok()).isTrue());
			assertThat(pollThreads).singleElement().satisfies((thread) -> {
				assertThat(thread.getName()).startsWith("descope-notp-poll-");
				assertThat(thread.isDaemon()).isTrue();
			});
		}
		finally {
			own.close();
			recording.close();
		}
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> own.waitForSession(pendingRef, WaitForSessionConfig.DEFAULTS));
	}

	private String startSignIn() {
		return this.client.signIn(ADMIN_PHONE, LoginOptions.NONE, null).requireData().pendingRef();
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId(ADMIN_PHONE).orElseThrow();
	}

	private long pendingSessionCalls() {
		return this.emulator.calls().stream().filter((call) -> PENDING_SESSION.equals(call.path())).count();
	}

}
