package com.descope.notp.core;

import org.springframework.security.core.AuthenticationException;

/**
 * The completion request is malformed (for example a missing or ill-shaped
 * {@code pendingRef}). Answered {@code 400} naming the field; nothing is sent to Descope.
 */
public class NotpInvalidRequestException extends AuthenticationException {

	private final String field;

	/**
	 * A rejection of one field.
	 * @param field the field's name
	 * @param message what is wrong, without echoing the value
	 */
	public NotpInvalidRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The rejected field.
	 * @return the field's name
	 */
	public String getField() {
		return this.field;
	}

}
