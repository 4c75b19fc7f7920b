package com.descope.notp.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.StringUtils;
import org.springframework.web.util.WebUtils;

/**
 * Keeps the session JWT in the {@code DS} cookie and the refresh JWT in the {@code DSR} cookie
 * ({@code descope.session-token-via-cookie=true}), so the server holds no state after login.
 * Cookies are {@code HttpOnly} (the refresh cookie always), {@code Secure} unless the request is
 * plain HTTP to a loopback host and that is allowed, {@code SameSite} as configured (default
 * {@code Lax}), with {@code Path} from Descope's {@code cookiePath} (default {@code /}),
 * {@code Max-Age} from the token's expiry or Descope's {@code cookieMaxAge}, and {@code Domain}
 * only when it is the request's host or a parent of it.
 *
 * <p>
 * Browsers drop cookies over 4096 bytes. A token whose cookie would pass that (a user with very
 * many roles) is not dropped silently: a warning is logged (without the token) and this user's
 * tokens are kept in the HTTP session instead, read from there on later requests.
 */
public final class CookieDescopeTokenRepository implements DescopeTokenRepository {

	/** The largest cookie browsers keep, name and attributes included. */
	public static final int MAX_COOKIE_BYTES = 4096;

	private static final Log logger = LogFactory.getLog(CookieDescopeTokenRepository.class);

	private final DescopeCookieSettings settings;

	private final HttpSessionDescopeTokenRepository oversizeFallback = new HttpSessionDescopeTokenRepository();

	private Clock clock = Clock.systemUTC();

	/**
	 * A repository.
	 * @param settings how the cookies are written
	 */
	public CookieDescopeTokenRepository(DescopeCookieSettings settings) {
		this.settings = settings;
	}

	/**
	 * The clock {@code Max-Age} is computed with.
	 * @param clock default the system UTC clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
	}

	@Override
	public DescopeTokenStorage storage() {
		return DescopeTokenStorage.COOKIES;
	}

	@Override
	public @Nullable DescopeTokens loadTokens(HttpServletRequest request) {
		String session = cookie(request, this.settings.sessionCookieName());
		String refresh = cookie(request, this.settings.refreshCookieName());
		if (session == null && refresh == null) {
			return this.oversizeFallback.loadTokens(request);
		}
		return new DescopeTokens(session, refresh);
	}

	@Override
	public void saveTokens(DescopeTokens tokens, HttpServletRequest request, HttpServletResponse response) {
		Instant now = this.clock.instant();
		ResponseCookie session = (tokens.sessionJwt() != null) ? cookie(request, tokens,
				this.settings.sessionCookieName(), tokens.sessionJwt(), maxAge(tokens.sessionExpiresAt(), now),
				this.settings.sessionCookieHttpOnly()) : null;
		ResponseCookie refresh = (tokens.refreshJwt() != null) ? cookie(request, tokens,
				this.settings.refreshCookieName(), tokens.refreshJwt(), maxAge(tokens.refreshExpiresAt(), now), true)
				: null;
		if (tooLarge(session) || tooLarge(refresh)) {
			logger.warn("A Descope token cookie would exceed " + MAX_COOKIE_BYTES
					+ " bytes, which browsers drop; keeping this user's tokens in the HTTP session instead");
			this.oversizeFallback.saveTokens(tokens, request, response);
			expire(request, response, tokens.cookieDomain(), tokens.cookiePath());
			return;
		}
		if (session != null) {
			response.addHeader(HttpHeaders.SET_COOKIE, session.toString());
		}
		if (refresh != null) {
			response.addHeader(HttpHeaders.SET_COOKIE, refresh.toString());
		}
	}

	@Override
	public void removeTokens(HttpServletRequest request, HttpServletResponse response) {
		this.oversizeFallback.removeTokens(request, response);
		expire(request, response, null, null);
	}

	private void expire(HttpServletRequest request, HttpServletResponse response, @Nullable String domain,
			@Nullable String path) {
		DescopeTokens none = new DescopeTokens(null, null, null, null, domain, path);
		for (String name : new String[] { this.settings.sessionCookieName(), this.settings.refreshCookieName() }) {
			if (cookie(request, name) != null || domain != null || path != null) {
				response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, none, name, "", Duration.ZERO, true).toString());
			}
		}
	}

	private ResponseCookie cookie(HttpServletRequest request, DescopeTokens tokens, String name, String value,
			@Nullable Duration maxAge, boolean httpOnly) {
		ResponseCookie.ResponseCookieBuilder builder = ResponseCookie.from(name, value)
			.path(StringUtils.hasText(tokens.cookiePath()) ? tokens.cookiePath() : "/")
			.httpOnly(httpOnly)
			.secure(secure(request))
			.sameSite(this.settings.sameSite());
		if (maxAge != null) {
			builder.maxAge(maxAge);
		}
		String domain = domain(request, (this.settings.domain() != null) ? this.settings.domain() : tokens.cookieDomain());
		if (domain != null) {
			builder.domain(domain);
		}
		return builder.build();
	}

	private boolean secure(HttpServletRequest request) {
		return !this.settings.allowInsecureLocalhost() || CookieSecurity.isSecure(request);
	}

	private static @Nullable String domain(HttpServletRequest request, @Nullable String candidate) {
		if (!StringUtils.hasText(candidate)) {
			return null;
		}
		String domain = candidate.startsWith(".") ? candidate.substring(1) : candidate;
		String host = request.getServerName().toLowerCase(Locale.ROOT);
		domain = domain.toLowerCase(Locale.ROOT);
		return (host.equals(domain) || host.endsWith("." + domain)) ? domain : null;
	}

	private static @Nullable Duration maxAge(@Nullable Instant expiresAt, Instant now) {
		if (expiresAt == null) {
			return null;
		}
		Duration left = Duration.between(now, expiresAt);
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static boolean tooLarge(@Nullable ResponseCookie cookie) {
		return cookie != null && cookie.toString().length() > MAX_COOKIE_BYTES;
	}

	private static @Nullable String cookie(HttpServletRequest request, String name) {
		Cookie cookie = WebUtils.getCookie(request, name);
		return (cookie != null && StringUtils.hasText(cookie.getValue())) ? cookie.getValue() : null;
	}

}
