package com.descope.notp.security.reactive.session;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the {@code SecurityContext} in the {@code WebSession} under Spring Security's
 * attribute, as {@link WebSessionServerSecurityContextRepository} does, but without
 * changing the session's id on save. The id changes once, when the user signs in (the
 * login's repository is Spring's, against session fixation); a refresh of the same user's
 * tokens, or a context rebuilt from stored tokens, must keep it, since other exchanges of
 * the same browser (tabs, parallel calls) still carry it and would find no session under
 * it.
 */
final class SessionIdKeepingSecurityContextRepository implements ServerSecurityContextRepository {

	private final WebSessionServerSecurityContextRepository loader = new WebSessionServerSecurityContextRepository();

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		return exchange.getSession().doOnNext((session) -> {
			if (context == null) {
				session.getAttributes()
					.remove(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
			}
			else {
				session.getAttributes()
					.put(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME, context);
			}
		}).then();
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		return this.loader.load(exchange);
	}

}
