package com.descope.notp.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Waits for a pending nOTP session by polling {@link DescopeClient#getSession(String)},
 * as the Descope JS SDK's {@code waitForSession} does ({@code docs/descope-protocol.md},
 * "Calls the client makes"), for code that can wait: a command-line tool, a job. A web
 * login does not need it: the browser polls, one {@code getSession} per poll.
 *
 * <pre>{@code
 * try (PendingSessionPoller poller = new PendingSessionPoller(client)) {
 *     DescopeResponse<JwtResponse> session = poller
 *         .waitForSession(pendingRef, WaitForSessionConfig.DEFAULTS)
 *         .join();
 * }
 * }</pre>
 *
 * <p>
 * Thread-safe; one poller serves any number of waits at once.
 */
public final class PendingSessionPoller implements AutoCloseable {

	private final DescopeClient client;

	private final ScheduledExecutorService scheduler;

	private final boolean ownsScheduler;

	/**
	 * A poller on its own scheduler: two daemon threads, so that the timeout of one wait
	 * fires on time while another thread waits for a slow poll's answer. {@link #close()}
	 * stops them.
	 * @param client the client to poll with
	 */
	public PendingSessionPoller(DescopeClient client) {
		this(client, newScheduler(), true);
	}

	/**
	 * A poller on the given scheduler, which it never shuts down.
	 * @param client the client to poll with
	 * @param scheduler runs the polls and the timeouts; a poll holds its thread for as
	 * long as Descope takes to answer (up to the client's read timeout)
	 */
	public PendingSessionPoller(DescopeClient client, ScheduledExecutorService scheduler) {
		this(client, scheduler, false);
	}

	private PendingSessionPoller(DescopeClient client, ScheduledExecutorService scheduler, boolean ownsScheduler) {
		Assert.notNull(client, "client must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		this.client = client;
		this.scheduler = scheduler;
		this.ownsScheduler = ownsScheduler;
	}

	/**
	 * Polls the pending session until the person confirms, the flow fails, or the timeout
	 * passes. The first poll comes one interval after the call; each next poll is
	 * scheduled only once the previous one has answered, so slow answers never overlap.
	 * Polling goes on while Descope answers "pending" ({@code E066103}), and through
	 * transient failures (no answer, {@code 429} honouring its {@code Retry-After} when
	 * longer than the interval, {@code 5xx}) so that a brief outage does not lose a login
	 * the person is about to confirm; any other answer ends it at once (the JS SDK would
	 * poll on until the timeout). Cancelling the returned future stops the polling; once
	 * the future is done, nothing of this wait is left on the scheduler.
	 * @param pendingRef the reference a start call answered; must not be blank
	 * @param config the interval and timeout, clamped as {@link WaitForSessionConfig}
	 * says
	 * @return a future that completes with the session, with the terminal error, or on
	 * timeout with {@code ok=false}, code {@code 0} and error code
	 * {@link DescopeErrorCodes#POLLING_TIMEOUT}; it never completes exceptionally
	 * @throws IllegalArgumentException when {@code pendingRef} is blank, as the JS SDK
	 * throws
	 * @throws RejectedExecutionException when the scheduler was shut down (for example by
	 * {@link #close()})
	 */
	public CompletableFuture<DescopeResponse<JwtResponse>> waitForSession(String pendingRef,
			WaitForSessionConfig config) {
		Assert.hasText(pendingRef, "\"pendingRef\" must not be empty");
		Wait wait = new Wait(pendingRef, config.effectivePollingInterval());
		Duration timeout = config.effectiveTimeout();
		Future<?> timeoutTask = this.scheduler.schedule(
				() -> wait.result.complete(DescopeResponse.failure(0,
						DescopeError.of(DescopeErrorCodes.POLLING_TIMEOUT,
								"Session polling timeout exceeded: " + timeout.toMillis() + "ms"))),
				timeout.toMillis(), TimeUnit.MILLISECONDS);
		wait.result.whenComplete((answer, ex) -> {
			timeoutTask.cancel(false);
			wait.cancelNextPoll();
		});
		wait.schedulePoll(wait.interval);
		return wait.result;
	}

	/**
	 * Stops the scheduler if this poller created it; waits in progress then never
	 * complete unless their futures are completed or cancelled by the caller.
	 */
	@Override
	public void close() {
		if (this.ownsScheduler) {
			this.scheduler.shutdownNow();
		}
	}

	private static ScheduledExecutorService newScheduler() {
		AtomicInteger count = new AtomicInteger();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, (runnable) -> {
			Thread thread = new Thread(runnable, "descope-notp-poll-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		// a cancelled poll or timeout leaves the queue at once rather than when it would
		// have run
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	/**
	 * One wait: its future and the poll scheduled next.
	 */
	private final class Wait {

		private final CompletableFuture<DescopeResponse<JwtResponse>> result = new CompletableFuture<>();

		private final String pendingRef;

		private final Duration interval;

		private @Nullable Future<?> nextPoll;

		Wait(String pendingRef, Duration interval) {
			this.pendingRef = pendingRef;
			this.interval = interval;
		}

		synchronized void schedulePoll(Duration delay) {
			if (!this.result.isDone()) {
				this.nextPoll = PendingSessionPoller.this.scheduler.schedule(this::poll, delay.toMillis(),
						TimeUnit.MILLISECONDS);
			}
		}

		synchronized void cancelNextPoll() {
			if (this.nextPoll != null) {
				this.nextPoll.cancel(false);
			}
		}

		private void poll() {
			if (this.result.isDone()) {
				return;
			}
			DescopeResponse<JwtResponse> answer = PendingSessionPoller.this.client.getSession(this.pendingRef);
			if (answer.isPending() || answer.isTransientFailure()) {
				Duration retryAfter = (answer.error() != null) ? answer.error().retryAfter() : null;
				schedulePoll(
						(retryAfter != null && retryAfter.compareTo(this.interval) > 0) ? retryAfter : this.interval);
			}
			else {
				this.result.complete(answer);
			}
		}

	}

}
