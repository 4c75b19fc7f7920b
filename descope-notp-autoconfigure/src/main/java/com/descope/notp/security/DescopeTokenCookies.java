package com.descope.notp.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.util.StringUtils;

/**
 * The rules of the {@code DS} and {@code DSR} token cookies on no particular web stack,
 * which the servlet and the reactive cookie repositories and logout handlers all follow:
 * {@code HttpOnly} (the refresh cookie always), {@code Secure} and {@code SameSite} from
 * {@link DescopeCookieSettings}, {@code Path} from Descope's {@code cookiePath} (else the
 * context path), {@code Max-Age} from the token's expiry, and {@code Domain} (configured,
 * else Descope's {@code cookieDomain}) only when it is the request's host or a parent of
 * it. One instance per repository: it remembers the {@code cookiePath} Descope last
 * answered, to clear cookies set there.
 */
public final class DescopeTokenCookies {

	/** The largest cookie browsers keep, name and attributes included. */
	public static final int MAX_COOKIE_BYTES = DescopeCookies.MAX_COOKIE_BYTES;

	private static final Pattern IP_V4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

	private final DescopeCookieSettings settings;

	/**
	 * The {@code cookiePath} Descope last answered (a project setting), or {@code null}.
	 */
	private volatile @Nullable String descopeCookiePath;

	/**
	 * Cookies written with these settings.
	 * @param settings {@code descope.cookie.*}
	 */
	public DescopeTokenCookies(DescopeCookieSettings settings) {
		this.settings = settings;
	}

	/**
	 * The settings the cookies are written with.
	 * @return the settings
	 */
	public DescopeCookieSettings getSettings() {
		return this.settings;
	}

	/**
	 * The {@code Set-Cookie}s that store the tokens.
	 * @param tokens the tokens, whose {@code cookiePath} is remembered for clearing
	 * @param host the request's host name, without port
	 * @param contextPath the context path ({@code /} at the root)
	 * @param now the current time, {@code Max-Age} is counted from it
	 * @return the session and refresh cookies, each {@code null} when its token is
	 */
	public Pair cookies(DescopeTokens tokens, String host, String contextPath, Instant now) {
		if (StringUtils.hasText(tokens.cookiePath())) {
			this.descopeCookiePath = tokens.cookiePath();
		}
		ResponseCookie session = (tokens.sessionJwt() != null)
				? cookie(host, contextPath, tokens, this.settings.sessionCookieName(), tokens.sessionJwt(),
						maxAge(tokens.sessionExpiresAt(), now), this.settings.sessionCookieHttpOnly())
				: null;
		ResponseCookie refresh = (tokens.refreshJwt() != null) ? cookie(host, contextPath, tokens,
				this.settings.refreshCookieName(), tokens.refreshJwt(), maxAge(tokens.refreshExpiresAt(), now), true)
				: null;
		return new Pair(session, refresh);
	}

	/**
	 * The {@code Set-Cookie}s that clear the token cookies a request carries, in every
	 * scope this instance or a front end's Descope SDK may have set them in (see
	 * {@link #clearing(DescopeCookieSettings, String, String, String, Predicate)}).
	 * @param host the request's host name, without port
	 * @param contextPath the context path ({@code /} at the root)
	 * @param carried whether the request carries a cookie of this name
	 * @return the clearing cookies, none for a cookie not carried
	 */
	public List<ResponseCookie> clearing(String host, String contextPath, Predicate<String> carried) {
		return clearing(this.settings, this.descopeCookiePath, host, contextPath, carried);
	}

	/**
	 * The {@code Set-Cookie}s that clear the token cookies ({@code descope.cookie.
	 * session-name} and {@code refresh-name}) a request carries. A browser tells a cookie
	 * by its name, {@code Domain} and {@code Path} (RFC 6265, section 5.3, step 11), and
	 * sends none of them back, so each carried cookie is cleared in every scope it may
	 * have been set in: host-only and with each {@code Domain} the host is within
	 * ({@link #domainsOf}), at Descope's {@code cookiePath} (when known), the context
	 * path and {@code /}. A {@code Set-Cookie} for a scope the browser holds no cookie in
	 * changes nothing.
	 * @param settings the cookie names and the {@code Secure} and {@code SameSite} of the
	 * clearing cookies
	 * @param descopeCookiePath the {@code cookiePath} Descope last answered, or
	 * {@code null}
	 * @param host the request's host name, without port
	 * @param contextPath the context path ({@code /} at the root)
	 * @param carried whether the request carries a cookie of this name
	 * @return the clearing cookies, none for a cookie not carried
	 */
	public static List<ResponseCookie> clearing(DescopeCookieSettings settings, @Nullable String descopeCookiePath,
			String host, String contextPath, Predicate<String> carried) {
		Set<String> paths = new LinkedHashSet<>();
		if (StringUtils.hasText(descopeCookiePath)) {
			paths.add(descopeCookiePath);
		}
		paths.add(contextPath);
		paths.add("/");
		List<@Nullable String> domains = new ArrayList<>();
		domains.add(null);
		domains.addAll(domainsOf(host));
		List<ResponseCookie> cookies = new ArrayList<>();
		for (String name : new String[] { settings.sessionCookieName(), settings.refreshCookieName() }) {
			if (!carried.test(name)) {
				continue;
			}
			for (String domain : domains) {
				for (String path : paths) {
					cookies.add(DescopeCookies.expired(settings, name, path, domain));
				}
			}
		}
		return cookies;
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
	public static List<String> domainsOf(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.isEmpty() || name.indexOf(':') >= 0 || name.startsWith("[") || IP_V4.matcher(name).matches()) {
			return List.of();
		}
		List<String> domains = new ArrayList<>();
		if (name.indexOf('.') < 0) {
			// a single label (localhost): browsers and cookie jars refuse such a Domain
			return domains;
		}
		domains.add(name);
		int dot = name.indexOf('.');
		while (dot > 0 && name.indexOf('.', dot + 1) > 0) {
			domains.add(name.substring(dot + 1));
			dot = name.indexOf('.', dot + 1);
		}
		return domains;
	}

	private ResponseCookie cookie(String host, String contextPath, DescopeTokens tokens, String name, String value,
			@Nullable Duration maxAge, boolean httpOnly) {
		ResponseCookie.ResponseCookieBuilder builder = DescopeCookies.cookie(this.settings, name, value,
				StringUtils.hasText(tokens.cookiePath()) ? tokens.cookiePath() : contextPath, httpOnly);
		if (maxAge != null) {
			builder.maxAge(maxAge);
		}
		String domain = domain(host, (this.settings.domain() != null) ? this.settings.domain() : tokens.cookieDomain());
		if (domain != null) {
			builder.domain(domain);
		}
		return builder.build();
	}

	private static @Nullable String domain(String host, @Nullable String candidate) {
		if (!StringUtils.hasText(candidate)) {
			return null;
		}
		String domain = (candidate.startsWith(".") ? candidate.substring(1) : candidate).toLowerCase(Locale.ROOT);
		return domainsOf(host).contains(domain) ? domain : null;
	}

	private static @Nullable Duration maxAge(@Nullable Instant expiresAt, Instant now) {
		if (expiresAt == null) {
			return null;
		}
		Duration left = Duration.between(now, expiresAt);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * The two token cookies of a save.
	 *
	 * @param session the {@code DS} cookie, or {@code null}
	 * @param refresh the {@code DSR} cookie, or {@code null}
	 */
	public record Pair(@Nullable ResponseCookie session, @Nullable ResponseCookie refresh) {

		/**
		 * Whether browsers would drop either cookie for its size
		 * ({@link DescopeCookies#MAX_COOKIE_BYTES}).
		 * @return {@code true} when one is too large
		 */
		public boolean tooLarge() {
			return DescopeCookies.tooLarge(this.session) || DescopeCookies.tooLarge(this.refresh);
		}

	}

}
