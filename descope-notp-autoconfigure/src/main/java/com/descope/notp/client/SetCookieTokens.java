package com.descope.notp.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Fills a {@link JwtResponse}'s empty tokens from the answer's {@code Set-Cookie}
 * headers, for projects set to answer tokens in cookies
 * ({@code docs/descope-protocol.md}, "Tokens in Set-Cookie"): the session JWT from
 * {@code DS}, the refresh JWT from {@code DSR}, or from the names the body gives in
 * {@code sessionCookieName} / {@code cookieName}. Tokens in the body win.
 */
final class SetCookieTokens {

	static final String SESSION_COOKIE = "DS";

	static final String REFRESH_COOKIE = "DSR";

	private SetCookieTokens() {
	}

	/**
	 * The response with its empty tokens taken from the cookies.
	 * @param jwt the response as the body gave it
	 * @param setCookies the answer's {@code Set-Cookie} header values, in order
	 * @return {@code jwt} itself when it has both tokens, else a copy with each empty
	 * token replaced by its cookie's value when the cookie is present and not empty
	 */
	static JwtResponse fill(JwtResponse jwt, List<String> setCookies) {
		if (jwt.hasSessionJwt() && StringUtils.hasText(jwt.refreshJwt())) {
			return jwt;
		}
		String sessionName = StringUtils.hasText(jwt.sessionCookieName()) ? jwt.sessionCookieName() : SESSION_COOKIE;
		String refreshName = StringUtils.hasText(jwt.cookieName()) ? jwt.cookieName() : REFRESH_COOKIE;
		return jwt.withTokenFallbacks(value(setCookies, sessionName), value(setCookies, refreshName));
	}

	/**
	 * The value of the first cookie of that name (RFC 6265, section 4.1:
	 * {@code name=value} before the first {@code ;}).
	 * @param setCookies the {@code Set-Cookie} header values of the answer, in the order
	 * received
	 * @param name the cookie name, matched exactly
	 * @return the value, possibly empty, or {@code null} when no cookie has that name
	 */
	private static @Nullable String value(List<String> setCookies, String name) {
		for (String setCookie : setCookies) {
			int semicolon = setCookie.indexOf(';');
			String pair = (semicolon >= 0) ? setCookie.substring(0, semicolon) : setCookie;
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
				String value = pair.substring(equals + 1).trim();
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

}
