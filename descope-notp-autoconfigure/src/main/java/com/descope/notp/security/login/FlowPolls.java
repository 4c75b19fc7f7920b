package com.descope.notp.security.login;

import java.time.Duration;
import java.time.Instant;

import com.descope.notp.core.PendingFlowRules;
import org.jspecify.annotations.Nullable;

/**
 * The claim rule of the cookie repository, which keeps its polls apart from its flows:
 * the stack-neutral {@link PendingFlowRules}, so both stacks and both stores throttle
 * alike.
 */
final class FlowPolls {

	private FlowPolls() {
	}

	/**
	 * Whether an attempt may claim a flow now ({@link PendingFlowRules#mayClaim}).
	 * @param claimedAt when the attempt holding it took it, or {@code null} when none
	 * does
	 * @param polledAt when an attempt last took it to ask Descope, or {@code null}
	 * @param now the time
	 * @param pollingInterval the least time between two calls to Descope for one flow
	 * @return {@code true} when an attempt may take the flow and ask Descope
	 */
	static boolean mayClaim(@Nullable Instant claimedAt, @Nullable Instant polledAt, Instant now,
			Duration pollingInterval) {
		return PendingFlowRules.mayClaim(claimedAt, polledAt, now, pollingInterval);
	}

	/**
	 * Checks a polling interval ({@link PendingFlowRules#checked}).
	 * @param pollingInterval the interval
	 * @return the interval
	 * @throws IllegalArgumentException when it is {@code null} or negative
	 */
	static Duration checked(@Nullable Duration pollingInterval) {
		return PendingFlowRules.checked(pollingInterval);
	}

}
