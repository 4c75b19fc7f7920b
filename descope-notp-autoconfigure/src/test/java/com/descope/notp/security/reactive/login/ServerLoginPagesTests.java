package com.descope.notp.security.reactive.login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.descope.notp.test.DescopeEmulator;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login's public GETs on the auto-configured reactive chain, on a real Netty server
 * under {@code spring.webflux.base-path=/app}, against the Descope emulator: the default
 * login page ({@code GET /login/notp}, the servlet side's page with its URLs under the
 * base path, the CSRF token, {@code ?error}, the remembered user escaped), the SDK
 * configuration endpoint ({@code GET /login/notp/config}: the options, cacheable, its
 * {@code ETag} and {@code 304}, no session and no cookie), the request cache (only
 * {@code GET} browser navigations are saved, in the {@code WebSession}; an API call, an
 * icon, a script's fetch start no session and never replace or consume the saved page)
 * and CORS with the application's reactive {@link CorsConfigurationSource} bean.
 */
class ServerLoginPagesTests {

	private static final String ALLOWED_ORIGIN = "https://app.example";

	private static DescopeEmulator emulator;

	private static ConfigurableApplicationContext application;

	private static WebTestClient client;

	@BeforeAll
	static void startApplication() {
		emulator = DescopeEmulator.start();
		application = new SpringApplicationBuilder(PagesApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.webflux.base-path=/app", "descope.project-id=" + emulator.projectId(),
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

	@Test
	void loginPageWhenGetThenTheDefaultPageWithTheEndpointsUnderTheBasePath() {
		String page = client.get()
			.uri("/app/login/notp")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("<title>Sign in with WhatsApp</title>")
			.contains("\"startUrl\":\"/app/login/notp\"")
			.contains("\"sessionUrl\":\"/app/login/notp/session\"")
			.contains("\"refreshUrl\":\"/app/login/notp/refresh\"")
			.contains("\"rootUrl\":\"/app/\"")
			.contains("\"pollingIntervalMs\":1000")
			.contains("\"csrfParameter\":\"_csrf\"")
			.contains("id=\"login-error\" class=\"error\" role=\"alert\" hidden>")
			.doesNotContain("id=\"last-user\"");
	}

	@Test
	void loginPageWhenErrorParameterThenTheErrorIsShownWithoutScript() {
		client.get()
			.uri("/app/login/notp?error")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("id=\"login-error\" class=\"error\" role=\"alert\">"));
	}

	@Test
	void loginPageWhenLastUserRememberedThenContinueAsWithTheNameEscapedAndTheNumberMasked() {
		String json = "{\"loginId\":\"+15555550100\",\"name\":\"<b>Alice</b>\"}";
		String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
		client.get()
			.uri("/app/login/notp")
			.cookie("DLU", cookie)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("Continue as &lt;b&gt;Alice&lt;/b&gt; (")
				.doesNotContain("<b>Alice</b>")
				.doesNotContain("5555550100"));
	}

	@Test
	void sdkConfigurationWhenGetThenTheOptionsCacheableWithNoSessionAndNoCookie() {
		client.get()
			.uri("/app/login/notp/config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
			.expectHeader()
			.exists(HttpHeaders.ETAG)
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.projectId")
			.isEqualTo(emulator.projectId())
			.jsonPath("$.baseUrl")
			.isEqualTo(emulator.baseUrl())
			.jsonPath("$.persistTokens")
			.isEqualTo(true)
			.jsonPath("$.sessionTokenViaCookie")
			.isEqualTo(false)
			.jsonPath("$.refreshCookieName")
			.isEqualTo("DSR");
	}

	@Test
	void sdkConfigurationWhenIfNoneMatchNamesItsTagThenNotModified() {
		String etag = client.get()
			.uri("/app/login/notp/config")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isNotNull();
		for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
			client.get()
				.uri("/app/login/notp/config")
				.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
				.exchange()
				.expectStatus()
				.isNotModified()
				.expectHeader()
				.valueEquals(HttpHeaders.ETAG, etag)
				.expectHeader()
				.doesNotExist(HttpHeaders.SET_COOKIE)
				.expectBody()
				.isEmpty();
		}
		client.get()
			.uri("/app/login/notp/config")
			.header(HttpHeaders.IF_NONE_MATCH, "\"other\"")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void sdkConfigurationWhenOutsideTheBasePathThenNotFound() {
		client.get().uri("/login/notp/config").exchange().expectStatus().isNotFound();
	}

	@Test
	void navigationWhenAnonymousThenRedirectedToTheLoginPageAndThePageKeptInTheWebSession() {
		EntityExchangeResult<byte[]> result = navigate("/app/api/me?tab=1", null).expectStatus()
			.isFound()
			.expectHeader()
			.location("/app/login/notp")
			.expectCookie()
			.exists("SESSION")
			.expectBody()
			.returnResult();
		String session = result.getResponseCookies().getFirst("SESSION").getValue();
		assertThat(savedPage(session)).isEqualTo("/api/me?tab=1");
	}

	@Test
	void apiCallWhenAnonymousThenUnauthorizedAndNoSessionCreated() {
		client.get()
			.uri("/app/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectCookie()
			.doesNotExist("SESSION");
	}

	@Test
	void iconOrAssetWhenAnonymousThenUnauthorizedAndNoSessionCreated() {
		for (String path : List.of("/app/favicon.ico", "/app/assets/app.js")) {
			client.get()
				.uri(path)
				.header(HttpHeaders.ACCEPT, "image/avif,image/webp,*/*")
				.header("Sec-Fetch-Mode", "no-cors")
				.header("Sec-Fetch-Dest", path.endsWith(".js") ? "script" : "image")
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectCookie()
				.doesNotExist("SESSION");
		}
	}

	@Test
	void requestsAfterTheNavigationWhenNotNavigationsThenThePageFirstAskedForIsKept() {
		String session = navigate("/app/api/me", null).expectStatus()
			.isFound()
			.returnResult(byte[].class)
			.getResponseCookies()
			.getFirst("SESSION")
			.getValue();
		// a script's fetch of the same page, an API call and a POST navigation neither
		// replace nor consume it
		client.get()
			.uri("/app/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		client.get()
			.uri("/app/api/other")
			.header("X-Requested-With", "XMLHttpRequest")
			.accept(MediaType.TEXT_HTML)
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		client.get()
			.uri("/app/login/notp")
			.accept(MediaType.TEXT_HTML)
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(savedPage(session)).isEqualTo("/api/me");
	}

	@Test
	void removeRequestWhenTheLoginUsedThePageThenItIsForgotten() {
		String session = navigate("/app/api/me", null).expectStatus()
			.isFound()
			.returnResult(byte[].class)
			.getResponseCookies()
			.getFirst("SESSION")
			.getValue();
		WebSession stored = storedSession(session);
		MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/app/login/notp"))
			.session(stored)
			.build();
		new LoginRedirectServerRequestCache(ServerWebExchangeMatchers.anyExchange()).removeRequest(exchange).block();
		assertThat(savedPage(session)).isNull();
	}

	@Test
	void preflightWhenOriginAllowedByTheCorsBeanThenAnsweredBeforeAuthentication() {
		client.options()
			.uri("/app/api/me")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, HttpHeaders.AUTHORIZATION)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
	}

	@Test
	void requestWhenOriginNotAllowedByTheCorsBeanThenForbidden() {
		client.options()
			.uri("/app/api/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		client.get()
			.uri("/app/login/notp/config")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void sdkConfigurationWhenAllowedOriginThenReadableCrossOrigin() {
		client.get()
			.uri("/app/login/notp/config")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN);
	}

	private static WebTestClient.ResponseSpec navigate(String path, ResponseCookie session) {
		WebTestClient.RequestHeadersSpec<?> request = client.get()
			.uri(path)
			.accept(MediaType.TEXT_HTML)
			.header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Dest", "document");
		if (session != null) {
			request = request.cookie("SESSION", session.getValue());
		}
		return request.exchange();
	}

	/**
	 * The page the login would return to, read by the starter's cache from the stored
	 * session.
	 * @param sessionId the {@code SESSION} cookie's value
	 * @return the page within the application, or {@code null}
	 */
	private static String savedPage(String sessionId) {
		MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/app/login/notp"))
			.session(storedSession(sessionId))
			.build();
		URI uri = new LoginRedirectServerRequestCache(ServerWebExchangeMatchers.anyExchange()).getRedirectUri(exchange)
			.block();
		return (uri != null) ? uri.toString() : null;
	}

	private static WebSession storedSession(String sessionId) {
		DefaultWebSessionManager sessions = (DefaultWebSessionManager) application.getBean(WebSessionManager.class);
		WebSession session = sessions.getSessionStore().retrieveSession(sessionId).block();
		assertThat(session).as("the stored session").isNotNull();
		return session;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Api.class)
	static class PagesApplication {

		@Bean
		CorsConfigurationSource corsConfigurationSource() {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(List.of(ALLOWED_ORIGIN));
			cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
			cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
			cors.setAllowCredentials(true);
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/**", cors);
			return source;
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
