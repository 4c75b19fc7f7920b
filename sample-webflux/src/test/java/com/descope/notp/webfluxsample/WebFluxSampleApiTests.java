package com.descope.notp.webfluxsample;

import java.util.List;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The reactive sample end to end on a real server and its own Descope emulator, the
 * servlet sample's API scenarios on WebFlux: the signed-in user from a bearer session JWT
 * or a {@code DS} cookie, {@code @PreAuthorize("hasRole('admin')")} on a reactive
 * controller ({@code 403} problem+json for a plain user), {@code 401} problem+json with
 * the bearer challenge for an API call without credentials or with a forged token, and a
 * browser navigation sent to the login page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DescopeEmulatorTest
class WebFluxSampleApiTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DescopeEmulator descope;

	private EmulatedUser alice() {
		return this.descope.findUserByLoginId("+15555550100").orElseThrow();
	}

	@Test
	void meWhenBearerSessionJwtThenTheSignedInUser() {
		this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.descope.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());
	}

	@Test
	void meWhenDsCookieThenTheSignedInUser() {
		this.client.get()
			.uri("/api/me")
			.cookie("DS", this.descope.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());
	}

	@Test
	void adminWhenTheTokenHasTheAdminRoleThenOk() {
		this.client.get()
			.uri("/api/admin")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.descope.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("Hello, admin");
	}

	@Test
	void adminWhenTheTokenLacksTheAdminRoleThenForbiddenProblem() {
		String plainUser = this.descope.issueSessionJwt(alice(), (claims) -> claims.claim("roles", List.of("user")));
		this.client.get()
			.uri("/api/admin")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + plainUser)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:forbidden");
	}

	@Test
	void meWhenApiCallWithoutCredentialsThenUnauthorizedProblem() {
		this.client.get()
			.uri("/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"descope\"")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:unauthenticated");
	}

	@Test
	void meWhenTheTokenIsForgedThenUnauthorizedInvalidToken() {
		this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJub25lIn0.e30.")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");
	}

	@Test
	void meWhenBrowserNavigationWithoutCredentialsThenRedirectedToTheLoginPage() {
		this.client.get()
			.uri("/api/me")
			.accept(MediaType.TEXT_HTML)
			.header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Dest", "document")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/login/notp");
	}

}
