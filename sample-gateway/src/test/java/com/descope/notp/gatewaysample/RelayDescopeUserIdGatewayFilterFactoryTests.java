package com.descope.notp.gatewaysample;

import java.security.Principal;
import java.util.concurrent.atomic.AtomicReference;

import com.descope.notp.test.security.MockDescopeUser;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RelayDescopeUserIdGatewayFilterFactory} on its own, for what the gateway's
 * default chain never lets through to a route (a request with no authentication, or one
 * that is not a Descope session): the client's header is removed all the same, so a route
 * that the application opens to everyone cannot be fed a user id. The end-to-end
 * behaviour is in {@link GatewayRelayTests}.
 */
class RelayDescopeUserIdGatewayFilterFactoryTests {

	private final RelayDescopeUserIdGatewayFilterFactory factory = new RelayDescopeUserIdGatewayFilterFactory();

	@Test
	void filterWhenNoAuthenticationThenTheClientsHeaderIsRemoved() {
		HttpHeaders relayed = relay(defaultFilter(), null, "U2Mallory");

		assertThat(relayed.containsHeader(RelayDescopeUserIdGatewayFilterFactory.DEFAULT_HEADER_NAME)).isFalse();
	}

	@Test
	void filterWhenNotADescopeSessionThenTheClientsHeaderIsRemoved() {
		HttpHeaders relayed = relay(defaultFilter(), new TestingAuthenticationToken("U2Alice", "n/a", "ROLE_user"),
				"U2Mallory");

		assertThat(relayed.containsHeader(RelayDescopeUserIdGatewayFilterFactory.DEFAULT_HEADER_NAME)).isFalse();
	}

	@Test
	void filterWhenADescopeSessionThenItsUserIdReplacesTheClientsHeader() {
		HttpHeaders relayed = relay(defaultFilter(), MockDescopeUser.user().userId("U2Alice").authentication(null),
				"U2Mallory");

		assertThat(relayed.get(RelayDescopeUserIdGatewayFilterFactory.DEFAULT_HEADER_NAME)).containsExactly("U2Alice");
	}

	@Test
	void filterWhenTheHeaderNameIsConfiguredThenTheUserIdGoesInThatHeader() {
		RelayDescopeUserIdGatewayFilterFactory.Config config = new RelayDescopeUserIdGatewayFilterFactory.Config();
		config.setHeaderName("X-User-Id");

		HttpHeaders relayed = relay(this.factory.apply(config),
				MockDescopeUser.user().userId("U2Alice").authentication(null), null);

		assertThat(relayed.get("X-User-Id")).containsExactly("U2Alice");
		assertThat(relayed.containsHeader(RelayDescopeUserIdGatewayFilterFactory.DEFAULT_HEADER_NAME)).isFalse();
	}

	@Test
	void shortcutFieldOrderWhenReadThenTheOneArgumentIsTheHeaderName() {
		assertThat(this.factory.shortcutFieldOrder()).containsExactly("headerName");
		assertThat(this.factory.name()).isEqualTo("RelayDescopeUserId");
	}

	private GatewayFilter defaultFilter() {
		return this.factory.apply(new RelayDescopeUserIdGatewayFilterFactory.Config());
	}

	private static HttpHeaders relay(GatewayFilter filter, Principal principal, String spoofedUserId) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/orders");
		if (spoofedUserId != null) {
			// in another case than the filter's, as a header's name is case-insensitive
			request.header("x-descope-user-id", spoofedUserId);
		}
		ServerWebExchange exchange = MockServerWebExchange.from(request);
		if (principal != null) {
			exchange = exchange.mutate().principal(Mono.just(principal)).build();
		}
		AtomicReference<ServerWebExchange> routed = new AtomicReference<>();
		filter.filter(exchange, (forwarded) -> {
			routed.set(forwarded);
			return Mono.empty();
		}).block();
		assertThat(routed.get()).as("the exchange went on down the chain").isNotNull();
		return routed.get().getRequest().getHeaders();
	}

}
