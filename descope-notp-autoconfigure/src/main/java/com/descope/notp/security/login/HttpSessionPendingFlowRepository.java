package com.descope.notp.security.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.core.PendingFlow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.WebUtils;

/**
 * Keeps the session's pending flows in the HTTP session (attribute
 * {@link #FLOWS_ATTRIBUTE}).
 *
 * <ul>
 * <li><b>Bounded.</b> A session holds at most {@code maxFlowsPerSession} flows
 * ({@code descope.notp.max-flows-per-session}, default 5). Starting one more is never
 * refused: it drops the oldest, whose completion then answers {@code 401}
 * {@code unknown-flow} without a call to Descope, while the newest ones keep working. A
 * page that starts a flow on every reload thus stays usable, and a session cannot pile up
 * flows.</li>
 * <li><b>Timed.</b> A flow is accepted until its {@link PendingFlow#expiresAt()}
 * ({@code descope.notp.timeout}); after that it is unknown (same {@code 401}, no call to
 * Descope), whatever Descope would still say. Expired flows are dropped whenever the
 * session's flows are read.</li>
 * <li><b>Claimed, never stuck.</b> A completion attempt claims its flow for the one
 * Descope call and gives it back (or removes it) when the call ends, even when the client
 * has gone away meanwhile. A claim that was never given back (the attempt died) lapses
 * after {@link #CLAIM_TIMEOUT}; until then other attempts answer "pending".</li>
 * <li><b>Polled once per interval.</b> Once an attempt asked Descope about a flow, the
 * next may ask only after the polling interval ({@code descope.notp.polling-interval},
 * default 1 s); attempts in between answer "pending" without a call to Descope, however
 * fast a browser, script or attacker polls. Descope's rate limits count for the whole
 * project, so one fast client must not get every user a {@code 429}. The default page
 * waits one interval after each answer, so it is never held back. The time of the last
 * call is kept in the flow ({@link PendingFlow#polledAt()}), so with Spring Session the
 * limit holds on every instance that shares the session.</li>
 * <li><b>Redeemed, remembered.</b> A flow whose login succeeded stays, marked redeemed
 * ({@link #redeemFlow}), until its expiry: a later attempt of the session is answered
 * {@link FlowClaim#REDEEMED} (with the session's login), never sent to Descope
 * again.</li>
 * </ul>
 *
 * Claims are atomic within one application instance (under the session mutex); the
 * attribute is set again after every change, so Spring Session stores it.
 */
public final class HttpSessionPendingFlowRepository implements PendingFlowRepository {

	/**
	 * How long a claim holds a flow at most, so that an attempt that died cannot block
	 * it: longer than a Descope call may take.
	 */
	public static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

	/** The session attribute that holds the flows. */
	public static final String FLOWS_ATTRIBUTE = HttpSessionPendingFlowRepository.class.getName() + ".FLOWS";

	private final int maxFlowsPerSession;

	private final Duration pollingInterval;

	private final Clock clock;

	/**
	 * A repository with at most 5 flows per session, each polled at most once per second.
	 */
	public HttpSessionPendingFlowRepository() {
		this(5, Clock.systemUTC());
	}

	/**
	 * A repository whose flows are each polled at most once per second (the default
	 * {@code descope.notp.polling-interval}).
	 * @param maxFlowsPerSession the most flows one session may have pending; at least 1
	 * @param clock the clock expiry is measured by
	 */
	public HttpSessionPendingFlowRepository(int maxFlowsPerSession, Clock clock) {
		this(maxFlowsPerSession, NotpLoginSettings.DEFAULTS.pollingInterval(), clock);
	}

	/**
	 * A repository.
	 * @param maxFlowsPerSession the most flows one session may have pending; at least 1
	 * @param pollingInterval the least time between two calls to Descope for one flow
	 * ({@code descope.notp.polling-interval}); zero or more
	 * @param clock the clock expiry, claims and polls are measured by
	 */
	public HttpSessionPendingFlowRepository(int maxFlowsPerSession, Duration pollingInterval, Clock clock) {
		Assert.isTrue(maxFlowsPerSession >= 1, "maxFlowsPerSession must be at least 1");
		Assert.notNull(clock, "clock must not be null");
		this.maxFlowsPerSession = maxFlowsPerSession;
		this.pollingInterval = FlowPolls.checked(pollingInterval);
		this.clock = clock;
	}

	@Override
	public void saveFlow(PendingFlow flow, HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession();
		synchronized (WebUtils.getSessionMutex(session)) {
			LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
			flows.put(flow.pendingRef(), flow);
			while (flows.size() > this.maxFlowsPerSession) {
				flows.remove(flows.keySet().iterator().next());
			}
			session.setAttribute(FLOWS_ATTRIBUTE, flows);
		}
	}

	@Override
	public @Nullable PendingFlow loadFlow(String pendingRef, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		synchronized (WebUtils.getSessionMutex(session)) {
			PendingFlow flow = liveFlows(session).get(pendingRef);
			return (flow != null && !flow.isRedeemed()) ? flow : null;
		}
	}

	@Override
	public FlowClaim claimFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return FlowClaim.UNKNOWN;
		}
		synchronized (WebUtils.getSessionMutex(session)) {
			LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
			PendingFlow flow = flows.get(pendingRef);
			if (flow == null) {
				return FlowClaim.UNKNOWN;
			}
			if (flow.isRedeemed()) {
				return FlowClaim.REDEEMED;
			}
			Instant now = this.clock.instant();
			if (!FlowPolls.mayClaim(flow.claimedAt(), flow.polledAt(), now, this.pollingInterval)) {
				return FlowClaim.BUSY;
			}
			flows.put(pendingRef, flow.withPollClaimedAt(now));
			session.setAttribute(FLOWS_ATTRIBUTE, flows);
			return FlowClaim.GRANTED;
		}
	}

	@Override
	public void releaseFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		updateFlow(pendingRef, request, (flow) -> flow.isRedeemed() ? flow : flow.withClaimedAt(null));
	}

	@Override
	public void redeemFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		updateFlow(pendingRef, request, (flow) -> flow.redeemedAt(this.clock.instant()));
	}

	/**
	 * Replaces one live flow of the request's session under the session mutex, storing
	 * the map again so that a session store sees the change.
	 * @param pendingRef the flow
	 * @param request the request whose session holds it
	 * @param update the new state of the flow from the current one
	 */
	private void updateFlow(String pendingRef, HttpServletRequest request, UnaryOperator<PendingFlow> update) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return;
		}
		synchronized (WebUtils.getSessionMutex(session)) {
			LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
			PendingFlow flow = flows.get(pendingRef);
			if (flow != null) {
				flows.put(pendingRef, update.apply(flow));
				session.setAttribute(FLOWS_ATTRIBUTE, flows);
			}
		}
	}

	@Override
	public void removeFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return;
		}
		synchronized (WebUtils.getSessionMutex(session)) {
			LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
			flows.remove(pendingRef);
			if (flows.isEmpty()) {
				session.removeAttribute(FLOWS_ATTRIBUTE);
			}
			else {
				session.setAttribute(FLOWS_ATTRIBUTE, flows);
			}
		}
	}

	private LinkedHashMap<String, PendingFlow> liveFlows(HttpSession session) {
		LinkedHashMap<String, PendingFlow> flows = new LinkedHashMap<>();
		if (session.getAttribute(FLOWS_ATTRIBUTE) instanceof Map<?, ?> stored) {
			Instant now = this.clock.instant();
			stored.forEach((ref, flow) -> {
				if (ref instanceof String key && flow instanceof PendingFlow pending
						&& pending.expiresAt().isAfter(now)) {
					flows.put(key, pending);
				}
			});
		}
		return flows;
	}

}
