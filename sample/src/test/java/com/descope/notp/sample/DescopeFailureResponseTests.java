package com.descope.notp.sample;

import java.time.Duration;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the login endpoints answer when Descope fails: retried as the Descope SDKs retry,
 * then a clear {@code 503} or {@code 429} problem with {@code Retry-After}, and the flow
 * survives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "descope.http.retry-backoff=10ms,10ms,10ms" })
@Import(ApplicationClockConfiguration.class)
class DescopeFailureResponseTests extends SampleHttpTestSupport {

	/**
	 * {@code descope.notp.polling-interval}, by default: the least time between two polls
	 * Descope sees.
	 */
	private static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

	@Autowired
	private MovableClock applicationClock;

	@AfterEach
	void resetTheApplicationClock() {
		this.applicationClock.reset();
	}

	private static final String START = "/v1/auth/notp/whatsapp/signin";

	private static final String POLL = "/v1/auth/notp/pending-session";

	@Test
	void startWhenDescopeAnswers503ThenRetriedThenServiceUnavailable() {
		long before = SessionTestSupport.calls(this.emulator, START);
		for (int i = 0; i < 4; i++) {
			this.emulator.enqueueFailure(START, 503, Map.of(), "");
		}
		Response response = start();
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).hasValue("1");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
		assertThat(SessionTestSupport.calls(this.emulator, START) - before).isEqualTo(4);
	}

	@Test
	void startWhenDescopeAnswers503OnceThenRetrySucceeds() {
		this.emulator.enqueueFailure(START, 503, Map.of(), "");
		assertThat(start().status()).isEqualTo(200);
	}

	@Test
	void startWhenDescopeAnswers500ThenServiceUnavailableWithoutRetry() {
		long before = SessionTestSupport.calls(this.emulator, START);
		this.emulator.enqueueFailure(START, 500, Map.of("Content-Type", "text/html"), "<html>oops</html>");
		Response response = start();
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.body()).doesNotContain("oops");
		assertThat(SessionTestSupport.calls(this.emulator, START) - before).isEqualTo(1);
	}

	@Test
	void startWhenDescopeRateLimitsThenTooManyRequestsWithItsRetryAfter() {
		this.emulator.enqueueFailure(START, 429, Map.of("Retry-After", "7"), "");
		Response response = start();
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.header("Retry-After")).hasValue("7");
		assertThat(response.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:rate-limited");
	}

	@Test
	void completeWhenDescopeRateLimitsPollThenTooManyRequestsAndTheFlowSurvives() {
		String pendingRef = start().json().get("pendingRef").asString();
		this.emulator.enqueueFailure(POLL, 429, Map.of("Retry-After", "3"), "not json");
		Response limited = poll(pendingRef);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).hasValue("3");
		this.emulator.enqueueFailure(POLL, 502, Map.of(), "");
		this.applicationClock.advance(POLLING_INTERVAL);
		assertThat(poll(pendingRef).status()).isEqualTo(503);
		this.emulator.confirm(pendingRef);
		this.applicationClock.advance(POLLING_INTERVAL);
		assertThat(poll(pendingRef).status()).isEqualTo(200);
	}

	@Test
	void completeWhenDescopeAnswersMalformedJsonThenServiceUnavailableAndTheFlowSurvives() {
		String pendingRef = start().json().get("pendingRef").asString();
		this.emulator.enqueueFailure(POLL, 200, Map.of("Content-Type", "application/json"), "{not json");
		Response response = poll(pendingRef);
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isPresent();
		this.emulator.confirm(pendingRef);
		this.applicationClock.advance(POLLING_INTERVAL);
		assertThat(poll(pendingRef).status()).isEqualTo(200);
	}

	@Test
	void completeWhenDescopeAnswersNoTokensThenUnauthorized() {
		String pendingRef = start().json().get("pendingRef").asString();
		this.emulator.enqueueFailure(POLL, 200, Map.of("Content-Type", "application/json"), "{}");
		Response response = poll(pendingRef);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:flow-failed");
	}

	@Test
	void completeWhenDescopeAnswersAnUnknownErrorCodeThenFlowEnds() {
		String pendingRef = start().json().get("pendingRef").asString();
		this.emulator.enqueueFailure(POLL, 401, Map.of("Content-Type", "application/json"),
				"{\"errorCode\":\"E999999\",\"errorDescription\":\"something new\"}");
		Response response = poll(pendingRef);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("errorCode").asString()).isEqualTo("E999999");
		assertThat(poll(pendingRef).json().get("type").asString()).isEqualTo("urn:descope-notp:problem:unknown-flow");
	}

	private Response start() {
		return this.browser.postJson("/login/notp", Map.of("loginId", "+15555550100", "method", "sign-in"));
	}

	private Response poll(String pendingRef) {
		return this.browser.postJson("/login/notp/session", Map.of("pendingRef", pendingRef));
	}

}
