package com.descope.notp.security.reactive.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage mode that keeps nothing ({@code descope.persist-tokens=false}) of a
 * reactive application end to end, on the auto-configured chain, a real Netty server and
 * the Descope emulator over HTTP: clients hold their tokens, send the session JWT as a
 * bearer token and refresh at {@code POST /login/notp/refresh}
 * ({@link ServerNotpRefreshWebFilter}) with the servlet side's request, answers and
 * problems; logout clears a front end's script-written {@code DS} / {@code DSR} cookies.
 */
class ServerNoTokenStorageTests {

	private static final String REFRESH_URL = "/login/notp/refresh";

	private static DescopeEmulator emulator;

	private static ConfigurableApplicationContext application;

	private static WebTestClient client;

	@BeforeAll
	static void startApplication() {
		emulator = DescopeEmulator.start();
		application = new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "descope.project-id=" + emulator.projectId(),
					"descope.base-url=" + emulator.baseUrl(), "descope.persist-tokens=false",
					"descope.http.retry-backoff=", "spring.main.banner-mode=off")
			.run();
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
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

	private static EmulatedUser alice() {
		return emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	private static WebTestClient.ResponseSpec refreshWithBearer(String token) {
		return client.post()
			.uri(REFRESH_URL)
			.accept(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

	private static String csrfToken() {
		return client.get()
			.uri("/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
	}

	@Test
	void repositoryWhenPersistTokensFalseThenNoRepository() {
		assertThat(application.getBean(ServerDescopeTokenRepository.class))
			.isInstanceOf(NoServerDescopeTokenRepository.class);
	}

	@Test
	void refreshWhenBearerRefreshJwtThenNewSessionJwtThatAuthenticates() {
		byte[] body = refreshWithBearer(emulator.issueRefreshJwt(alice())).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.sessionExpiration")
			.isNumber()
			.jsonPath("$.refreshJwt")
			.doesNotExist()
			.returnResult()
			.getResponseBody();
		String sessionJwt = new String(body).replaceAll(".*\"sessionJwt\":\"([^\"]+)\".*", "$1");
		client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + sessionJwt)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());
	}

	@Test
	void refreshWhenJsonBodyWithoutCsrfThenForbidden() {
		client.post()
			.uri(REFRESH_URL)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshJwt", emulator.issueRefreshJwt(alice())))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void refreshWhenBearerIsNotAJwtThenBadRequestNamingTheField() {
		refreshWithBearer("not-a-jwt").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-request")
			.jsonPath("$.field")
			.isEqualTo("Authorization");
	}

	@Test
	void refreshWhenDescopeRefusesThenUnauthorizedInvalidToken() {
		emulator.enqueueFailure("/v1/auth/refresh", 401, Map.of("Content-Type", "application/json"),
				"{\"errorCode\":\"E061005\",\"errorDescription\":\"Invalid token\"}");
		refreshWithBearer(emulator.issueRefreshJwt(alice())).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");
	}

	@Test
	void refreshWhenDescopeUnavailableThenServiceUnavailableWithRetryAfter() {
		emulator.enqueueFailure("/v1/auth/refresh", 503, Map.of("Retry-After", "4"), null);
		refreshWithBearer(emulator.issueRefreshJwt(alice())).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "4")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:descope-unavailable");
	}

	@Test
	void refreshWhenJsonBodyWithCsrfTokenThenNewSessionJwt() {
		String csrf = csrfToken();
		client.post()
			.uri(REFRESH_URL)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.bodyValue(Map.of("refreshJwt", emulator.issueRefreshJwt(alice())))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sessionJwt")
			.isNotEmpty();
	}

	@Test
	void refreshWhenJsonBodyRefreshJwtNotAStringThenBadRequestNamingTheField() {
		String csrf = csrfToken();
		client.post()
			.uri(REFRESH_URL)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.bodyValue("{\"refreshJwt\":42}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("refreshJwt");
	}

	@Test
	void refreshWhenNoRefreshJwtThenUnauthorized() {
		String csrf = csrfToken();
		client.post()
			.uri(REFRESH_URL)
			.accept(MediaType.APPLICATION_JSON)
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:unauthenticated");
	}

	@Test
	void logoutWhenAFrontEndWroteTheTokenCookiesWithScriptThenTheyAreCleared() {
		String csrf = csrfToken();
		long before = emulator.calls().stream().filter((call) -> "/v1/auth/logout".equals(call.path())).count();
		List<String> cookies = client.post()
			.uri("/logout")
			.cookie("DS", emulator.issueSessionJwt(alice()))
			.cookie("DSR", emulator.issueRefreshJwt(alice()))
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseHeaders()
			.get(HttpHeaders.SET_COOKIE);
		for (String name : new String[] { "DS", "DSR" }) {
			assertThat(cookies).as(name)
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(name + "=;").contains("Max-Age=0"));
		}
		assertThat(emulator.calls().stream().filter((call) -> "/v1/auth/logout".equals(call.path())).count())
			.as("nothing is stored, so nothing is revoked")
			.isEqualTo(before);
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

	}

}
