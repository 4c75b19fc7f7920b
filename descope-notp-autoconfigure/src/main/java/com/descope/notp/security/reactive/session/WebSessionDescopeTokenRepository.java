package com.descope.notp.security.reactive.session;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the tokens in the {@code WebSession} (attribute {@link #TOKENS_ATTRIBUTE}), the
 * reactive twin of the servlet side's {@code HttpSessionDescopeTokenRepository}: only the
 * session cookie reaches the browser. Works with Spring Session's reactive repositories,
 * so that several instances share the tokens.
 */
public final class WebSessionDescopeTokenRepository implements ServerDescopeTokenRepository {

	/** The session attribute that holds the {@link DescopeTokens}. */
	public static final String TOKENS_ATTRIBUTE = WebSessionDescopeTokenRepository.class.getName() + ".TOKENS";

	@Override
	public DescopeTokenStorage storage() {
		return DescopeTokenStorage.HTTP_SESSION;
	}

	@Override
	public Mono<DescopeTokens> loadTokens(ServerWebExchange exchange) {
		return exchange.getSession()
			.mapNotNull((session) -> (session.getAttribute(TOKENS_ATTRIBUTE) instanceof DescopeTokens tokens) ? tokens
					: null);
	}

	@Override
	public Mono<Void> saveTokens(DescopeTokens tokens, ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes().put(TOKENS_ATTRIBUTE, tokens))
			.then();
	}

	@Override
	public Mono<Void> removeTokens(ServerWebExchange exchange) {
		return exchange.getSession().doOnNext((session) -> session.getAttributes().remove(TOKENS_ATTRIBUTE)).then();
	}

}
