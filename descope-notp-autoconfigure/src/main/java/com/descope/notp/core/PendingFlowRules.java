package com.descope.notp.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The rules a browser session's pending flows follow on either stack, applied to the
 * session's flows as a map from {@code pendingRef} to {@link PendingFlow} (oldest first);
 * the servlet and reactive session repositories keep that map in their session and call
 * these rules under their own lock.
 * <ul>
 * <li><b>Bounded:</b> at most {@code maxFlowsPerSession} flows
 * ({@code descope.notp.max-flows-per-session}); one more drops the oldest.</li>
 * <li><b>Timed:</b> a flow past its {@link PendingFlow#expiresAt()} is dropped whenever
 * the flows are read.</li>
 * <li><b>Claimed once per interval:</b> {@link #mayClaim}.</li>
 * <li><b>Redeemed, remembered:</b> a redeemed flow stays until its expiry and is answered
 * {@link FlowClaim#REDEEMED}.</li>
 * </ul>
 */
public final class PendingFlowRules {

	/**
	 * How long a claim holds a flow at most, so that an attempt that died cannot block
	 * it: longer than a Descope call may take.
	 */
	public static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

	private final int maxFlowsPerSession;

	private final Duration pollingInterval;

	private final Clock clock;

	/**
	 * The rules.
	 * @param maxFlowsPerSession the most flows one session may have pending; at least 1
	 * @param pollingInterval the least time between two calls to Descope for one flow;
	 * zero or more
	 * @param clock the clock expiry, claims and polls are measured by
	 * @throws IllegalArgumentException when a value is out of range or {@code null}
	 */
	public PendingFlowRules(int maxFlowsPerSession, Duration pollingInterval, Clock clock) {
		Assert.isTrue(maxFlowsPerSession >= 1, "maxFlowsPerSession must be at least 1");
		Assert.notNull(clock, "clock must not be null");
		this.maxFlowsPerSession = maxFlowsPerSession;
		this.pollingInterval = checked(pollingInterval);
		this.clock = clock;
	}

	/**
	 * Whether an attempt may claim a flow now: when no other attempt holds it (or the
	 * hold lapsed after {@link #CLAIM_TIMEOUT}) and no attempt asked Descope less than
	 * one polling interval ago. The second half keeps Descope, whose rate limits count
	 * for the whole project, from a client that polls faster than the interval.
	 * @param claimedAt when the attempt holding it took it, or {@code null} when none
	 * does
	 * @param polledAt when an attempt last took it to ask Descope, or {@code null}
	 * @param now the time
	 * @param pollingInterval the least time between two calls to Descope for one flow
	 * @return {@code true} when an attempt may take the flow and ask Descope
	 */
	public static boolean mayClaim(@Nullable Instant claimedAt, @Nullable Instant polledAt, Instant now,
			Duration pollingInterval) {
		if (claimedAt != null && claimedAt.plus(CLAIM_TIMEOUT).isAfter(now)) {
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
	public static Duration checked(@Nullable Duration pollingInterval) {
		if (pollingInterval == null || pollingInterval.isNegative()) {
			throw new IllegalArgumentException("pollingInterval must not be null or negative");
		}
		return pollingInterval;
	}

	/**
	 * The live flows of what a session stores, expired ones and foreign values left out.
	 * @param stored the session attribute, or {@code null}
	 * @return a new mutable map, oldest first
	 */
	public LinkedHashMap<String, PendingFlow> live(@Nullable Object stored) {
		LinkedHashMap<String, PendingFlow> flows = new LinkedHashMap<>();
		if (stored instanceof Map<?, ?> map) {
			Instant now = this.clock.instant();
			map.forEach((ref, flow) -> {
				if (ref instanceof String key && flow instanceof PendingFlow pending
						&& pending.expiresAt().isAfter(now)) {
					flows.put(key, pending);
				}
			});
		}
		return flows;
	}

	/**
	 * Adds a started flow, dropping the oldest beyond the bound.
	 * @param flows the live flows, changed
	 * @param flow the flow
	 */
	public void add(LinkedHashMap<String, PendingFlow> flows, PendingFlow flow) {
		flows.put(flow.pendingRef(), flow);
		while (flows.size() > this.maxFlowsPerSession) {
			flows.remove(flows.keySet().iterator().next());
		}
	}

	/**
	 * A live, unredeemed flow.
	 * @param flows the live flows
	 * @param pendingRef the reference
	 * @return the flow, or {@code null}
	 */
	public static @Nullable PendingFlow pending(Map<String, PendingFlow> flows, String pendingRef) {
		PendingFlow flow = flows.get(pendingRef);
		return (flow != null && !flow.isRedeemed()) ? flow : null;
	}

	/**
	 * Claims a flow for one completion attempt, marking it claimed and polled now when
	 * granted.
	 * @param flows the live flows, changed when granted
	 * @param pendingRef the reference
	 * @return the claim; {@link FlowClaim#GRANTED} changed {@code flows}
	 */
	public FlowClaim claim(Map<String, PendingFlow> flows, String pendingRef) {
		PendingFlow flow = flows.get(pendingRef);
		if (flow == null) {
			return FlowClaim.UNKNOWN;
		}
		if (flow.isRedeemed()) {
			return FlowClaim.REDEEMED;
		}
		Instant now = this.clock.instant();
		if (!mayClaim(flow.claimedAt(), flow.polledAt(), now, this.pollingInterval)) {
			return FlowClaim.BUSY;
		}
		flows.put(pendingRef, flow.withPollClaimedAt(now));
		return FlowClaim.GRANTED;
	}

	/**
	 * Gives a claimed flow back (a redeemed one stays redeemed).
	 * @param flows the live flows, changed
	 * @param pendingRef the reference
	 * @return whether the flows changed
	 */
	public boolean release(Map<String, PendingFlow> flows, String pendingRef) {
		return flows.computeIfPresent(pendingRef,
				(ref, flow) -> flow.isRedeemed() ? flow : flow.withClaimedAt(null)) != null;
	}

	/**
	 * Marks a flow redeemed now.
	 * @param flows the live flows, changed
	 * @param pendingRef the reference
	 * @return whether the flows changed
	 */
	public boolean redeem(Map<String, PendingFlow> flows, String pendingRef) {
		Instant now = this.clock.instant();
		return flows.computeIfPresent(pendingRef, (ref, flow) -> flow.redeemedAt(now)) != null;
	}

}
