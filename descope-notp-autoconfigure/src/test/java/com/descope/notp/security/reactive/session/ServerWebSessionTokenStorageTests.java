package com.descope.notp.security.reactive.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.test.AnswerHold;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive session-token filter ({@link ServerDescopeSessionTokenWebFilter}) end to
 * end in the default storage mode, the {@code WebSession}: a real Netty server with the
 * starter's auto-configuration, the Descope emulator over HTTP signing real RS256 tokens.
 * The tokens are put in the session through the {@link ServerDescopeTokenRepository} bean
 * by a test-only web filter ({@link TestSignInWebFilter}; the login is not part of this
 * filter), so the chain is the auto-configured one. Covers the stored session JWT
 * authenticating, the refresh near expiry (one Descope call, the new tokens stored, an
 * event), the single flight of concurrent exchanges, a refused refresh clearing the
 * session and an outage answered {@code 503} with the tokens kept; logout and logout
 * everywhere (revoked at Descope, the session invalidated, a front end's {@code DS} /
 * {@code DSR} cookies cleared, CSRF required) and the refresh endpoint with the stored
 * tokens.
 */
class ServerWebSessionTokenStorageTests {

	private static final String REFRESH = "/v1/auth/refresh";

	private static DescopeEmulator emulator;

	private static ConfigurableApplicationContext application;

	private static WebTestClient client;

	private static String baseUrl;

	@BeforeAll
	static void startApplication() {
		emulator = DescopeEmulator.start();
		application = new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "descope.project-id=" + emulator.projectId(),
					"descope.base-url=" + emulator.baseUrl(), "descope.http.retry-backoff=",
					"spring.main.banner-mode=off")
			.run();
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		baseUrl = "http://127.0.0.1:" + port;
		client = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
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

	@BeforeEach
	void forgetEvents() {
		application.getBean(Events.class).events.clear();
	}

	private static EmulatedUser alice() {
		return emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	private static long refreshCalls() {
		return emulator.calls().stream().filter((call) -> REFRESH.equals(call.path())).count();
	}

	/**
	 * A session JWT of Alice's that expires within the refresh threshold (20 s).
	 * @return the token
	 */
	private static String nearExpiry() {
		Instant now = Instant.now();
		return emulator.issueSessionJwt(alice(), (claims) -> claims.issueTime(Date.from(now.minusSeconds(590)))
			.expirationTime(Date.from(now.plusSeconds(5))));
	}

	/**
	 * Signs in through the test web filter: the tokens are saved in a new session.
	 * @param sessionJwt the session JWT
	 * @param refreshJwt the refresh JWT
	 * @return the session's id, sent back as the {@code SESSION} cookie
	 */
	private static String signIn(String sessionJwt, String refreshJwt) {
		EntityExchangeResult<byte[]> result = client.get()
			.uri("/test/sign-in")
			.header("X-Session-Jwt", sessionJwt)
			.header("X-Refresh-Jwt", refreshJwt)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.returnResult();
		String session = result.getResponseHeaders().getFirst("X-Session-Id");
		assertThat(session).isNotNull();
		return session;
	}

	private static WebTestClient.ResponseSpec me(String session) {
		return client.get().uri("/api/me").accept(MediaType.APPLICATION_JSON).cookie("SESSION", session).exchange();
	}

	@Test
	void getWhenStoredSessionJwtValidThenAuthenticatedWithoutRefresh() {
		String session = signIn(emulator.issueSessionJwt(alice()), emulator.issueRefreshJwt(alice()));
		long before = refreshCalls();
		me(session).expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo(alice().userId());
		me(session).expectStatus().isOk();
		assertThat(refreshCalls()).isEqualTo(before);
	}

	@Test
	void getWhenStoredSessionJwtNearExpiryThenRefreshedOnceAndTheNewTokensKept() {
		String session = signIn(nearExpiry(), emulator.issueRefreshJwt(alice()));
		long before = refreshCalls();
		me(session).expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo(alice().userId());
		assertThat(refreshCalls()).isEqualTo(before + 1);
		me(session).expectStatus().isOk();
		assertThat(refreshCalls()).as("the refreshed token is kept in the session").isEqualTo(before + 1);
		assertThat(application.getBean(Events.class).events).extracting(DescopeSessionTokenEvent::getChange)
			.containsExactly(DescopeSessionTokenEvent.Change.REFRESHED);
	}

	@Test
	void getWhenStoredSessionJwtExpiredThenRefreshed() {
		Instant now = Instant.now();
		String expired = emulator.issueSessionJwt(alice(),
				(claims) -> claims.issueTime(Date.from(now.minusSeconds(700)))
					.expirationTime(Date.from(now.minusSeconds(100))));
		String session = signIn(expired, emulator.issueRefreshJwt(alice()));
		long before = refreshCalls();
		me(session).expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo(alice().userId());
		assertThat(refreshCalls()).isEqualTo(before + 1);
	}

	@Test
	void getWhenConcurrentExchangesNeedTheSameRefreshThenOneDescopeCall() throws InterruptedException {
		String session = signIn(nearExpiry(), emulator.issueRefreshJwt(alice()));
		int exchanges = 5;
		Arrivals arrivals = application.getBean(Arrivals.class);
		arrivals.expect(exchanges);
		long before = refreshCalls();
		WebClient webClient = WebClient.create(baseUrl);
		List<Integer> statuses;
		try (AnswerHold hold = emulator.holdAnswers(REFRESH)) {
			Mono<List<Integer>> all = Flux.range(0, exchanges)
				.flatMap((i) -> webClient.get()
					.uri("/api/me")
					.accept(MediaType.APPLICATION_JSON)
					.cookie("SESSION", session)
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())))
				.collectList()
				.cache();
			all.subscribe();
			// every exchange is in the application, and the first refresh at Descope,
			// before Descope answers
			assertThat(arrivals.await()).isTrue();
			hold.awaitHeld(1, Duration.ofSeconds(20));
			hold.release();
			statuses = all.block(Duration.ofSeconds(30));
		}
		assertThat(statuses).hasSize(exchanges).containsOnly(200);
		assertThat(refreshCalls()).isEqualTo(before + 1);
	}

	@Test
	void getWhenDescopeRefusesTheRefreshThenSessionClearedAndUnauthorized() {
		String session = signIn(nearExpiry(), emulator.issueRefreshJwt(alice()));
		emulator.enqueueFailure(REFRESH, 401, Map.of("Content-Type", "application/json"),
				"{\"errorCode\":\"E061005\",\"errorDescription\":\"Invalid token\"}");
		me(session).expectStatus().isUnauthorized();
		long after = refreshCalls();
		me(session).expectStatus().isUnauthorized();
		assertThat(refreshCalls()).as("the tokens are gone").isEqualTo(after);
		assertThat(application.getBean(Events.class).events).extracting(DescopeSessionTokenEvent::getChange)
			.containsExactly(DescopeSessionTokenEvent.Change.CLEARED);
	}

	@Test
	void getWhenDescopeUnavailableThenServiceUnavailableWithRetryAfterAndTokensKept() {
		String session = signIn(nearExpiry(), emulator.issueRefreshJwt(alice()));
		emulator.enqueueFailure(REFRESH, 503, Map.of("Retry-After", "7"), null);
		me(session).expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "7")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:descope-unavailable");
		me(session).expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo(alice().userId());
	}

	@Test
	void getWhenBrowserNavigationAndDescopeRateLimitsThenErrorPageWithRetryAfter() {
		String session = signIn(nearExpiry(), emulator.issueRefreshJwt(alice()));
		emulator.enqueueFailure(REFRESH, 429, Map.of("Retry-After", "3"), null);
		client.get()
			.uri("/api/me")
			.accept(MediaType.TEXT_HTML)
			.header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Dest", "document")
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "3")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	private static long calls(String path) {
		return emulator.calls().stream().filter((call) -> path.equals(call.path())).count();
	}

	/**
	 * The CSRF token of the auto-configured chain, from the {@code XSRF-TOKEN} cookie it
	 * writes on every answer.
	 * @return the token
	 */
	private static String csrfToken() {
		ResponseCookie cookie = client.get()
			.uri("/api/me")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN");
		assertThat(cookie).isNotNull();
		return cookie.getValue();
	}

	private static WebTestClient.ResponseSpec post(String path, String session, String csrf) {
		return client.post()
			.uri(path)
			.cookie("SESSION", session)
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange();
	}

	@Test
	void logoutWhenSignedInThenRevokedAtDescopeSignedOutAndRedirectedToTheLoginPage() {
		String session = signIn(emulator.issueSessionJwt(alice()), emulator.issueRefreshJwt(alice()));
		me(session).expectStatus().isOk();
		long before = calls("/v1/auth/logout");
		post("/logout", session, csrfToken()).expectStatus()
			.isFound()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/login/notp?logout");
		assertThat(calls("/v1/auth/logout")).isEqualTo(before + 1);
		me(session).expectStatus().isUnauthorized();
		assertThat(application.getBean(Events.class).events).extracting(DescopeSessionTokenEvent::getChange)
			.containsExactly(DescopeSessionTokenEvent.Change.CLEARED);
	}

	@Test
	void logoutWhenAFrontEndWroteTheTokenCookiesWithScriptThenTheyAreCleared() {
		String session = signIn(emulator.issueSessionJwt(alice()), emulator.issueRefreshJwt(alice()));
		String csrf = csrfToken();
		List<String> setCookies = client.post()
			.uri("/logout")
			.cookie("SESSION", session)
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
			assertThat(setCookies).as(name)
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(name + "=;")
					.contains("Path=/")
					.contains("Max-Age=0")
					.contains("Secure")
					.contains("SameSite=Lax"));
		}
	}

	@Test
	void logoutWhenNoCsrfTokenThenForbiddenAndStillSignedIn() {
		String session = signIn(emulator.issueSessionJwt(alice()), emulator.issueRefreshJwt(alice()));
		client.post().uri("/logout").cookie("SESSION", session).exchange().expectStatus().isForbidden();
		me(session).expectStatus().isOk();
	}

	@Test
	void logoutEverywhereWhenSignedInThenEverySessionRevokedAtDescope() {
		String session = signIn(emulator.issueSessionJwt(alice()), emulator.issueRefreshJwt(alice()));
		long before = calls("/v1/auth/logoutall");
		post("/logout/all", session, csrfToken()).expectStatus()
			.isFound()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/login/notp?logout");
		assertThat(calls("/v1/auth/logoutall")).isEqualTo(before + 1);
		me(session).expectStatus().isUnauthorized();
	}

	@Test
	void refreshEndpointWhenStoredTokensThenRefreshedAndStored() {
		String session = signIn(emulator.issueSessionJwt(alice()), emulator.issueRefreshJwt(alice()));
		long before = refreshCalls();
		post("/login/notp/refresh", session, csrfToken()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("refreshed")
			.jsonPath("$.sessionExpiration")
			.isNumber()
			.jsonPath("$.sessionJwt")
			.doesNotExist();
		assertThat(refreshCalls()).isEqualTo(before + 1);
		me(session).expectStatus().isOk();
	}

	@Test
	void refreshEndpointWhenDescopeRefusesTheStoredTokenThenUnauthorizedAndSignedOut() {
		String session = signIn(emulator.issueSessionJwt(alice()), emulator.issueRefreshJwt(alice()));
		emulator.enqueueFailure(REFRESH, 401, Map.of("Content-Type", "application/json"),
				"{\"errorCode\":\"E061005\",\"errorDescription\":\"Invalid token\"}");
		post("/login/notp/refresh", session, csrfToken()).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");
		me(session).expectStatus().isUnauthorized();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Api.class, Events.class, Arrivals.class })
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

	static class Events implements ApplicationListener<DescopeSessionTokenEvent> {

		final List<DescopeSessionTokenEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(DescopeSessionTokenEvent event) {
			this.events.add(event);
		}

	}

	/**
	 * Counts the exchanges to {@code /api/me} that reached the application, first of all
	 * filters.
	 */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class Arrivals implements WebFilter {

		private final AtomicReference<CountDownLatch> latch = new AtomicReference<>(new CountDownLatch(0));

		void expect(int count) {
			this.latch.set(new CountDownLatch(count));
		}

		boolean await() throws InterruptedException {
			return this.latch.get().await(20, TimeUnit.SECONDS);
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (exchange.getRequest().getPath().value().equals("/api/me")) {
				this.latch.get().countDown();
			}
			return chain.filter(exchange);
		}

	}

}
