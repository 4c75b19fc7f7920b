package com.descope.notp.webfluxsample;

import com.descope.notp.test.security.DescopeUserSpec;
import com.descope.notp.test.security.WithMockDescopeUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.descope.notp.test.security.DescopeMockServerConfigurers.mockDescopeUser;

/**
 * Testing a reactive application, style 1 (the README's example): a {@code @WebFluxTest}
 * slice with a mock Descope user, from {@code @WithMockDescopeUser} or the
 * {@code WebTestClient} mutator {@code mockDescopeUser()}, against the
 * {@code @PreAuthorize("hasRole('admin')")} of the reactive controller. No Descope
 * project, no emulator, no network: the test support puts the slice on a test project
 * whose keys it holds.
 */
@WebFluxTest(WebFluxSampleController.class)
class AdminEndpointMockUserTests {

	@Autowired
	WebTestClient client;

	@Test
	@WithMockDescopeUser(roles = "admin")
	void adminWhenUserHasTheAdminRoleThenOk() {
		this.client.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(DescopeUserSpec.DEFAULT_USER_ID);
	}

	@Test
	@WithMockDescopeUser(roles = "user")
	void adminWhenUserLacksTheAdminRoleThenForbiddenProblem() {
		this.client.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void adminWhenTheMutatorsUserHasTheAdminRoleThenOkElseForbidden() {
		this.client.mutateWith(mockDescopeUser().roles("admin"))
			.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.mutateWith(mockDescopeUser().roles("user"))
			.get()
			.uri("/api/admin")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	@WithMockDescopeUser(name = "Alice")
	void meWhenSignedInThenTheDescopePrincipal() {
		this.client.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Alice");
	}

	@Test
	void meWhenNotSignedInThenUnauthorized() {
		this.client.get().uri("/api/me").exchange().expectStatus().isUnauthorized();
	}

}
