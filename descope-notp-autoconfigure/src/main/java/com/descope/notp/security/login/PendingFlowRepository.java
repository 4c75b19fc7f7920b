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
	 * an interval ago; {@link FlowClaim#UNKNOWN} when the session has no such live flow
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
	 * Forgets a flow, once redeemed or failed.
	 * @param pendingRef the reference
	 * @param request the request
	 * @param response the response
	 */
	void removeFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response);

}
