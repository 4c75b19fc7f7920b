package com.descope.notp.security.login;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rule both pending-flow repositories claim a flow by: an attempt may ask Descope
 * about a flow when no other attempt holds it (or the hold lapsed after
 * {@link HttpSessionPendingFlowRepository#CLAIM_TIMEOUT}) and no attempt asked less than
 * one polling interval ago ({@code descope.notp.polling-interval}). The second half keeps
 * Descope, whose rate limits count for the whole project, from a client that polls faster
 * than the interval: such a client is answered "pending" in between, and its flow costs
 * Descope one call per interval at most.
 */
final class FlowPolls {

	private FlowPolls() {
	}

	/**
	 * Whether an attempt may claim a flow now.
	 * @param claimedAt when the attempt holding it took it, or {@code null} when none
	 * does
	 * @param polledAt when an attempt last took it to ask Descope, or {@code null}
	 * @param now the time
	 * @param pollingInterval the least time between two calls to Descope for one flow
	 * @return {@code true} when an attempt may take the flow and ask Descope
	 */
	static boolean mayClaim(@Nullable Instant claimedAt, @Nullable Instant polledAt, Instant now,
			Duration pollingInterval) {
		if (claimedAt != null && claimedAt.plus(HttpSessionPendingFlowRepository.CLAIM_TIMEOUT).isAfter(now)) {
			return false;
		}
		return polledAt == null || !polledAt.plus(pollingInterval).isAfter(now);
	}

	/**
	 * Checks a polling interval.
	 * @param pollingInterval the interval
	 * @return the interval
	 * @throws IllegalArgumentException when it is {@code null} or negative
	 */
	static Duration checked(@Nullable Duration pollingInterval) {
		if (pollingInterval == null || pollingInterval.isNegative()) {
			throw new IllegalArgumentException("pollingInterval must not be null or negative");
		}
		return pollingInterval;
	}

}
