package com.descope.notp.webfluxsample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.descope.notp.test.security.DescopeMockServerConfigurers.descopeJwt;

/**
 * Testing a reactive application, style 2 (the README's example): {@code descopeJwt()}
 * sends a real RS256 session JWT as {@code Authorization: Bearer}, and the starter's
 * reactive chain validates it with its real decoder (signature, issuer, expiry, token
 * kind) before converting it, in a {@code @WebFluxTest} slice on the test project.
 */
@WebFluxTest(WebFluxSampleController.class)
class AdminEndpointBearerTests {

	@Autowired
	WebTestClient client;

	@Test
	void adminWhenTheBearerTokenHasTheAdminRoleThenOk() {
		this.client.mutateWith(descopeJwt().userId("U2Alice").roles("admin"))
			.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo("U2Alice");
	}

	@Test
	void adminWhenTheBearerTokenLacksTheAdminRoleThenForbidden() {
		this.client.mutateWith(descopeJwt().roles("user"))
			.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void adminWhenTheBearerTokenIsForAnotherProjectThenUnauthorized() {
		this.client.mutateWith(descopeJwt().roles("admin").claim("iss", "P2AnotherProject0000000000000"))
			.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");
	}

}
