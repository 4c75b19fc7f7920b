package com.descope.notp.core;

import org.jspecify.annotations.Nullable;

/**
 * How the starter writes the {@code DS} and {@code DSR} cookies
 * ({@code descope.cookie.*}).
 *
 * @param sessionCookieName the session JWT's cookie, default {@code DS}
 * @param refreshCookieName the refresh JWT's cookie, default {@code DSR}
 * @param sameSite the {@code SameSite} attribute: {@code Lax} (default), {@code Strict}
 * or {@code None}
 * @param sessionCookieHttpOnly whether the {@code DS} cookie is {@code HttpOnly} (default
 * {@code true}; the {@code DSR} cookie always is)
 * @param secure whether every cookie the starter sets ({@code DS}, {@code DSR}, the
 * last-user cookie) has the {@code Secure} attribute: {@code true} (default) whatever the
 * request looks like, since behind a proxy a request cannot tell reliably whether the
 * browser used HTTPS, and browsers accept {@code Secure} cookies from
 * {@code http://localhost} already. {@code false} only for development over plain HTTP to
 * another host: the tokens then travel in clear text.
 * @param domain the {@code Domain} to set, or {@code null} to use Descope's
 * {@code cookieDomain}; either is used only when it is the request's host or a parent of
 * it
 */
public record DescopeCookieSettings(String sessionCookieName, String refreshCookieName, String sameSite,
		boolean sessionCookieHttpOnly, boolean secure, @Nullable String domain) {

	/** The defaults. */
	public static final DescopeCookieSettings DEFAULTS = new DescopeCookieSettings("DS", "DSR", "Lax", true, true,
			null);

}
