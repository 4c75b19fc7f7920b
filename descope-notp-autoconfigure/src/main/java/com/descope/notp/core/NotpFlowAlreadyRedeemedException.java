package com.descope.notp.core;

/**
 * Descope no longer knows a {@code pendingRef} that the browser session still holds as a
 * live flow (its pending session answered {@code 400}: it gives a confirmed session out
 * once). Another completion attempt of the same browser session has redeemed it, on
 * another instance of the application sharing the session (Spring Session), and that
 * attempt's answer carries the session. Not a failure: the completion endpoint answers
 * {@code 202 {"status":"pending"}} as while the person has not confirmed, leaves the
 * session as the winning attempt writes it, and the browser's next poll is answered
 * {@code 200} from the session it then shares.
 */
public class NotpFlowAlreadyRedeemedException extends NotpAuthenticationPendingException {

	/** The answer. */
	public NotpFlowAlreadyRedeemedException() {
		super();
	}

}
