package com.descope.notp.gatewaysample;

import java.util.List;

import com.descope.notp.core.DescopeAuthenticationToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway filter {@code RelayDescopeUserId}: tells the downstream service which
 * Descope user made the request, in a request header ({@code X-Descope-User-Id} unless
 * configured), set to the {@code sub} of the session JWT that the starter's security
 * chain validated. Whatever value of that header the client sent is removed first, on
 * every request, authenticated or not, so a client cannot name another user; a request
 * with no Descope authentication reaches the downstream service without the header.
 * <p>
 * Use it on every route ({@code spring.cloud.gateway.server.webflux.default-filters}) or
 * on some ({@code filters} of a route), with the header name as its one argument if not
 * the default:
 *
 * <pre>
 * default-filters:
 *   - RelayDescopeUserId               # X-Descope-User-Id
 *   - RelayDescopeUserId=X-User-Id     # another name
 * </pre>
 *
 * The downstream service can trust the header only when nothing but the gateway can reach
 * it; the session JWT itself is still forwarded (the {@code Authorization} header or the
 * {@code DS} cookie, as the client sent them), for a service that checks it again or
 * needs the roles and tenants.
 */
@Component
public class RelayDescopeUserIdGatewayFilterFactory
		extends AbstractGatewayFilterFactory<RelayDescopeUserIdGatewayFilterFactory.Config> {

	/** The header's default name. */
	public static final String DEFAULT_HEADER_NAME = "X-Descope-User-Id";

	/** A factory, which Spring Cloud Gateway finds as a bean by its name. */
	public RelayDescopeUserIdGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("headerName");
	}

	@Override
	public GatewayFilter apply(Config config) {
		String headerName = config.getHeaderName();
		Assert.hasText(headerName, "headerName must not be empty");
		return new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return exchange.getPrincipal()
					.ofType(DescopeAuthenticationToken.class)
					.map((authentication) -> relay(exchange, headerName, authentication.getPrincipal().userId()))
					.switchIfEmpty(Mono.fromSupplier(() -> relay(exchange, headerName, null)))
					.flatMap(chain::filter);
			}

			@Override
			public String toString() {
				return GatewayToStringStyler.filterToStringCreator(RelayDescopeUserIdGatewayFilterFactory.this)
					.append("headerName", headerName)
					.toString();
			}

		};
	}

	private static ServerWebExchange relay(ServerWebExchange exchange, String headerName, @Nullable String userId) {
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			// the client's own value goes in every case: only the gateway names the user
			headers.remove(headerName);
			if (userId != null) {
				headers.set(headerName, userId);
			}
		})).build();
	}

	/**
	 * The filter's configuration.
	 */
	public static class Config {

		private String headerName = DEFAULT_HEADER_NAME;

		/**
		 * The request header that carries the user id downstream.
		 * @return the header's name, default
		 * {@value RelayDescopeUserIdGatewayFilterFactory#DEFAULT_HEADER_NAME}
		 */
		public String getHeaderName() {
			return this.headerName;
		}

		/**
		 * Sets the request header that carries the user id downstream.
		 * @param headerName the header's name, not empty
		 */
		public void setHeaderName(String headerName) {
			this.headerName = headerName;
		}

	}

}
