package com.descope.notp.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.WebUtils;

/**
 * The {@link LastAuthenticatedUser} cookie of a servlet request and response, under the
 * request's context path.
 */
public final class LastAuthenticatedUserCookies {

	private LastAuthenticatedUserCookies() {
	}

	/**
	 * Remembers a user on the browser.
	 * @param user the user
	 * @param request the request, for its context path
	 * @param response the response the cookie is added to
	 * @param secure whether the cookie gets {@code Secure}
	 */
	public static void save(LastAuthenticatedUser user, HttpServletRequest request, HttpServletResponse response,
			boolean secure) {
		response.addHeader(HttpHeaders.SET_COOKIE, user.toCookie(contextPath(request), secure).toString());
	}

	/**
	 * The remembered user of a request.
	 * @param request the request
	 * @return the user, or {@code null} when none is remembered or the cookie is
	 * unreadable
	 */
	public static @Nullable LastAuthenticatedUser load(HttpServletRequest request) {
		Cookie cookie = WebUtils.getCookie(request, LastAuthenticatedUser.COOKIE_NAME);
		return (cookie != null) ? LastAuthenticatedUser.fromCookieValue(cookie.getValue()) : null;
	}

	/**
	 * Forgets the remembered user.
	 * @param request the request, for its context path
	 * @param response the response the expiring cookie is added to
	 * @param secure whether the cookie gets {@code Secure}
	 */
	public static void remove(HttpServletRequest request, HttpServletResponse response, boolean secure) {
		response.addHeader(HttpHeaders.SET_COOKIE,
				LastAuthenticatedUser.expiredCookie(contextPath(request), secure).toString());
	}

	private static String contextPath(HttpServletRequest request) {
		String path = request.getContextPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
