package com.descope.notp.security;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides the {@code Secure} attribute of the cookies the starter sets: always over HTTPS, and
 * over plain HTTP too unless the host is a loopback name or address, where browsers would
 * otherwise refuse the cookies of a local run.
 */
final class CookieSecurity {

	private CookieSecurity() {
	}

	/**
	 * Whether a cookie set in answer to this request should be {@code Secure}.
	 * @param request the request
	 * @return {@code false} only for plain HTTP to a loopback host
	 */
	static boolean isSecure(HttpServletRequest request) {
		return request.isSecure() || !isLoopback(request.getServerName());
	}

	/**
	 * Whether a host is a loopback name or address.
	 * @param host the host
	 * @return {@code true} for {@code localhost}, {@code *.localhost}, {@code 127.x.x.x} and
	 * {@code ::1}
	 */
	static boolean isLoopback(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
				|| h.equals("::1");
	}

}
