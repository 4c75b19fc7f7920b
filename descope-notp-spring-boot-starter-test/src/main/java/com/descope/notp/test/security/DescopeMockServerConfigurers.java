package com.descope.notp.test.security;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.test.web.reactive.server.MockServerConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * {@code WebTestClient} mutators for a Descope user, the reactive twins of
 * {@link DescopeMockMvcRequestPostProcessors}, as Spring Security's
 * {@code SecurityMockServerConfigurers} has {@code mockUser()} and {@code mockJwt()}:
 *
 * <pre>{@code
 * client.mutateWith(mockDescopeUser().roles("admin")).get().uri("/admin").exchange();     // a signed-in user
 * client.mutateWith(descopeJwt().permissions("reports:read")).get().uri("/api/me").exchange(); // a bearer request
 * }</pre>
 *
 * Both know the same user as {@link WithMockDescopeUser} ({@link DescopeUserSpec}), and
 * read the project and converter of the application the client is bound to
 * ({@code WebTestClient.bindToApplicationContext(..)}, which {@code @WebFluxTest} and
 * {@code @AutoConfigureWebTestClient} with a mock web environment use).
 */
public final class DescopeMockServerConfigurers {

	private DescopeMockServerConfigurers() {
	}

	/**
	 * Exchanges run as a signed-in Descope user: the reactive security context holds the
	 * {@code Authentication} the starter builds after a login
	 * ({@link DescopeUserSpec#authentication(ApplicationContext)}), as
	 * {@code SecurityMockServerConfigurers.mockAuthentication(..)} sets it, so the chain,
	 * method security and {@code @AuthenticationPrincipal} see it. The last one added to
	 * a client applies. Needs a client bound to an application (a mock server), not to a
	 * running server, as Spring Security's mutators do.
	 * @return the mutator, with the knobs of {@link DescopeUserSpec}
	 */
	public static DescopeUserMutator mockDescopeUser() {
		return new DescopeUserMutator();
	}

	/**
	 * Exchanges carry the user's session JWT as {@code Authorization: Bearer}, and the
	 * whole chain validates it: signature, issuer, expiry, then the conversion, as for a
	 * front end's bearer request. The token is signed by the application's Descope
	 * emulator when it runs on one (for example under {@code @DescopeEmulatorTest}), else
	 * by the test key that the test support's {@code @WebFluxTest} decoder trusts; an
	 * application on a real Descope project refuses it ({@code 401}). A client bound to a
	 * running server does not know the application, so its token is signed by the test
	 * key: for an application on an emulator there, send
	 * {@code MockDescopeUser.user().bearerAuth(context)}. A bearer request has no login
	 * answer, so the principal has no login ids, name, phone or email. The last one added
	 * to a client applies.
	 * @return the mutator, with the knobs of {@link DescopeUserSpec}
	 */
	public static DescopeJwtMutator descopeJwt() {
		return new DescopeJwtMutator();
	}

	/**
	 * Puts a filter first among the server's filters.
	 * @param filter the filter
	 * @return what adds it
	 */
	private static Consumer<List<WebFilter>> first(WebFilter filter) {
		return (filters) -> filters.add(0, filter);
	}

	/**
	 * Whether this exchange is the first of the marker's filters to see it: the filter
	 * added last is outermost, so the mutator added last applies.
	 * @param exchange the exchange
	 * @param marker the attribute the mutators of one kind share
	 * @return {@code true} for the outermost filter of that kind
	 */
	private static boolean firstToSee(ServerWebExchange exchange, String marker) {
		return exchange.getAttributes().putIfAbsent(marker, Boolean.TRUE) == null;
	}

	/**
	 * Sets a Descope user's {@code Authentication} as the exchange's security context.
	 */
	public static final class DescopeUserMutator extends DescopeUserSpec<DescopeUserMutator>
			implements WebTestClientConfigurer, MockServerConfigurer {

		private static final String APPLIED = DescopeUserMutator.class.getName() + ".APPLIED";

		private DescopeUserMutator() {
		}

		@Override
		public void beforeServerCreated(WebHttpHandlerBuilder builder) {
			builder.filters(first(this::filter));
		}

		@Override
		public void afterConfigurerAdded(WebTestClient.Builder builder,
				@Nullable WebHttpHandlerBuilder httpHandlerBuilder, @Nullable ClientHttpConnector connector) {
			if (httpHandlerBuilder == null) {
				throw new IllegalStateException("mockDescopeUser() sets the security context on the server side, so it "
						+ "needs a WebTestClient bound to the application (a mock server, as in @WebFluxTest), not to "
						+ "a running server: there, send a session JWT with descopeJwt() or "
						+ "MockDescopeUser.user().bearerAuth(context)");
			}
			httpHandlerBuilder.filters(first(this::filter));
		}

		private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (!firstToSee(exchange, APPLIED)) {
				return chain.filter(exchange);
			}
			SecurityContext context = new SecurityContextImpl(authentication(exchange.getApplicationContext()));
			return chain.filter(exchange)
				.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)));
		}

	}

	/**
	 * Sends a Descope user's session JWT as the exchange's bearer token.
	 */
	public static final class DescopeJwtMutator extends DescopeUserSpec<DescopeJwtMutator>
			implements WebTestClientConfigurer, MockServerConfigurer {

		private static final String APPLIED = DescopeJwtMutator.class.getName() + ".APPLIED";

		private DescopeJwtMutator() {
		}

		@Override
		public void beforeServerCreated(WebHttpHandlerBuilder builder) {
			builder.filters(first(this::filter));
		}

		@Override
		public void afterConfigurerAdded(WebTestClient.Builder builder,
				@Nullable WebHttpHandlerBuilder httpHandlerBuilder, @Nullable ClientHttpConnector connector) {
			if (httpHandlerBuilder == null) {
				builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + sessionJwt(null));
				return;
			}
			httpHandlerBuilder.filters(first(this::filter));
		}

		private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (!firstToSee(exchange, APPLIED)) {
				return chain.filter(exchange);
			}
			String jwt = sessionJwt(exchange.getApplicationContext());
			return chain.filter(exchange.mutate().request((request) -> request.headers((headers) -> {
				headers.remove(HttpHeaders.AUTHORIZATION);
				headers.setBearerAuth(jwt);
			})).build());
		}

	}

}
