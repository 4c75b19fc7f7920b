package com.descope.notp.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Retries a call as the Descope SDKs do ({@code docs/descope-protocol.md}, "Retries"): an
 * answer of 503, 520, 521, 522, 524 or 530 is asked again after each step of the backoff,
 * a {@code Retry-After} on that answer lengthens the step up to
 * {@link DescopeClient#MAX_RETRY_AFTER_WAIT}, and a longer {@code Retry-After} ends the
 * retries at once. See {@link DescopeClient} for the rules as the caller sees them.
 *
 * <p>
 * Why not Spring Framework 7's {@code org.springframework.core.retry.RetryTemplate}: (1)
 * it retries on exceptions, while a 503 is an answer the client returns and never throws,
 * so each answer would be wrapped in an exception and unwrapped again from
 * {@code RetryException}; (2) its {@code BackOffExecution.nextBackOff()} does not see the
 * failed attempt, so a {@code Retry-After} could reach the wait only through state shared
 * between the policy and a back-off built anew for every call; (3) in 7.0.8 it waits with
 * a bare {@code Thread.sleep}, with no hook to replace it, so the waits could only be
 * tested against the wall clock. This loop is shorter than that glue and its waits go
 * through a {@link Sleeper} that tests replace.
 */
final class DescopeRetries {

	/**
	 * The statuses the Descope SDKs retry: 503 and Cloudflare's 520, 521, 522, 524 and
	 * 530.
	 */
	static final Set<Integer> RETRYABLE_STATUSES = Set.of(503, 520, 521, 522, 524, 530);

	private static final Log logger = LogFactory.getLog(DescopeRetries.class);

	private final List<Duration> backoff;

	private final Sleeper sleeper;

	/**
	 * Retries with the given backoff.
	 * @param backoff the wait before each retry, one retry per element; empty for none
	 * @param sleeper how the calling thread waits
	 */
	DescopeRetries(List<Duration> backoff, Sleeper sleeper) {
		this.backoff = List.copyOf(backoff);
		this.sleeper = sleeper;
	}

	/**
	 * Makes a call, and makes it again while it answers a retryable status and steps are
	 * left.
	 * @param <T> the data type
	 * @param label what to name the call in log lines, such as
	 * {@code POST /v1/auth/refresh}; never a token
	 * @param call one exchange with Descope
	 * @return the first answer that is not retried, or the last one; when the calling
	 * thread is interrupted while it waits, the last answer, with the interrupt flag kept
	 */
	<T> DescopeResponse<T> call(String label, Supplier<DescopeResponse<T>> call) {
		DescopeResponse<T> answer = call.get();
		for (int step = 0; step < this.backoff.size() && isRetryable(answer); step++) {
			Duration retryAfter = (answer.error() != null) ? answer.error().retryAfter() : null;
			Duration wait = retryWait(this.backoff.get(step), retryAfter);
			if (wait == null) {
				if (logger.isDebugEnabled()) {
					logger.debug("Descope " + label + " answered " + answer.code() + " with a Retry-After of "
							+ retryAfter.toMillis() + " ms; not retried");
				}
				return answer;
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Descope " + label + " answered " + answer.code() + "; retry " + (step + 1) + " of "
						+ this.backoff.size() + " in " + wait.toMillis() + " ms");
			}
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				// the caller is being stopped: hand back what Descope said and keep the
				// interrupt
				Thread.currentThread().interrupt();
				return answer;
			}
			answer = call.get();
		}
		return answer;
	}

	/**
	 * The wait before a retry.
	 * @param step the backoff step
	 * @param retryAfter the answer's {@code Retry-After}, or {@code null}
	 * @return the step, or the {@code Retry-After} when it is longer and at most
	 * {@link DescopeClient#MAX_RETRY_AFTER_WAIT}; {@code null} (do not retry) when the
	 * {@code Retry-After} is longer than both the step and
	 * {@link DescopeClient#MAX_RETRY_AFTER_WAIT}
	 */
	static @Nullable Duration retryWait(Duration step, @Nullable Duration retryAfter) {
		if (retryAfter == null || retryAfter.compareTo(step) <= 0) {
			return step;
		}
		return (retryAfter.compareTo(DescopeClient.MAX_RETRY_AFTER_WAIT) <= 0) ? retryAfter : null;
	}

	private static boolean isRetryable(DescopeResponse<?> answer) {
		return !answer.ok() && RETRYABLE_STATUSES.contains(answer.code());
	}

	/**
	 * How the calling thread waits between two attempts.
	 */
	@FunctionalInterface
	interface Sleeper {

		/** Waits on the calling thread with {@link Thread#sleep(long)}. */
		Sleeper THREAD = (wait) -> Thread.sleep(wait.toMillis());

		/**
		 * Waits.
		 * @param wait how long, zero or more
		 * @throws InterruptedException when the thread is interrupted while it waits
		 */
		void sleep(Duration wait) throws InterruptedException;

	}

}
