package com.descope.notp.security.reactive.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookie storage mode ({@code descope.session-token-via-cookie=true}) of a reactive
 * application end to end, on the auto-configured chain, a real Netty server under the
 * base path {@code /app} and the Descope emulator over HTTP: the
 * {@link CookieServerDescopeTokenRepository} is the auto-configured repository, its
 * {@code DS} / {@code DSR} cookies carry the servlet side's attributes, a session JWT
 * near its expiry is refreshed into new cookies, a refused refresh clears them, and
 * logout revokes the refresh JWT and clears both cookies.
 */
class ServerCookieTokenStorageTests {

	private static DescopeEmulator emulator;

	private static ConfigurableApplicationContext application;

	private static WebTestClient client;

	@BeforeAll
	static void startApplication() {
		emulator = DescopeEmulator.start();
		application = new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "descope.project-id=" + emulator.projectId(),
					"descope.base-url=" + emulator.baseUrl(), "descope.session-token-via-cookie=true",
					"descope.http.retry-backoff=", "spring.webflux.base-path=/app", "spring.main.banner-mode=off")
			.run();
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port + "/app")
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

	private static long calls(String path) {
		return emulator.calls().stream().filter((call) -> path.equals(call.path())).count();
	}

	private static String nearExpiry() {
		Instant now = Instant.now();
		return emulator.issueSessionJwt(alice(), (claims) -> claims.issueTime(Date.from(now.minusSeconds(590)))
			.expirationTime(Date.from(now.plusSeconds(5))));
	}

	private static List<String> setCookies(WebTestClient.ResponseSpec response) {
		List<String> values = response.returnResult(Void.class).getResponseHeaders().get(HttpHeaders.SET_COOKIE);
		return (values != null) ? values : List.of();
	}

	@Test
	void repositoryWhenSessionTokenViaCookieThenCookieRepository() {
		assertThat(application.getBean(ServerDescopeTokenRepository.class))
			.isInstanceOf(CookieServerDescopeTokenRepository.class);
	}

	@Test
	void signInWhenTokensSavedThenDsAndDsrCookiesWithTheServletAttributes() {
		List<String> cookies = setCookies(client.get()
			.uri("/test/sign-in")
			.header("X-Session-Jwt", emulator.issueSessionJwt(alice()))
			.header("X-Refresh-Jwt", emulator.issueRefreshJwt(alice()))
			.exchange()
			.expectStatus()
			.isNoContent());
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("DS=ey")
			.contains("Path=/app")
			.containsIgnoringCase("HttpOnly")
			.contains("Secure")
			.contains("SameSite=Lax"));
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("DSR=ey")
			.contains("Path=/app")
			.containsIgnoringCase("HttpOnly")
			.contains("Secure")
			.contains("SameSite=Lax"));
	}

	@Test
	void getWhenDsCookieNearExpiryThenRefreshedIntoNewCookies() {
		long before = calls("/v1/auth/refresh");
		String oldSession = nearExpiry();
		List<String> cookies = setCookies(client.get()
			.uri("/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.cookie("DS", oldSession)
			.cookie("DSR", emulator.issueRefreshJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk());
		assertThat(calls("/v1/auth/refresh")).isEqualTo(before + 1);
		// the emulator answers Descope's cookiePath (/), which wins over the base path
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("DS=ey")
			.doesNotContain(oldSession)
			.contains("Path=/;")
			.contains("Max-Age="));
	}

	@Test
	void getWhenDescopeRefusesTheRefreshThenCookiesClearedAndUnauthorized() {
		emulator.enqueueFailure("/v1/auth/refresh", 401, Map.of("Content-Type", "application/json"),
				"{\"errorCode\":\"E061005\",\"errorDescription\":\"Invalid token\"}");
		List<String> cookies = setCookies(client.get()
			.uri("/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.cookie("DS", nearExpiry())
			.cookie("DSR", emulator.issueRefreshJwt(alice()))
			.exchange()
			.expectStatus()
			.isUnauthorized());
		for (String name : new String[] { "DS", "DSR" }) {
			assertThat(cookies).as(name)
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(name + "=;")
					.contains("Path=/app")
					.contains("Max-Age=0"));
		}
	}

	@Test
	void logoutWhenSignedInWithCookiesThenRevokedAndBothCookiesCleared() {
		ResponseCookie csrf = client.get()
			.uri("/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN");
		assertThat(csrf).isNotNull();
		long before = calls("/v1/auth/logout");
		List<String> cookies = setCookies(client.post()
			.uri("/logout")
			.cookie("DS", emulator.issueSessionJwt(alice()))
			.cookie("DSR", emulator.issueRefreshJwt(alice()))
			.cookie("XSRF-TOKEN", csrf.getValue())
			.header("X-XSRF-TOKEN", csrf.getValue())
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/app/login/notp?logout"));
		assertThat(calls("/v1/auth/logout")).isEqualTo(before + 1);
		for (String name : new String[] { "DS", "DSR" }) {
			assertThat(cookies).as(name)
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(name + "=;")
					.contains("Path=/app")
					.contains("Max-Age=0"))
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(name + "=;")
					.contains("Path=/;")
					.contains("Max-Age=0"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Api.class)
	static class ReactiveApplication {

		@Bean
		TestSignInWebFilter testSignIn(ServerDescopeTokenRepository tokens) {
			return new TestSignInWebFilter(tokens);
		}

	}

	@RestController
	static class Api {

		@GetMapping("/api/me")
		Mono<DescopePrincipal> me(@AuthenticationPrincipal DescopePrincipal user) {
			return Mono.just(user);
		}

	}

}
