package com.descope.notp.security.reactive.login;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.RecordedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive nOTP login end to end: the starter's auto-configured
 * {@code SecurityWebFilterChain} on a real Netty server, {@code POST /login/notp} and
 * {@code POST /login/notp/session} against the Descope emulator over HTTP (real RS256
 * session JWTs checked against its JWKS), the pending flows and tokens in the
 * {@code WebSession}. Each test is its own browser: its own cookies (session, CSRF) and
 * its own client address, sent as {@code X-Forwarded-For} and taken by Spring's
 * {@code ForwardedHeaderTransformer} ({@code server.forward-headers-strategy=framework}),
 * so the start limits of one test never count another's starts. The polling interval is
 * an hour: a second poll of a flow never reaches Descope, whatever the machine's speed.
 */
class ServerNotpLoginTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ALICE = "+15555550100";

	private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

	private static DescopeEmulator emulator;

	private static ConfigurableApplicationContext application;

	private static WebTestClient client;

	@BeforeAll
	static void startApplication() {
		emulator = DescopeEmulator.start();
		application = new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "descope.project-id=" + emulator.projectId(),
					"descope.base-url=" + emulator.baseUrl(), "spring.main.banner-mode=off",
					"server.forward-headers-strategy=framework", "descope.notp.polling-interval=1h",
					"descope.notp.rate-limit.per-address.permits=3", "descope.notp.rate-limit.per-address.period=1h",
					"descope.notp.rate-limit.per-number.permits=1000", "descope.notp.denied-regions=FR")
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

	@Test
	void startWhenJsonThenPendingRefLinkAndQrCodeNotCached() {
		Browser browser = new Browser();
		EntityExchangeResult<byte[]> result = browser.postJson("/login/notp", Map.of("loginId", ALICE));
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(result.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
		JsonNode body = json(result);
		assertThat(body.get("pendingRef").asString()).isEqualTo(emulator.lastFlow().pendingRef());
		assertThat(body.get("redirectUrl").asString()).isNotEmpty();
		assertThat(body.has("image")).isTrue();
		assertThat(browser.cookies).containsKey("SESSION");
	}

	@Test
	void startWhenFormThenStarted() {
		Browser browser = new Browser();
		EntityExchangeResult<byte[]> result = browser.postForm("/login/notp", "loginId=%2B15555550100&method=sign-in");
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(json(result).get("pendingRef").asString()).isEqualTo(emulator.lastFlow().pendingRef());
		assertThat(lastCall("/v1/auth/notp/whatsapp/signin").body()).contains(ALICE);
	}

	@Test
	void startWhenLoginIdInvalidThenBadRequestNamingLoginId() {
		int calls = emulator.calls().size();
		EntityExchangeResult<byte[]> result = new Browser().postJson("/login/notp", Map.of("loginId", "not a number"));
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(result).get("field").asString()).isEqualTo("loginId");
		assertThat(emulator.calls()).hasSize(calls);
	}

	@Test
	void startWhenMethodUnknownInFormThenBadRequestNamingMethod() {
		EntityExchangeResult<byte[]> result = new Browser().postForm("/login/notp", "method=sign-sideways");
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(result).get("field").asString()).isEqualTo("method");
	}

	@Test
	void startWhenBodyLargerThanLimitThenBadRequestNamingBody() {
		String large = "{\"providerId\":\"" + "x".repeat(20 * 1024) + "\"}";
		EntityExchangeResult<byte[]> result = new Browser().post("/login/notp", MediaType.APPLICATION_JSON, large);
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(result).get("field").asString()).isEqualTo("body");
	}

	@Test
	void startWhenFormFieldSentTwiceThenBadRequestNamingIt() {
		EntityExchangeResult<byte[]> result = new Browser().postForm("/login/notp", "method=sign-in&method=sign-up");
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(result).get("field").asString()).isEqualTo("method");
	}

	@Test
	void startWhenNeitherJsonNorFormThenBadRequestNamingContentType() {
		EntityExchangeResult<byte[]> result = new Browser().post("/login/notp", MediaType.TEXT_PLAIN, "hello");
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(result).get("field").asString()).isEqualTo("Content-Type");
	}

	@Test
	void startWhenNoCsrfTokenThenForbidden() {
		int calls = emulator.calls().size();
		client.post()
			.uri("/login/notp")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(emulator.calls()).hasSize(calls);
	}

	@Test
	void startWhenAddressLimitReachedThenTooManyRequestsWithRetryAfter() {
		Browser browser = new Browser();
		for (int i = 0; i < 3; i++) {
			assertThat(browser.postJson("/login/notp", Map.of()).getStatus()).isEqualTo(HttpStatus.OK);
		}
		int calls = emulator.calls().size();
		EntityExchangeResult<byte[]> limited = browser.postJson("/login/notp", Map.of());
		assertProblem(limited, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
		assertThat(Long.parseLong(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
		assertThat(emulator.calls()).hasSize(calls);
		// another client address is not limited by this one's starts
		assertThat(new Browser().postJson("/login/notp", Map.of()).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void startWhenCountryDeniedThenBadRequestNamingLoginId() {
		EntityExchangeResult<byte[]> result = new Browser().postJson("/login/notp", Map.of("loginId", "+33612345678"));
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(result).get("field").asString()).isEqualTo("loginId");
	}

	@Test
	void pollWhenNotConfirmedThenAcceptedPending() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		EntityExchangeResult<byte[]> result = browser.poll(pendingRef);
		assertThat(result.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(json(result).get("status").asString()).isEqualTo("pending");
		assertThat(result.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
	}

	@Test
	void pollWhenConfirmedThenAuthenticatedWithNewSessionIdAndSignedIn() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		String sessionBefore = browser.cookies.get("SESSION");
		emulator.confirm(pendingRef);
		EntityExchangeResult<byte[]> result = browser.poll(pendingRef);
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		JsonNode body = json(result);
		assertThat(body.get("status").asString()).isEqualTo("authenticated");
		assertThat(body.get("redirectUrl").asString()).isEqualTo("/");
		String userId = emulator.findUserByLoginId(ALICE).orElseThrow().userId();
		assertThat(body.get("user").get("userId").asString()).isEqualTo(userId);
		// tokens stay in the WebSession: none in the body
		assertThat(body.has("sessionJwt")).isFalse();
		assertThat(body.has("refreshJwt")).isFalse();
		assertThat(browser.cookies.get("SESSION")).isNotNull().isNotEqualTo(sessionBefore);
		EntityExchangeResult<byte[]> me = browser.get("/api/me");
		assertThat(me.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(json(me).get("userId").asString()).isEqualTo(userId);
	}

	@Test
	void pollWhenOldSessionIdReplayedAfterLoginThenNotSignedIn() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		String sessionBefore = browser.cookies.get("SESSION");
		emulator.confirm(pendingRef);
		assertThat(browser.poll(pendingRef).getStatus()).isEqualTo(HttpStatus.OK);
		Browser attacker = new Browser();
		attacker.cookies.put("SESSION", sessionBefore);
		assertThat(attacker.get("/api/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void pollWhenAlreadyRedeemedThenSameLoginWithoutCallingDescope() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		emulator.confirm(pendingRef);
		assertThat(browser.poll(pendingRef).getStatus()).isEqualTo(HttpStatus.OK);
		int calls = emulator.calls().size();
		EntityExchangeResult<byte[]> again = browser.poll(pendingRef);
		assertThat(again.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(json(again).get("status").asString()).isEqualTo("authenticated");
		assertThat(emulator.calls()).hasSize(calls);
	}

	@Test
	void pollWhenFlowExpiredThenUnauthorizedFlowFailedAndForgotten() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		emulator.expire(pendingRef);
		EntityExchangeResult<byte[]> result = browser.poll(pendingRef);
		assertProblem(result, HttpStatus.UNAUTHORIZED, "flow-failed");
		int calls = emulator.calls().size();
		assertProblem(browser.poll(pendingRef), HttpStatus.UNAUTHORIZED, "unknown-flow");
		assertThat(emulator.calls()).hasSize(calls);
	}

	@Test
	void pollWhenPendingRefNotOfThisSessionThenUnauthorizedWithoutCallingDescope() {
		String pendingRef = new Browser().start();
		int calls = emulator.calls().size();
		assertProblem(new Browser().poll(pendingRef), HttpStatus.UNAUTHORIZED, "unknown-flow");
		assertProblem(new Browser().poll("no-such-flow"), HttpStatus.UNAUTHORIZED, "unknown-flow");
		assertThat(emulator.calls()).hasSize(calls);
	}

	@Test
	void pollWhenFasterThanPollingIntervalThenPendingWithoutCallingDescope() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		assertThat(browser.poll(pendingRef).getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		int polls = pendingSessionCalls();
		emulator.confirm(pendingRef);
		EntityExchangeResult<byte[]> throttled = browser.poll(pendingRef);
		assertThat(throttled.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(json(throttled).get("status").asString()).isEqualTo("pending");
		assertThat(pendingSessionCalls()).isEqualTo(polls);
	}

	@Test
	void pollWhenPendingRefMissingThenBadRequestNamingPendingRef() {
		EntityExchangeResult<byte[]> result = new Browser().postJson("/login/notp/session", Map.of());
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(result).get("field").asString()).isEqualTo("pendingRef");
	}

	@Test
	void pollWhenFormThenReadAsTheJsonBodyIs() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		EntityExchangeResult<byte[]> result = browser.postForm("/login/notp/session", "pendingRef=" + pendingRef);
		assertThat(result.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
	}

	@Test
	void startWhenStepUpThenSignedInUsersRefreshJwtSentToDescope() {
		Browser browser = new Browser();
		String pendingRef = browser.start();
		emulator.confirm(pendingRef);
		assertThat(browser.poll(pendingRef).getStatus()).isEqualTo(HttpStatus.OK);
		EntityExchangeResult<byte[]> stepUp = browser.postJson("/login/notp",
				Map.of("method", "sign-in", "loginOptions", Map.of("stepup", true)));
		assertThat(stepUp.getStatus()).isEqualTo(HttpStatus.OK);
		RecordedCall start = lastCall("/v1/auth/notp/whatsapp/signin");
		assertThat(start.body()).contains("\"stepup\":true");
		assertThat(start.header("Authorization")).startsWith("Bearer " + emulator.projectId() + ":")
			.isNotEqualTo("Bearer " + emulator.projectId());
	}

	@Test
	void startWhenStepUpWithoutSignedInUserThenUnauthorized() {
		EntityExchangeResult<byte[]> result = new Browser().postJson("/login/notp",
				Map.of("method", "sign-in", "loginOptions", Map.of("stepup", true)));
		assertProblem(result, HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	private static int pendingSessionCalls() {
		return (int) emulator.calls()
			.stream()
			.filter((call) -> call.path().equals("/v1/auth/notp/pending-session"))
			.count();
	}

	private static RecordedCall lastCall(String path) {
		List<RecordedCall> calls = emulator.calls().stream().filter((call) -> call.path().equals(path)).toList();
		assertThat(calls).as("calls to " + path).isNotEmpty();
		return calls.get(calls.size() - 1);
	}

	private static void assertProblem(EntityExchangeResult<byte[]> result, HttpStatus status, String type) {
		assertThat(result.getStatus()).isEqualTo(status);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(json(result).get("type").asString()).isEqualTo("urn:descope-notp:problem:" + type);
	}

	private static JsonNode json(EntityExchangeResult<byte[]> result) {
		return JSON.readTree(new String(result.getResponseBody(), StandardCharsets.UTF_8));
	}

	/**
	 * One browser: keeps the cookies the application sets, sends a CSRF token the
	 * double-submit way, and comes from its own address.
	 */
	private static final class Browser {

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private final String address = "198.51.100." + ADDRESSES.getAndIncrement();

		Browser() {
			this.cookies.put("XSRF-TOKEN", "a-csrf-token");
		}

		String start() {
			EntityExchangeResult<byte[]> result = postJson("/login/notp", Map.of("loginId", ALICE));
			assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
			return json(result).get("pendingRef").asString();
		}

		EntityExchangeResult<byte[]> poll(String pendingRef) {
			return postJson("/login/notp/session", Map.of("pendingRef", pendingRef));
		}

		EntityExchangeResult<byte[]> postJson(String path, Object body) {
			return post(path, MediaType.APPLICATION_JSON, JSON.writeValueAsString(body));
		}

		EntityExchangeResult<byte[]> postForm(String path, String body) {
			return post(path, MediaType.APPLICATION_FORM_URLENCODED, body);
		}

		EntityExchangeResult<byte[]> post(String path, MediaType contentType, String body) {
			return keep(client.post()
				.uri(path)
				.headers(this::headers)
				.header("X-XSRF-TOKEN", this.cookies.get("XSRF-TOKEN"))
				.contentType(contentType)
				.bodyValue(body)
				.exchange()
				.expectBody()
				.returnResult());
		}

		EntityExchangeResult<byte[]> get(String path) {
			return keep(client.get().uri(path).headers(this::headers).exchange().expectBody().returnResult());
		}

		private void headers(HttpHeaders headers) {
			headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			headers.set("X-Forwarded-For", this.address);
			this.cookies.forEach((name, value) -> headers.add(HttpHeaders.COOKIE, name + "=" + value));
		}

		private EntityExchangeResult<byte[]> keep(EntityExchangeResult<byte[]> result) {
			for (List<ResponseCookie> set : result.getResponseCookies().values()) {
				for (ResponseCookie cookie : set) {
					if (cookie.getMaxAge().isZero()) {
						this.cookies.remove(cookie.getName());
					}
					else {
						this.cookies.put(cookie.getName(), cookie.getValue());
					}
				}
			}
			return result;
		}

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
