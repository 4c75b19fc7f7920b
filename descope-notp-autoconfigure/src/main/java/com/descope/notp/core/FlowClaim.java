package com.descope.notp.core;

/**
 * The outcome of {@code PendingFlowRepository#claimFlow}: whether this completion attempt
 * may ask Descope about the flow.
 */
public enum FlowClaim {

	/** The flow is this attempt's until it is removed or released. */
	GRANTED,

	/**
	 * Another attempt of the same session holds the flow right now, or one asked Descope
	 * about it less than one polling interval ago; answer "pending".
	 */
	BUSY,

	/** This session started no live flow with this {@code pendingRef}. */
	UNKNOWN,

	/**
	 * This session's flow was redeemed by an earlier attempt (perhaps on another
	 * instance): answer with the session that attempt produced, without asking Descope.
	 */
	REDEEMED

}
