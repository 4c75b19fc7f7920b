package com.descope.notp.client;

import org.jspecify.annotations.Nullable;

/**
 * How secrets appear in {@code toString()} and log lines: never in full.
 */
public final class Redaction {

	private Redaction() {
	}

	/**
	 * A secret's safe form: its first four characters and its length, so two values can
	 * be told apart in a log without revealing either, for example
	 * {@code "AbCd…(32 chars)"}.
	 * @param secret a token, refresh JWT or {@code pendingRef}; may be {@code null}
	 * @return {@code "null"}, {@code "[empty]"} or the redacted form
	 */
	public static String redact(@Nullable String secret) {
		if (secret == null) {
			return "null";
		}
		if (secret.isEmpty()) {
			return "[empty]";
		}
		if (secret.length() < 16) {
			return "[redacted]";
		}
		return secret.substring(0, 4) + "…(" + secret.length() + " chars)";
	}

}
