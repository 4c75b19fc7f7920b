package com.descope.notp.security.reactive.session;

import java.util.Optional;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.security.DescopeTokenCookies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Signs the user out at Descope on Spring Security's reactive logout, the twin of the
 * servlet side's {@code DescopeLogoutHandler}: revokes the stored refresh JWT
 * ({@code POST /v1/auth/logout}, or {@code /v1/auth/logoutall} for "log out everywhere")
 * on a bounded scheduler, removes the stored tokens (and so the {@code DS} / {@code DSR}
 * cookies), clears in the other storage modes the {@code DS} / {@code DSR} cookies a
 * front end's Descope SDK wrote with script (the chain reads a {@code DS} cookie in every
 * mode, so one left behind would sign the user in again), invalidates the
 * {@code WebSession} and publishes a {@link DescopeSessionTokenEvent} ({@code CLEARED}).
 * A Descope failure is logged and local state is cleared all the same, so logout always
 * works.
 */
public final class ServerDescopeLogoutHandler implements ServerLogoutHandler {

	private static final Log logger = LogFactory.getLog(ServerDescopeLogoutHandler.class);

	private final ServerDescopeSessionRefresher refresher;

	private final ServerDescopeTokenRepository tokenRepository;

	private final DescopeCookieSettings cookieSettings;

	private final ApplicationEventPublisher eventPublisher;

	private final boolean everywhere;

	/**
	 * A logout handler.
	 * @param refresher revokes at Descope on a bounded scheduler
	 * @param tokenRepository the stored tokens
	 * @param cookieSettings the names, {@code Secure} and {@code SameSite} a front end's
	 * token cookies are cleared with
	 * @param eventPublisher publishes {@link DescopeSessionTokenEvent}s
	 * @param everywhere {@code true} to revoke every session of the user
	 * ({@code logoutall})
	 */
	public ServerDescopeLogoutHandler(ServerDescopeSessionRefresher refresher,
			ServerDescopeTokenRepository tokenRepository, DescopeCookieSettings cookieSettings,
			ApplicationEventPublisher eventPublisher, boolean everywhere) {
		this.refresher = refresher;
		this.tokenRepository = tokenRepository;
		this.cookieSettings = cookieSettings;
		this.eventPublisher = eventPublisher;
		this.everywhere = everywhere;
	}

	@Override
	public Mono<Void> logout(WebFilterExchange webFilterExchange, @Nullable Authentication authentication) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		return this.tokenRepository.loadTokens(exchange)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((tokens) -> revoke(tokens.orElse(null)).then(this.tokenRepository.removeTokens(exchange))
				.then(Mono.fromRunnable(() -> {
					clearScriptCookies(exchange, tokens.orElse(null));
					this.eventPublisher
						.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.CLEARED,
								(authentication != null) ? authentication.getName() : null, null));
				})))
			.then(exchange.getSession().flatMap(WebSession::invalidate));
	}

	private Mono<Void> revoke(@Nullable DescopeTokens tokens) {
		if (tokens == null || tokens.refreshJwt() == null) {
			return Mono.empty();
		}
		return this.refresher.logout(tokens.refreshJwt(), this.everywhere).doOnNext((confirmed) -> {
			if (!confirmed) {
				logger.warn("Descope did not confirm the logout; the local session is cleared all the same");
			}
		}).then();
	}

	private void clearScriptCookies(ServerWebExchange exchange, @Nullable DescopeTokens tokens) {
		if (this.tokenRepository.storage() == DescopeTokenStorage.COOKIES) {
			// the repository cleared them already
			return;
		}
		ServerHttpRequest request = exchange.getRequest();
		DescopeTokenCookies
			.clearing(this.cookieSettings, (tokens != null) ? tokens.cookiePath() : null,
					CookieServerDescopeTokenRepository.host(request),
					CookieServerDescopeTokenRepository.contextPath(request),
					(name) -> CookieServerDescopeTokenRepository.cookie(request, name) != null)
			.forEach((cookie) -> exchange.getResponse().addCookie(cookie));
	}

}
