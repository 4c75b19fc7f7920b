package com.descope.notp.security.reactive.login;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.core.PendingFlowRules;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Keeps the session's pending flows in the {@code WebSession} (attribute
 * {@link #FLOWS_ATTRIBUTE}), the twin of the servlet side's
 * {@code HttpSessionPendingFlowRepository} under the same {@link PendingFlowRules}: at
 * most {@code descope.notp.max-flows-per-session} flows (one more drops the oldest),
 * accepted until their expiry, each claimed by one attempt at a time and asked about at
 * Descope at most once per {@code descope.notp.polling-interval}, a redeemed one
 * remembered until its expiry. Each change runs under the session object's lock, which is
 * held only for the map update (no I/O), and stores the map again so that Spring
 * Session's reactive repositories save it.
 */
public final class WebSessionServerPendingFlowRepository implements ServerPendingFlowRepository {

	/** The session attribute that holds the flows. */
	public static final String FLOWS_ATTRIBUTE = WebSessionServerPendingFlowRepository.class.getName() + ".FLOWS";

	private final PendingFlowRules rules;

	/**
	 * A repository.
	 * @param maxFlowsPerSession the most flows one session may have pending; at least 1
	 * @param pollingInterval the least time between two calls to Descope for one flow;
	 * zero or more
	 * @param clock the clock expiry, claims and polls are measured by
	 * @throws IllegalArgumentException when a value is out of range
	 */
	public WebSessionServerPendingFlowRepository(int maxFlowsPerSession, Duration pollingInterval, Clock clock) {
		this.rules = new PendingFlowRules(maxFlowsPerSession, pollingInterval, clock);
	}

	@Override
	public Mono<Void> saveFlow(PendingFlow flow, ServerWebExchange exchange) {
		return exchange.getSession().doOnNext((session) -> {
			synchronized (session) {
				LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
				this.rules.add(flows, flow);
				session.getAttributes().put(FLOWS_ATTRIBUTE, flows);
				// a session that only holds flows must still be saved
				session.start();
			}
		}).then();
	}

	@Override
	public Mono<FlowClaim> claimFlow(String pendingRef, ServerWebExchange exchange) {
		return exchange.getSession().map((session) -> {
			synchronized (session) {
				LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
				FlowClaim claim = this.rules.claim(flows, pendingRef);
				if (claim == FlowClaim.GRANTED) {
					session.getAttributes().put(FLOWS_ATTRIBUTE, flows);
				}
				return claim;
			}
		});
	}

	@Override
	public Mono<Void> releaseFlow(String pendingRef, ServerWebExchange exchange) {
		return update(pendingRef, exchange, this.rules::release);
	}

	@Override
	public Mono<Void> redeemFlow(String pendingRef, ServerWebExchange exchange) {
		return update(pendingRef, exchange, this.rules::redeem);
	}

	@Override
	public Mono<Void> removeFlow(String pendingRef, ServerWebExchange exchange) {
		return exchange.getSession().doOnNext((session) -> {
			synchronized (session) {
				LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
				flows.remove(pendingRef);
				if (flows.isEmpty()) {
					session.getAttributes().remove(FLOWS_ATTRIBUTE);
				}
				else {
					session.getAttributes().put(FLOWS_ATTRIBUTE, flows);
				}
			}
		}).then();
	}

	private Mono<Void> update(String pendingRef, ServerWebExchange exchange,
			BiPredicate<LinkedHashMap<String, PendingFlow>, String> change) {
		return exchange.getSession().doOnNext((session) -> {
			synchronized (session) {
				LinkedHashMap<String, PendingFlow> flows = liveFlows(session);
				if (change.test(flows, pendingRef)) {
					session.getAttributes().put(FLOWS_ATTRIBUTE, flows);
				}
			}
		}).then();
	}

	private LinkedHashMap<String, PendingFlow> liveFlows(WebSession session) {
		Map<String, Object> attributes = session.getAttributes();
		return this.rules.live(attributes.get(FLOWS_ATTRIBUTE));
	}

}
