package com.descope.notp.core;

import org.springframework.security.core.AuthenticationException;

/**
 * The person has not confirmed on WhatsApp yet (Descope answered {@code E066103}). Not a
 * failure: the completion endpoint answers {@code 202 {"status":"pending"}}, keeps the
 * flow, and publishes no failure event.
 */
public class NotpAuthenticationPendingException extends AuthenticationException {

	/** The pending answer. */
	public NotpAuthenticationPendingException() {
		super("The nOTP login is waiting for the WhatsApp message");
	}

}
