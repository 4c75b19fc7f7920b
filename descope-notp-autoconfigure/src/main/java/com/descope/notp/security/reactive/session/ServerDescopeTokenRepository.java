package com.descope.notp.security.reactive.session;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Where a signed-in user's Descope tokens live between requests on a reactive stack, the
 * twin of the servlet side's {@code DescopeTokenRepository} and shaped like Spring
 * Security's {@code ServerSecurityContextRepository}: the login and every refresh store
 * them here, each request reads them here, logout removes them. The auto-configuration
 * picks the implementation from {@code descope.persist-tokens} and
 * {@code descope.session-token-via-cookie}, as on the servlet side; replace it with a
 * bean of this type. No method may block: an implementation over a blocking store hands
 * its work to a bounded scheduler.
 */
public interface ServerDescopeTokenRepository {

	/**
	 * Where this repository keeps tokens, which decides whether the
	 * {@code SecurityContext} is kept in the {@code WebSession} and whether the login
	 * answers the tokens in its body.
	 * @return the storage kind
	 */
	DescopeTokenStorage storage();

	/**
	 * The tokens of the exchange's user.
	 * @param exchange the exchange
	 * @return the tokens, or an empty {@code Mono} when there are none
	 */
	Mono<DescopeTokens> loadTokens(ServerWebExchange exchange);

	/**
	 * The tokens of the exchange's user as the store holds them now, which may be newer
	 * than what {@link #loadTokens} read when the store is shared by several instances of
	 * the application. The default reads {@link #loadTokens} again, for stores that are
	 * never stale.
	 * @param exchange the exchange
	 * @return the tokens, or an empty {@code Mono} when there are none
	 */
	default Mono<DescopeTokens> reloadTokens(ServerWebExchange exchange) {
		return loadTokens(exchange);
	}

	/**
	 * Stores the tokens of a login or refresh.
	 * @param tokens the tokens
	 * @param exchange the exchange
	 * @return completes when they are stored
	 */
	Mono<Void> saveTokens(DescopeTokens tokens, ServerWebExchange exchange);

	/**
	 * Forgets the tokens, as on logout or a refused refresh.
	 * @param exchange the exchange
	 * @return completes when they are forgotten
	 */
	Mono<Void> removeTokens(ServerWebExchange exchange);

}
