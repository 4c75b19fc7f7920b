package com.descope.notp.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseCookie;

/**
 * The last user who signed in on this browser
 * ({@code descope.store-last-authenticated-user}), as the web SDK's
 * {@code dls_last_user_login_id} / {@code dls_last_user_display_name} keep it: the first
 * login id and the display name, never a token. Kept in the {@code HttpOnly} cookie
 * {@value #COOKIE_NAME} for 30 days, so the login page can offer "continue as" with the
 * number masked. Its {@code toString()} shows the masked number only, and no name. This
 * record and its cookie are stack-neutral; the servlet side reads and writes the cookie
 * with {@link LastAuthenticatedUserCookies}.
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
	 * The cookie that remembers this user on the browser, on either stack.
	 * @param path the cookie's path: the application's context path, {@code /} for none
	 * @param secure whether the cookie gets {@code Secure}
	 * @return the {@code HttpOnly}, {@code SameSite=Lax} cookie, kept 30 days
	 */
	public ResponseCookie toCookie(String path, boolean secure) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("loginId", this.loginId);
		body.put("name", this.displayName);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(body));
		return cookie(value, path, secure, LIFETIME);
	}

	/**
	 * The cookie that forgets the remembered user, on either stack.
	 * @param path the cookie's path, as {@link #toCookie} had it
	 * @param secure whether the cookie gets {@code Secure}
	 * @return the expiring cookie
	 */
	public static ResponseCookie expiredCookie(String path, boolean secure) {
		return cookie("", path, secure, Duration.ZERO);
	}

	private static ResponseCookie cookie(String value, String path, boolean secure, Duration maxAge) {
		return ResponseCookie.from(COOKIE_NAME, value)
			.path(path)
			.httpOnly(true)
			.secure(secure)
			.sameSite("Lax")
			.maxAge(maxAge)
			.build();
	}

	/**
	 * The remembered user in a {@value #COOKIE_NAME} cookie's value, whichever stack read
	 * the cookie.
	 * @param value the cookie's value, or {@code null}
	 * @return the user, or {@code null} when the value is missing, longer than 1024
	 * characters or unreadable, or holds no well-formed phone number
	 */
	public static @Nullable LastAuthenticatedUser fromCookieValue(@Nullable String value) {
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

}
