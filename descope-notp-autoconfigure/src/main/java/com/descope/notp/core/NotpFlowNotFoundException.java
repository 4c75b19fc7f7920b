package com.descope.notp.core;

import org.springframework.security.core.AuthenticationException;

/**
 * The {@code pendingRef} was not started by this browser session, was already redeemed,
 * or expired locally. Answered {@code 401}; nothing is sent to Descope.
 */
public class NotpFlowNotFoundException extends AuthenticationException {

	/** The refusal. */
	public NotpFlowNotFoundException() {
		super("No login flow with this pendingRef belongs to this session");
	}

}
