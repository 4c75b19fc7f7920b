package com.descope.notp.security.login;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.function.BiPredicate;

import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.core.PendingFlowRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

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
 * The rules are {@link PendingFlowRules}, shared with the reactive side. Claims are
 * atomic within one application instance (under the session mutex); the attribute is set
 * again after every change, so Spring Session stores it.
 */
public final class HttpSessionPendingFlowRepository implements PendingFlowRepository {

	/**
	 * How long a claim holds a flow at most, so that an attempt that died cannot block
	 * it: longer than a Descope call may take.
	 */
	public static final Duration CLAIM_TIMEOUT = PendingFlowRules.CLAIM_TIMEOUT;

	/** The session attribute that holds the flows. */
	public static final String FLOWS_ATTRIBUTE = HttpSessionPendingFlowRepository.class.getName() + ".FLOWS";

	private final PendingFlowRules rules;

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
		this.rules = new PendingFlowRules(maxFlowsPerSession, pollingInterval, clock);
	}

	@Override
	public void saveFlow(PendingFlow flow, HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession();
		synchronized (WebUtils.getSessionMutex(session)) {
			LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
			this.rules.add(flows, flow);
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
			return PendingFlowRules.pending(liveFlows(session), pendingRef);
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
			FlowClaim claim = this.rules.claim(flows, pendingRef);
			if (claim == FlowClaim.GRANTED) {
				session.setAttribute(FLOWS_ATTRIBUTE, flows);
			}
			return claim;
		}
	}

	@Override
	public void releaseFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		updateFlow(pendingRef, request, this.rules::release);
	}

	@Override
	public void redeemFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		updateFlow(pendingRef, request, this.rules::redeem);
	}

	/**
	 * Changes one live flow of the request's session under the session mutex, storing the
	 * map again so that a session store sees the change.
	 * @param pendingRef the flow
	 * @param request the request whose session holds it
	 * @param update the change, answering whether the flows changed
	 */
	private void updateFlow(String pendingRef, HttpServletRequest request,
			BiPredicate<LinkedHashMap<String, PendingFlow>, String> update) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return;
		}
		synchronized (WebUtils.getSessionMutex(session)) {
			LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
			if (update.test(flows, pendingRef)) {
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
		return this.rules.live(session.getAttribute(FLOWS_ATTRIBUTE));
	}

}
