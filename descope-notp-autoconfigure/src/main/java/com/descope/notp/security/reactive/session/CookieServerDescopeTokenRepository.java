package com.descope.notp.security.reactive.session;

import java.time.Clock;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.security.DescopeTokenCookies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the session JWT in the {@code DS} cookie and the refresh JWT in the {@code DSR}
 * cookie ({@code descope.session-token-via-cookie=true}), the reactive twin of the
 * servlet side's {@code CookieDescopeTokenRepository}, with the same names and attributes
 * ({@link DescopeTokenCookies}): {@code HttpOnly}, {@code Secure} and {@code SameSite} as
 * configured, {@code Path} from Descope's {@code cookiePath} else the context path
 * ({@code spring.webflux.base-path}), {@code Max-Age} from the token's expiry, a
 * {@code Domain} only when it is the request's host or a parent of it. The server holds
 * no state after login.
 *
 * <p>
 * A token whose cookie browsers would drop for its size (over 4096 bytes) is kept in the
 * {@code WebSession} instead, with a warning logged (without the token), as on the
 * servlet side.
 */
public final class CookieServerDescopeTokenRepository implements ServerDescopeTokenRepository {

	private static final Log logger = LogFactory.getLog(CookieServerDescopeTokenRepository.class);

	private final DescopeCookieSettings settings;

	private final DescopeTokenCookies cookies;

	private final WebSessionDescopeTokenRepository oversizeFallback = new WebSessionDescopeTokenRepository();

	private Clock clock = Clock.systemUTC();

	/**
	 * A repository.
	 * @param settings how the cookies are written ({@code descope.cookie.*})
	 */
	public CookieServerDescopeTokenRepository(DescopeCookieSettings settings) {
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
	public Mono<DescopeTokens> loadTokens(ServerWebExchange exchange) {
		String session = cookie(exchange.getRequest(), this.settings.sessionCookieName());
		String refresh = cookie(exchange.getRequest(), this.settings.refreshCookieName());
		if (session == null && refresh == null) {
			// no session is made for a request that never had an oversize token
			return exchange.getSession()
				.filter((webSession) -> webSession.isStarted())
				.flatMap((webSession) -> this.oversizeFallback.loadTokens(exchange));
		}
		return Mono.just(new DescopeTokens(session, refresh));
	}

	@Override
	public Mono<Void> saveTokens(DescopeTokens tokens, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		DescopeTokenCookies.Pair pair = this.cookies.cookies(tokens, host(request), contextPath(request),
				this.clock.instant());
		if (pair.tooLarge()) {
			logger.warn("A Descope token cookie would exceed " + DescopeTokenCookies.MAX_COOKIE_BYTES
					+ " bytes, which browsers drop; keeping this user's tokens in the WebSession instead");
			expire(exchange);
			return this.oversizeFallback.saveTokens(tokens, exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		if (pair.session() != null) {
			response.addCookie(pair.session());
		}
		if (pair.refresh() != null) {
			response.addCookie(pair.refresh());
		}
		return Mono.empty();
	}

	@Override
	public Mono<Void> removeTokens(ServerWebExchange exchange) {
		expire(exchange);
		return exchange.getSession()
			.filter((webSession) -> webSession.isStarted())
			.flatMap((webSession) -> this.oversizeFallback.removeTokens(exchange));
	}

	/**
	 * Clears the {@code DS} and {@code DSR} cookies the exchange carries, in every scope
	 * they may have been set in ({@link DescopeTokenCookies#clearing}).
	 * @param exchange the exchange
	 */
	private void expire(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		for (ResponseCookie cookie : this.cookies.clearing(host(request), contextPath(request),
				(name) -> cookie(request, name) != null)) {
			exchange.getResponse().addCookie(cookie);
		}
	}

	static String host(ServerHttpRequest request) {
		String host = request.getURI().getHost();
		return (host != null) ? host : "";
	}

	static String contextPath(ServerHttpRequest request) {
		String path = request.getPath().contextPath().value();
		return StringUtils.hasText(path) ? path : "/";
	}

	static @Nullable String cookie(ServerHttpRequest request, String name) {
		HttpCookie cookie = request.getCookies().getFirst(name);
		return (cookie != null && StringUtils.hasText(cookie.getValue())) ? cookie.getValue() : null;
	}

}
