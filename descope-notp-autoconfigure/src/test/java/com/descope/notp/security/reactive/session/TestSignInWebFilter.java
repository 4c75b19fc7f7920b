package com.descope.notp.security.reactive.session;

import com.descope.notp.core.DescopeTokens;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Test only: {@code GET /test/sign-in} with the headers {@code X-Session-Jwt} and
 * {@code X-Refresh-Jwt} stores those tokens through the application's
 * {@link ServerDescopeTokenRepository}, as a login would, and answers {@code 204} with
 * the {@code WebSession}'s id in {@code X-Session-Id}. It runs before the security chain,
 * so the chain under test is the auto-configured one, untouched.
 */
final class TestSignInWebFilter implements WebFilter, Ordered {

	private final ServerDescopeTokenRepository tokens;

	TestSignInWebFilter(ServerDescopeTokenRepository tokens) {
		this.tokens = tokens;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.GET
				|| !"/test/sign-in".equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		String sessionJwt = exchange.getRequest().getHeaders().getFirst("X-Session-Jwt");
		String refreshJwt = exchange.getRequest().getHeaders().getFirst("X-Refresh-Jwt");
		exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
		// the session is saved here and its id answered in a header: the test sends it
		// back as the SESSION cookie (the cookie mode needs neither)
		return this.tokens.saveTokens(new DescopeTokens(sessionJwt, refreshJwt), exchange)
			.then(exchange.getSession())
			.flatMap((session) -> {
				exchange.getResponse().getHeaders().set("X-Session-Id", session.getId());
				return session.save();
			})
			.then(exchange.getResponse().setComplete());
	}

}
