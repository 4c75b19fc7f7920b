package com.descope.notp.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.descope.notp.core.DescopeCookieSettings;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.util.StringUtils;

/**
 * How the starter writes, reads and clears the cookies it owns (the {@code DS} and
 * {@code DSR} token cookies, the pending-flow cookies), in one place so that each is set
 * and cleared with the same attributes: {@code Secure} and {@code SameSite} from
 * {@link DescopeCookieSettings} ({@code descope.cookie.*}), {@code Path} the context path
 * unless the caller names another. A browser tells a cookie by its name, {@code Domain}
 * and {@code Path} (RFC 6265, section 5.3, step 11), so a clearing {@code Set-Cookie}
 * must repeat them.
 */
public final class DescopeCookies {

	/** The largest cookie browsers keep, name and attributes included. */
	public static final int MAX_COOKIE_BYTES = 4096;

	private DescopeCookies() {
	}

	/**
	 * A cookie with the configured {@code Secure} and {@code SameSite}.
	 * @param settings {@code descope.cookie.*}
	 * @param name the cookie's name
	 * @param value its value
	 * @param path its {@code Path}
	 * @param httpOnly whether scripts are kept from reading it
	 * @return the builder, for a {@code Max-Age} or a {@code Domain}
	 */
	public static ResponseCookie.ResponseCookieBuilder cookie(DescopeCookieSettings settings, String name, String value,
			String path, boolean httpOnly) {
		return ResponseCookie.from(name, value)
			.path(path)
			.httpOnly(httpOnly)
			.secure(settings.secure())
			.sameSite(settings.sameSite());
	}

	/**
	 * A {@code Set-Cookie} that clears a cookie set by {@link #cookie} with this name and
	 * path (and domain).
	 * @param settings {@code descope.cookie.*}
	 * @param name the cookie's name
	 * @param path the {@code Path} it was set with
	 * @param domain the {@code Domain} it was set with, or {@code null} for a host-only
	 * cookie
	 * @return the clearing cookie ({@code Max-Age=0}, empty value)
	 */
	public static ResponseCookie expired(DescopeCookieSettings settings, String name, String path,
			@Nullable String domain) {
		ResponseCookie.ResponseCookieBuilder expired = cookie(settings, name, "", path, true).maxAge(Duration.ZERO);
		if (domain != null) {
			expired.domain(domain);
		}
		return expired.build();
	}

	/**
	 * The path the starter's cookies get by default: the context path, {@code /} at the
	 * root.
	 * @param request the current request
	 * @return the path
	 */
	public static String contextPath(HttpServletRequest request) {
		String path = request.getContextPath();
		return StringUtils.hasText(path) ? path : "/";
	}

	/**
	 * Whether browsers would drop this cookie for its size.
	 * @param cookie the cookie, or {@code null}
	 * @return {@code true} when its {@code Set-Cookie} value is over
	 * {@link #MAX_COOKIE_BYTES}
	 */
	public static boolean tooLarge(@Nullable ResponseCookie cookie) {
		return cookie != null && cookie.toString().length() > MAX_COOKIE_BYTES;
	}

	/**
	 * The values of every cookie the request carries under this name (a browser sends one
	 * per path and domain it holds one in), the most specific path first.
	 * @param request the request
	 * @param name the name
	 * @return the non-blank values, in the order the browser sent them
	 */
	public static List<String> values(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName()) && StringUtils.hasText(cookie.getValue())) {
				values.add(cookie.getValue());
			}
		}
		return values;
	}

	/**
	 * The value of the first cookie the request carries under this name.
	 * @param request the request
	 * @param name the name
	 * @return the value, or {@code null} when absent or blank
	 */
	public static @Nullable String value(HttpServletRequest request, String name) {
		List<String> values = values(request, name);
		return values.isEmpty() ? null : values.get(0);
	}

}
