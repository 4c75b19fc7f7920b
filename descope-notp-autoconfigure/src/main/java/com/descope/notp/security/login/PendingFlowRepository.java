package com.descope.notp.security.login;

import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.PendingFlow;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Binds nOTP flows to the browser session that started them, so that a leaked
 * {@code pendingRef} cannot be redeemed elsewhere, and only once. Replace it with a bean
 * of this type.
 */
public interface PendingFlowRepository {

	/**
	 * Records a flow as belonging to the request's session, creating the session if
	 * needed.
	 * @param flow the flow
	 * @param request the start request
	 * @param response the start response
	 */
	void saveFlow(PendingFlow flow, HttpServletRequest request, HttpServletResponse response);

	/**
	 * The flow with this reference, if the request's session started it and it has not
	 * expired.
	 * @param pendingRef the reference
	 * @param request the completion request
	 * @return the flow, or {@code null}
	 */
	@Nullable PendingFlow loadFlow(String pendingRef, HttpServletRequest request);

	/**
	 * Takes a live flow of the request's session for one completion attempt, so that
	 * concurrent attempts cannot each redeem it: only one attempt at a time asks Descope
	 * about a flow, and (for the repositories of this package) none sooner than one
	 * polling interval ({@code descope.notp.polling-interval}) after the last one took
	 * it, so that a client polling too fast cannot spend the project's Descope rate
	 * limit.
	 * @param pendingRef the reference
	 * @param request the completion request
	 * @param response the completion response
	 * @return {@link FlowClaim#GRANTED} when this attempt holds the flow now;
	 * {@link FlowClaim#BUSY} when another attempt holds it or one asked Descope less than
	 * an interval ago; {@link FlowClaim#REDEEMED} when an earlier attempt redeemed it
	 * ({@link #redeemFlow}); {@link FlowClaim#UNKNOWN} when the session has no such live
	 * flow
	 */
	FlowClaim claimFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response);

	/**
	 * Gives a claimed flow back after an attempt that did not end it (Descope answered
	 * "pending" or could not answer), so the next attempt may claim it.
	 * @param pendingRef the reference
	 * @param request the request
	 * @param response the response
	 */
	void releaseFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response);

	/**
	 * Records that a claimed flow was redeemed: the login succeeded. A repository that
	 * can keeps the flow as redeemed until it would have expired, and answers
	 * {@link FlowClaim#REDEEMED} to later attempts, so that an attempt that lost a race
	 * (a retried poll, a second tab, the poll of another instance sharing the session) is
	 * answered from the session the winner produced rather than as unknown; it never asks
	 * Descope again. The default forgets the flow ({@link #removeFlow}).
	 * @param pendingRef the reference
	 * @param request the request
	 * @param response the response
	 */
	default void redeemFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		removeFlow(pendingRef, request, response);
	}

	/**
	 * Forgets a flow, once redeemed or failed.
	 * @param pendingRef the reference
	 * @param request the request
	 * @param response the response
	 */
	void removeFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response);

}
