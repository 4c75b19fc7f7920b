package com.descope.notp.security.reactive.session;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps nothing ({@code descope.persist-tokens=false}), the reactive twin of the servlet
 * side's {@code NoDescopeTokenRepository}: the login answers the tokens in its body, the
 * client authenticates each request with {@code Authorization: Bearer <sessionJwt>} and
 * refreshes through {@code POST /login/notp/refresh}.
 */
public final class NoServerDescopeTokenRepository implements ServerDescopeTokenRepository {

	@Override
	public DescopeTokenStorage storage() {
		return DescopeTokenStorage.NONE;
	}

	@Override
	public Mono<DescopeTokens> loadTokens(ServerWebExchange exchange) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> saveTokens(DescopeTokens tokens, ServerWebExchange exchange) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> removeTokens(ServerWebExchange exchange) {
		return Mono.empty();
	}

}
