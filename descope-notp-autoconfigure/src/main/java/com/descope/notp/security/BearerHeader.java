package com.descope.notp.security;

import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code Authorization} header value as an RFC 6750 (section 2.1) bearer
 * credential, {@code "Bearer" 1*SP b64token}, in one pass and without a regular
 * expression, on no web stack: {@link DescopeBearerTokenResolver} (servlet) and the
 * reactive bearer-token converter read the header the same way.
 */
public final class BearerHeader {

	private static final String SCHEME = "Bearer";

	/**
	 * The characters of a {@code b64token} other than the trailing {@code =}, by code.
	 */
	private static final boolean[] B64TOKEN_CHARS = new boolean[128];

	static {
		for (char c = 'a'; c <= 'z'; c++) {
			B64TOKEN_CHARS[c] = true;
			B64TOKEN_CHARS[Character.toUpperCase(c)] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			B64TOKEN_CHARS[c] = true;
		}
		for (char c : "-._~+/".toCharArray()) {
			B64TOKEN_CHARS[c] = true;
		}
	}

	private BearerHeader() {
	}

	/**
	 * Whether the header names the bearer scheme, well-formed or not.
	 * @param authorization the {@code Authorization} header value, or {@code null}
	 * @return {@code true} when it starts with {@code Bearer} (any case)
	 */
	public static boolean isBearerScheme(@Nullable String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
	}

	/**
	 * The token of a header that names the bearer scheme.
	 * @param authorization the header value, for which {@link #isBearerScheme} holds
	 * @return the token, or {@code null} when the header is malformed (nothing or no
	 * space after the scheme, a character outside the {@code b64token} syntax, a trailing
	 * space)
	 */
	public static @Nullable String token(String authorization) {
		int start = tokenStart(authorization);
		return (start < 0) ? null : authorization.substring(start);
	}

	/**
	 * Where the token starts: after the scheme and one or more spaces; {@code -1} when
	 * malformed.
	 * @param authorization the {@code Authorization} header value, known to start with
	 * the scheme
	 * @return the index of the token's first character, or {@code -1}
	 */
	private static int tokenStart(String authorization) {
		int start = SCHEME.length();
		while (start < authorization.length() && authorization.charAt(start) == ' ') {
			start++;
		}
		return (start > SCHEME.length() && isB64Token(authorization, start)) ? start : -1;
	}

	/**
	 * RFC 6750 section 2.1:
	 * {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
	 * @param value the string holding the token
	 * @param start the index of the token's first character
	 * @return {@code true} when everything from {@code start} to the end is a
	 * {@code b64token}
	 */
	private static boolean isB64Token(String value, int start) {
		int end = value.length();
		int i = start;
		while (i < end && isB64TokenChar(value.charAt(i))) {
			i++;
		}
		if (i == start) {
			return false;
		}
		while (i < end && value.charAt(i) == '=') {
			i++;
		}
		return i == end;
	}

	private static boolean isB64TokenChar(char c) {
		return c < B64TOKEN_CHARS.length && B64TOKEN_CHARS[c];
	}

}
