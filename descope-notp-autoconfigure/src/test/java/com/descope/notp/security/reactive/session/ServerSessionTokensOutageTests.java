package com.descope.notp.security.reactive.session;

import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A reactive application whose session-token decoder cannot fetch Descope's keys (its
 * JWKS address is a loopback port nothing listens on): a token that may well be valid is
 * answered {@code 503} problem+json with {@code Retry-After}, as a bearer token and as a
 * {@code DS} cookie, never {@code 401} (which would sign the user out) nor {@code 500}; a
 * browser navigation gets the same status and {@code Retry-After} as the application's
 * error page. The application's own {@link JwtDecoder} bean is the one the reactive
 * decoder wraps.
 */
class ServerSessionTokensOutageTests {

	private static DescopeEmulator emulator;

	private static ConfigurableApplicationContext application;

	private static WebTestClient client;

	@BeforeAll
	static void startApplication() {
		emulator = DescopeEmulator.start();
		application = new SpringApplicationBuilder(UnreachableKeysApplication.class).web(WebApplicationType.REACTIVE)
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

	private static EmulatedUser alice() {
		return emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	@Test
	void getWhenBearerTokenAndKeysUnreachableThenServiceUnavailableWithRetryAfter() {
		client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:descope-unavailable");
	}

	@Test
	void getWhenDsCookieAndKeysUnreachableThenServiceUnavailableWithRetryAfter() {
		client.get()
			.uri("/api/me")
			.cookie("DS", emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:descope-unavailable");
	}

	@Test
	void getWhenBrowserNavigationWithDsCookieAndKeysUnreachableThenTheErrorPageWithTheSameStatus() {
		client.get()
			.uri("/api/me")
			.accept(MediaType.TEXT_HTML)
			.header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Dest", "document")
			.cookie("DS", emulator.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Api.class)
	static class UnreachableKeysApplication {

		@Bean
		JwtDecoder unreachableKeysDecoder() {
			String projectId = emulator.projectId();
			return DescopeJwtDecoderBuilder
				.withJwkSetUri("http://127.0.0.1:" + TestTokens.closedLoopbackPort() + "/v2/keys/" + projectId,
						projectId)
				.build();
		}

	}

	@RestController
	static class Api {

		@GetMapping("/api/me")
		Mono<String> me() {
			return Mono.just("signed in");
		}

	}

}
