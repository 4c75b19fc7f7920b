package com.descope.notp.core;

import org.springframework.security.core.AuthenticationException;

/**
 * The {@code pendingRef} was not started by this browser session, was already redeemed,
 * or expired locally (then nothing is sent to Descope), or Descope itself knows no such
 * flow any more. Answered {@code 401} {@code unknown-flow}.
 */
public class NotpFlowNotFoundException extends AuthenticationException {

	/** The refusal. */
	public NotpFlowNotFoundException() {
		super("No login flow with this pendingRef belongs to this session");
	}

}
