package com.descope.notp.client;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The three ways to start a nOTP flow, each with the name our endpoints accept and the
 * path segment of Descope's endpoint {@code POST /v1/auth/notp/whatsapp/{segment}}
 * ({@code docs/descope-protocol.md}, "Calls the client makes").
 */
public enum NotpMethod {

	/** Sign in an existing user: {@code sign-in}, Descope's {@code signin}. */
	SIGN_IN("sign-in", "signin"),

	/** Sign up a new user: {@code sign-up}, Descope's {@code signup}. */
	SIGN_UP("sign-up", "signup"),

	/**
	 * Sign up or sign in, whichever applies: {@code sign-up-or-in}, Descope's
	 * {@code signup-in}.
	 */
	SIGN_UP_OR_IN("sign-up-or-in", "signup-in");

	private final String value;

	private final String pathSegment;

	NotpMethod(String value, String pathSegment) {
		this.value = value;
		this.pathSegment = pathSegment;
	}

	/**
	 * The name our endpoints accept, for example {@code sign-up-or-in}.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The last path segment of Descope's start endpoint, for example {@code signup-in}.
	 * @return the segment
	 */
	public String pathSegment() {
		return this.pathSegment;
	}

	/**
	 * The method named by {@code value}, case-insensitively.
	 * @param value {@code sign-in}, {@code sign-up} or {@code sign-up-or-in}
	 * @return the method, or {@code null} when the value names none
	 */
	public static @Nullable NotpMethod fromValue(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String normalized = value.trim().toLowerCase(Locale.ROOT);
		for (NotpMethod method : values()) {
			if (method.value.equals(normalized)) {
				return method;
			}
		}
		return null;
	}

}
