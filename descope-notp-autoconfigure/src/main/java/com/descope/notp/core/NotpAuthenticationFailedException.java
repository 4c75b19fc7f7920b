package com.descope.notp.core;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * Descope ended the nOTP flow: it expired, was refused, or produced no usable session
 * token. Answered {@code 401}; the flow is forgotten.
 */
public class NotpAuthenticationFailedException extends BadCredentialsException {

	private final @Nullable String errorCode;

	/**
	 * A failure.
	 * @param message a short description, with no token
	 * @param errorCode the error code Descope answered, or {@code null}
	 */
	public NotpAuthenticationFailedException(String message, @Nullable String errorCode) {
		super(message);
		this.errorCode = errorCode;
	}

	/**
	 * Descope's error code, for example {@code E066104}.
	 * @return the code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

}
