package com.descope.notp.security.reactive.login;

import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.PendingFlow;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Binds nOTP flows to the browser session that started them, the reactive twin of the
 * servlet side's {@code PendingFlowRepository}: a leaked {@code pendingRef} cannot be
 * redeemed elsewhere, and only once; each flow is asked about at Descope at most once per
 * polling interval. Replace it with a bean of this type. No method may block.
 */
public interface ServerPendingFlowRepository {

	/**
	 * Records a flow as belonging to the exchange's session, creating the session if
	 * needed.
	 * @param flow the flow
	 * @param exchange the start exchange
	 * @return completes when it is recorded
	 */
	Mono<Void> saveFlow(PendingFlow flow, ServerWebExchange exchange);

	/**
	 * Takes a live flow of the exchange's session for one completion attempt, as the
	 * servlet side's {@code claimFlow} does.
	 * @param pendingRef the reference
	 * @param exchange the completion exchange
	 * @return {@link FlowClaim#GRANTED} when this attempt holds the flow now;
	 * {@link FlowClaim#BUSY} when another attempt holds it or one asked Descope less than
	 * an interval ago; {@link FlowClaim#REDEEMED} when an earlier attempt redeemed it;
	 * {@link FlowClaim#UNKNOWN} when the session has no such live flow
	 */
	Mono<FlowClaim> claimFlow(String pendingRef, ServerWebExchange exchange);

	/**
	 * Gives a claimed flow back after an attempt that did not end it.
	 * @param pendingRef the reference
	 * @param exchange the exchange
	 * @return completes when it is given back
	 */
	Mono<Void> releaseFlow(String pendingRef, ServerWebExchange exchange);

	/**
	 * Records that a claimed flow was redeemed; later attempts are answered
	 * {@link FlowClaim#REDEEMED} until it would have expired.
	 * @param pendingRef the reference
	 * @param exchange the exchange
	 * @return completes when it is recorded
	 */
	Mono<Void> redeemFlow(String pendingRef, ServerWebExchange exchange);

	/**
	 * Forgets a flow, once failed or replayed.
	 * @param pendingRef the reference
	 * @param exchange the exchange
	 * @return completes when it is forgotten
	 */
	Mono<Void> removeFlow(String pendingRef, ServerWebExchange exchange);

}
