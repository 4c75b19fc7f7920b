package com.descope.notp.security.reactive.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The session-token authentication of a reactive application end to end: the starter's
 * auto-configured {@code SecurityWebFilterChain} ({@link ServerSessionTokensSpec} through
 * {@code ServerNotpLoginSpec}) on a real Netty server, session JWTs signed by the Descope
 * emulator's RS256 keys and checked against its JWKS over HTTP. Covers bearer and
 * {@code DS}-cookie authentication through the same decoder, the refused and malformed
 * tokens ({@code 401} problem+json with the RFC 6750 challenge), the entry point's split
 * (browsers redirected to the login page, APIs {@code 401}), {@code @PreAuthorize} on a
 * reactive controller ({@code 403} problem+json, the error page for a navigation) and
 * CSRF (required for cookie requests, not for bearer ones).
 */
class ServerSessionTokensTests {

	private static DescopeEmulator emulator;

	private static ConfigurableApplicationContext application;

	private static WebTestClient client;

	@BeforeAll
	static void startApplication() {
		emulator = DescopeEmulator.start();
		application = new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "descope.project-id=" + emulator.projectId(),
					"descope.base-url=" + emulator.baseUrl(), "spring.main.banner-mode=off")
			.run();
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@AfterAll
	static void stopApplication() {
		if (application != null) {
			application.close();
		}
		if (emulator != null) {
			emulator.close();
		}
	}

	/**
	 * A key of the emulator's key id that the emulator does not hold: what it signs fails
	 * the signature check.
	 * @return the key
	 */
	private static RSAKey impostorKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(emulator.signingKey().getKeyID()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static EmulatedUser alice() {
		return emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	@Test
	void getWhenValidBearerTokenThenAuthenticatedAsTheTokensUser() {
		client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId())
			.jsonPath("$.roles.length()")
			.isEqualTo(alice().roles().size());
	}

	@Test
	void getWhenValidDsCookieThenAuthenticatedAsTheTokensUser() {
		client.get()
			.uri("/api/me")
			.cookie("DS", emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());
	}

	@Test
	void getWhenApiCallWithoutCredentialsThenUnauthorizedProblemWithBearerChallenge() {
		client.get()
			.uri("/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"descope\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:unauthenticated")
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.instance")
			.isEqualTo("/api/me");
	}

	@Test
	void getWhenBrowserNavigationWithoutCredentialsThenRedirectedToTheLoginPage() {
		client.get()
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

	@Test
	void getWhenBearerTokenSignedByAnotherKeyThenUnauthorizedInvalidToken() {
		String forged = TestTokens.resign(emulator.issueSessionJwt(alice()), impostorKey());
		client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"descope\", error=\"invalid_token\", "
							+ "error_description=\"The session token is invalid or expired\"")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");
	}

	@Test
	void getWhenBearerTokenExpiredThenUnauthorizedInvalidToken() {
		String expired = emulator.issueSessionJwt(alice(),
				(claims) -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
					.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
		client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");
	}

	@Test
	void getWhenBearerHeaderMalformedThenUnauthorizedSayingSo() {
		client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer a b")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"descope\", error=\"invalid_token\", "
							+ "error_description=\"The Authorization header is not a well-formed bearer token\"")
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The Authorization header is not a well-formed bearer token");
	}

	@Test
	void getWhenDsCookieDoesNotValidateThenIgnoredAndUnauthenticated() {
		String forged = TestTokens.resign(emulator.issueSessionJwt(alice()), impostorKey());
		client.get()
			.uri("/api/me")
			.cookie("DS", forged)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:unauthenticated");
	}

	@Test
	void getAdminWhenTokenHasAdminRoleThenOk() {
		client.get()
			.uri("/api/admin")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());
	}

	@Test
	void getAdminWhenTokenLacksAdminRoleThenForbiddenProblem() {
		String plainUser = emulator.issueSessionJwt(alice(), (claims) -> claims.claim("roles", List.of("user")));
		client.get()
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
	void getAdminWhenBrowserNavigationOfAUserWithoutTheRoleThenTheErrorPageWithForbidden() {
		String plainUser = emulator.issueSessionJwt(alice(), (claims) -> claims.claim("roles", List.of("user")));
		client.get()
			.uri("/api/admin")
			// what a browser sends for a navigation
			.header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			.header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Dest", "document")
			.cookie("DS", plainUser)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@Test
	void postWhenDsCookieWithoutCsrfTokenThenForbiddenCsrfProblem() {
		client.post()
			.uri("/api/echo")
			.cookie("DS", emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-csrf-token");
	}

	@Test
	void getWhenNoCsrfCookieYetThenTheAnswerSetsOneAndAPostSendingItBackIsAccepted() {
		String session = emulator.issueSessionJwt(alice());
		String csrf = client.get()
			.uri("/api/me")
			.cookie("DS", session)
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.httpOnly("XSRF-TOKEN", false)
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		client.post()
			.uri("/api/echo")
			.cookie("DS", session)
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void postWhenDsCookieWithCsrfCookieAndHeaderThenOk() {
		client.post()
			.uri("/api/echo")
			.cookie("DS", emulator.issueSessionJwt(alice()))
			.cookie("XSRF-TOKEN", "a-csrf-token")
			.header("X-XSRF-TOKEN", "a-csrf-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());
	}

	@Test
	void postWhenBearerTokenWithoutCsrfTokenThenOk() {
		client.post()
			.uri("/api/echo")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Api.class)
	static class ReactiveApplication {

	}

	@RestController
	static class Api {

		@GetMapping("/api/me")
		Mono<DescopePrincipal> me(@AuthenticationPrincipal DescopePrincipal user) {
			return Mono.just(user);
		}

		@GetMapping("/api/admin")
		@PreAuthorize("hasRole('admin')")
		Mono<Map<String, Object>> admin(@AuthenticationPrincipal DescopePrincipal user) {
			return Mono.just(Map.of("message", "Hello, admin", "userId", user.userId()));
		}

		@PostMapping("/api/echo")
		Mono<Map<String, Object>> echo(@AuthenticationPrincipal DescopePrincipal user) {
			return Mono.just(Map.of("userId", user.userId()));
		}

	}

}
