package com.descope.notp.security.session;

import java.time.Clock;
import java.util.List;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.security.DescopeCookies;
import com.descope.notp.security.DescopeTokenCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Keeps the session JWT in the {@code DS} cookie and the refresh JWT in the {@code DSR}
 * cookie ({@code descope.session-token-via-cookie=true}), so the server holds no state
 * after login. Cookies are {@code HttpOnly} (the refresh cookie always), {@code Secure}
 * unless {@code descope.cookie.secure=false}, {@code SameSite} as configured (default
 * {@code Lax}), with {@code Path} from Descope's {@code cookiePath} (else the context
 * path), {@code Max-Age} from the token's expiry or Descope's {@code cookieMaxAge}, and
 * {@code Domain} (configured, else Descope's {@code cookieDomain}) only when it is the
 * request's host or a parent of it. Logout, a refused refresh and the oversize fallback
 * clear them with the {@code Domain} and {@code Path} they were set with.
 *
 * <p>
 * Browsers drop cookies over 4096 bytes. A token whose cookie would pass that (a user
 * with very many roles) is not dropped silently: a warning is logged (without the token)
 * and this user's tokens are kept in the HTTP session instead, read from there on later
 * requests.
 */
public final class CookieDescopeTokenRepository implements DescopeTokenRepository {

	/** The largest cookie browsers keep, name and attributes included. */
	public static final int MAX_COOKIE_BYTES = DescopeCookies.MAX_COOKIE_BYTES;

	private static final Log logger = LogFactory.getLog(CookieDescopeTokenRepository.class);

	private final DescopeCookieSettings settings;

	private final DescopeTokenCookies cookies;

	private final HttpSessionDescopeTokenRepository oversizeFallback = new HttpSessionDescopeTokenRepository();

	private Clock clock = Clock.systemUTC();

	/**
	 * A repository.
	 * @param settings how the cookies are written
	 */
	public CookieDescopeTokenRepository(DescopeCookieSettings settings) {
		this.settings = settings;
		this.cookies = new DescopeTokenCookies(settings);
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
		DescopeTokenCookies.Pair pair = this.cookies.cookies(tokens, request.getServerName(),
				DescopeCookies.contextPath(request), this.clock.instant());
		if (pair.tooLarge()) {
			logger.warn("A Descope token cookie would exceed " + MAX_COOKIE_BYTES
					+ " bytes, which browsers drop; keeping this user's tokens in the HTTP session instead");
			this.oversizeFallback.saveTokens(tokens, request, response);
			expire(request, response);
			return;
		}
		ResponseCookie session = pair.session();
		ResponseCookie refresh = pair.refresh();
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
		expire(request, response);
	}

	/**
	 * Clears the {@code DS} and {@code DSR} cookies the request carries. A browser tells
	 * a cookie by its name, {@code Domain} and {@code Path} (RFC 6265, section 5.3, step
	 * 11), and sends none of them back, so a clearing {@code Set-Cookie} must repeat the
	 * attributes the cookie was set with. They are not known here (Descope's
	 * {@code cookieDomain} came with the login, possibly before a restart), so each
	 * cookie is cleared in every scope this repository can have set it in: host-only and
	 * with each {@code Domain} the request's host is within ({@link #domainsOf}), at the
	 * path Descope last asked for, the context path and {@code /}. A {@code Set-Cookie}
	 * for a scope the browser holds no cookie in changes nothing.
	 * @param request the current request, which tells the cookies carried, the host and
	 * the context path
	 * @param response the response the clearing {@code Set-Cookie} headers are added to
	 */
	private void expire(HttpServletRequest request, HttpServletResponse response) {
		for (ResponseCookie cookie : this.cookies.clearing(request.getServerName(), DescopeCookies.contextPath(request),
				(name) -> cookie(request, name) != null)) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		}
	}

	/**
	 * Clears the token cookies ({@code descope.cookie.session-name} and
	 * {@code refresh-name}) the request carries in every scope the starter or a front
	 * end's Descope SDK may have set them in: host-only and with each {@code Domain} the
	 * request's host is within, at Descope's {@code cookiePath} (when known), the context
	 * path and {@code /}.
	 * @param settings the cookie names and the {@code Secure} and {@code SameSite} of the
	 * clearing cookies
	 * @param descopeCookiePath the {@code cookiePath} Descope last answered, or
	 * {@code null}
	 * @param request the current request, which tells the cookies carried, the host and
	 * the context path
	 * @param response the response the clearing {@code Set-Cookie} headers are added to
	 */
	static void expireTokenCookies(DescopeCookieSettings settings, @Nullable String descopeCookiePath,
			HttpServletRequest request, HttpServletResponse response) {
		for (ResponseCookie cookie : DescopeTokenCookies.clearing(settings, descopeCookiePath, request.getServerName(),
				DescopeCookies.contextPath(request), (name) -> cookie(request, name) != null)) {
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		}
	}

	/**
	 * The domains a cookie set in answer to a request for {@code host} may name in
	 * {@code Domain} (RFC 6265, section 5.3, step 6): the host itself and each parent
	 * domain of two labels or more; none for an IP address or a single-label host such as
	 * {@code localhost}.
	 * @param host the request's host name, without port; any case
	 * @return the domains in lower case, the host first and then each parent; empty for
	 * an IP address (v4 or bracketed v6), a single-label host or a blank host
	 */
	static List<String> domainsOf(String host) {
		return DescopeTokenCookies.domainsOf(host);
	}

	private static @Nullable String cookie(HttpServletRequest request, String name) {
		return DescopeCookies.value(request, name);
	}

}
