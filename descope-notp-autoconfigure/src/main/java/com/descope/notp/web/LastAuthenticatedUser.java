package com.descope.notp.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.util.WebUtils;

/**
 * The last user who signed in on this browser
 * ({@code descope.store-last-authenticated-user}), as the web SDK's
 * {@code dls_last_user_login_id} / {@code dls_last_user_display_name} keep it: the first
 * login id and the display name, never a token. Kept in the {@code HttpOnly} cookie
 * {@value #COOKIE_NAME} for 30 days, so the login page can offer "continue as" with the
 * number masked. Its {@code toString()} shows the masked number only, and no name.
 *
 * @param loginId the login id, a phone number in E.164
 * @param displayName the display name, or {@code null}
 */
public record LastAuthenticatedUser(String loginId, @Nullable String displayName) {

	/** The cookie that holds it. */
	public static final String COOKIE_NAME = "DLU";

	private static final Duration LIFETIME = Duration.ofDays(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The login id with all but its country code and last four digits hidden, for
	 * display: {@code +15550100100} → {@code +1 ••• ••• 0100}.
	 * @return the masked login id
	 */
	public String maskedLoginId() {
		String id = this.loginId;
		if (id.length() <= 6) {
			return "••••";
		}
		return id.substring(0, 2) + " ••• ••• " + id.substring(id.length() - 4);
	}

	@Override
	public String toString() {
		return "LastAuthenticatedUser[loginId=" + maskedLoginId() + "]";
	}

	/**
	 * Remembers this user on the browser.
	 * @param request the request, to decide {@code Secure}
	 * @param response the response the cookie is added to
	 * @param secure whether the cookie gets {@code Secure}
	 */
	public void save(HttpServletRequest request, HttpServletResponse response, boolean secure) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("loginId", this.loginId);
		body.put("name", this.displayName);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(body));
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(COOKIE_NAME, value)
					.path(contextPath(request))
					.httpOnly(true)
					.secure(secure)
					.sameSite("Lax")
					.maxAge(LIFETIME)
					.build()
					.toString());
	}

	/**
	 * The remembered user of a request.
	 * @param request the request
	 * @return the user, or {@code null} when none is remembered or the cookie is
	 * unreadable
	 */
	public static @Nullable LastAuthenticatedUser load(HttpServletRequest request) {
		Cookie cookie = WebUtils.getCookie(request, COOKIE_NAME);
		return (cookie != null) ? decode(cookie.getValue()) : null;
	}

	/**
	 * Forgets the remembered user.
	 * @param request the request
	 * @param response the response the expiring cookie is added to
	 * @param secure whether the cookie gets {@code Secure}
	 */
	public static void remove(HttpServletRequest request, HttpServletResponse response, boolean secure) {
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(COOKIE_NAME, "")
					.path(contextPath(request))
					.httpOnly(true)
					.secure(secure)
					.sameSite("Lax")
					.maxAge(0)
					.build()
					.toString());
	}

	private static @Nullable LastAuthenticatedUser decode(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > 1024) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
			JsonNode loginId = node.get("loginId");
			JsonNode name = node.get("name");
			if (loginId == null || !loginId.isString() || !loginId.asString().matches("\\+[0-9]{4,16}")) {
				return null;
			}
			String displayName = (name != null && name.isString()) ? name.asString() : null;
			return new LastAuthenticatedUser(loginId.asString(),
					(displayName != null && displayName.length() <= 256) ? displayName : null);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	private static String contextPath(HttpServletRequest request) {
		String path = request.getContextPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
