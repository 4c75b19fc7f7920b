package com.descope.notp.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.util.StringUtils;

/**
 * Finds the session JWT of a request as the Descope SDKs do (protocol note, section 10): the
 * {@code Authorization: Bearer <jwt>} header first (RFC 6750, section 2.1), else the {@code DS}
 * cookie. A malformed {@code Authorization} header is an {@code invalid_request} error, as in
 * Spring's {@link DefaultBearerTokenResolver}.
 */
public final class DescopeBearerTokenResolver implements BearerTokenResolver {

	/** The cookie Descope's SDKs keep the session JWT in. */
	public static final String SESSION_COOKIE_NAME = "DS";

	private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

	private final String cookieName;

	/** A resolver reading the {@code DS} cookie. */
	public DescopeBearerTokenResolver() {
		this(SESSION_COOKIE_NAME);
	}

	/**
	 * A resolver reading a custom session cookie.
	 * @param cookieName the cookie name
	 */
	public DescopeBearerTokenResolver(String cookieName) {
		this.cookieName = cookieName;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String token = this.header.resolve(request);
		if (token != null) {
			return token;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (this.cookieName.equals(cookie.getName()) && StringUtils.hasText(cookie.getValue())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

}
