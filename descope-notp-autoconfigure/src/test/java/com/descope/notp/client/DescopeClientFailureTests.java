package com.descope.notp.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.descope.notp.test.TestTokens;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for how {@link DescopeClient} meets Descope's and the network's failures, against
 * a real HTTP server ({@link MockWebServer}): no answer, a hanging or late answer
 * (latency the server injects), {@code 5xx} retried as the Descope SDKs retry
 * ({@code docs/descope-protocol.md}, "Retries"), {@code 429}, malformed and oversized
 * bodies. The waits between retries are recorded rather than slept, so no test measures
 * them on the wall clock.
 */
class DescopeClientFailureTests {

	private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final String REFRESH_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJkcm4iOiJEU1IifQ.cmVmcmVzaC1zaWduYXR1cmU";

	private static final List<Duration> SHORT_BACKOFF = List.of(Duration.ofMillis(10), Duration.ofMillis(10),
			Duration.ofMillis(10));

	private static final String LINK_BODY = """
			{"pendingRef":"pendingRef0123456789","redirectUrl":"https://wa.me/15555550199?text=code","image":"iVBOR"}""";

	private MockWebServer server;

	private final List<DescopeClient> clients = new ArrayList<>();

	/**
	 * The waits the clients asked for between retries; nobody sleeps unless a test says
	 * so.
	 */
	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startServer() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.clients.forEach(DescopeClient::close);
		this.server.close();
	}

	@Test
	void callWhenConnectionRefusedThenTransportFailureFastAndNotRetried() throws IOException {
		int closedPort = TestTokens.closedLoopbackPort();
		DescopeClient client = client((builder) -> builder.baseUrl("http://127.0.0.1:" + closedPort)
			.retryBackoff(DescopeClient.DEFAULT_RETRY_BACKOFF));

		DescopeResponse<JwtResponse> response = client.refresh(REFRESH_JWT);

		assertThat(this.sleeps).isEmpty();
		assertTransportFailure(response);
	}

	@Test
	void callWhenDescopeAcceptsAndNeverAnswersThenTransportFailureAfterReadTimeoutAndNoThreadLeft() {
		this.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		DescopeClient client = client((builder) -> builder.readTimeout(Duration.ofMillis(500))
			.retryBackoff(DescopeClient.DEFAULT_RETRY_BACKOFF));

		long started = System.nanoTime();
		DescopeResponse<JwtResponse> response = client.refresh(REFRESH_JWT);

		assertThat(elapsed(started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertTransportFailure(response);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertNoThreadInAClientCall();
	}

	@Test
	void callWhenSocketAcceptedButNothingReadOrWrittenThenTransportFailureAfterReadTimeoutAndNoThreadLeft()
			throws IOException {
		// the kernel completes the TCP handshake for the backlog; nobody ever reads or
		// writes
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			DescopeClient client = client((builder) -> builder.baseUrl("http://127.0.0.1:" + silent.getLocalPort())
				.readTimeout(Duration.ofMillis(500)));

			long started = System.nanoTime();
			DescopeResponse<NotpLinkResponse> response = client.signUpOrIn("", LoginOptions.NONE);

			assertThat(elapsed(started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
			assertTransportFailure(response);
			assertNoThreadInAClientCall();
		}
	}

	@Test
	void callWhenBodyStallsAfterHeadersThenTransportFailureAfterReadTimeoutAndNoThreadLeft() {
		this.server
			.enqueue(new MockResponse.Builder().body(LINK_BODY).onResponseBody(SocketEffect.Stall.INSTANCE).build());
		DescopeClient client = client((builder) -> builder.readTimeout(Duration.ofMillis(500)));

		long started = System.nanoTime();
		DescopeResponse<NotpLinkResponse> response = client.signUpOrIn("", LoginOptions.NONE);

		assertThat(elapsed(started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertTransportFailure(response);
		assertNoThreadInAClientCall();
	}

	@Test
	void callWhenDescopeAnswersLaterThanTheReadTimeoutThenTransportFailureNotTheLateAnswer() {
		// the late answer is a success: only the 500 ms read timeout can turn it into a
		// failure
		this.server.enqueue(jsonAnswer(200, LINK_BODY).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
		DescopeClient client = client((builder) -> builder.readTimeout(Duration.ofMillis(500)));

		DescopeResponse<NotpLinkResponse> response = client.signUpOrIn("", LoginOptions.NONE);

		assertTransportFailure(response);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void callWhenBodyArrivesLaterThanTheReadTimeoutThenTransportFailureNotTheLateBody() {
		this.server.enqueue(jsonAnswer(200, LINK_BODY).newBuilder().bodyDelay(3, TimeUnit.SECONDS).build());
		DescopeClient client = client((builder) -> builder.readTimeout(Duration.ofMillis(500)));

		DescopeResponse<NotpLinkResponse> response = client.signUpOrIn("", LoginOptions.NONE);

		assertTransportFailure(response);
	}

	@Test
	void callWhenDescopeAnswersSlowlyWithinTheReadTimeoutThenAnswerRead() {
		this.server.enqueue(jsonAnswer(200, LINK_BODY).newBuilder()
			.headersDelay(300, TimeUnit.MILLISECONDS)
			.bodyDelay(300, TimeUnit.MILLISECONDS)
			.build());
		DescopeClient client = client((builder) -> builder.readTimeout(Duration.ofSeconds(5)));

		DescopeResponse<NotpLinkResponse> response = client.signUpOrIn("", LoginOptions.NONE);

		assertThat(response.ok()).isTrue();
		assertThat(response.requireData().pendingRef()).isEqualTo("pendingRef0123456789");
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 500, 502, 504 })
	void callWhenDescopeAnswersServerErrorOtherThanTheSdksRetriedOnesThenNotRetriedAndTransient(int status) {
		this.server.enqueue(new MockResponse.Builder().code(status).build());
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = client().refresh(REFRESH_JWT);

		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(status);
		assertThat(response.error().errorCode()).isEqualTo(String.valueOf(status));
		assertThat(response.isTransientFailure()).isTrue();
		assertThat(response.isPending()).isFalse();
	}

	@Test
	void startWhenDescopeAnswers503ThenRetriedThreeTimesThenUnavailable() {
		for (int i = 0; i < 5; i++) {
			this.server.enqueue(jsonAnswer(503, "{\"errorCode\":\"E000503\"}"));
		}

		DescopeResponse<NotpLinkResponse> response = client().signIn("+15555550100", LoginOptions.NONE, null);

		assertThat(this.server.getRequestCount()).isEqualTo(4);
		assertThat(this.sleeps).containsExactlyElementsOf(SHORT_BACKOFF);
		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(503);
		assertThat(response.error().errorCode()).isEqualTo("E000503");
		assertThat(response.isTransientFailure()).isTrue();
	}

	@Test
	void startWhenRetriedThenSendsTheSameRequestEachTime() throws InterruptedException {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, LINK_BODY));

		DescopeResponse<NotpLinkResponse> response = client().signIn("+15555550100", LoginOptions.NONE, REFRESH_JWT);

		assertThat(response.ok()).isTrue();
		RecordedRequest first = this.server.takeRequest(1, TimeUnit.SECONDS);
		RecordedRequest second = this.server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(second.getRequestLine()).isEqualTo(first.getRequestLine());
		assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8())
			.isEqualTo("{\"loginId\":\"+15555550100\",\"loginOptions\":{}}");
		assertThat(second.getHeaders().get("Authorization")).isEqualTo(first.getHeaders().get("Authorization"))
			.isEqualTo("Bearer " + PROJECT_ID);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("retriedCalls")
	void callWhenDescopeAnswers503ThenOkThenRetriedOnceAndOk(String name,
			Function<DescopeClient, DescopeResponse<?>> call, String path, String okBody) throws InterruptedException {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, okBody));

		DescopeResponse<?> response = call.apply(client());

		assertThat(response.ok()).isTrue();
		assertThat(response.code()).isEqualTo(200);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo(path);
		assertThat(this.server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo(path);
	}

	static Stream<Arguments> retriedCalls() {
		return Stream.of(
				Arguments.of("signIn",
						(Function<DescopeClient, DescopeResponse<?>>) (client) -> client.signIn("+15555550100",
								LoginOptions.NONE, null),
						"/v1/auth/notp/whatsapp/signin", LINK_BODY),
				Arguments.of("signUp",
						(Function<DescopeClient, DescopeResponse<?>>) (client) -> client.signUp("+15555550100", null,
								LoginOptions.NONE),
						"/v1/auth/notp/whatsapp/signup", LINK_BODY),
				Arguments.of("signUpOrIn",
						(Function<DescopeClient, DescopeResponse<?>>) (client) -> client.signUpOrIn("",
								LoginOptions.NONE),
						"/v1/auth/notp/whatsapp/signup-in", LINK_BODY),
				Arguments.of("refresh",
						(Function<DescopeClient, DescopeResponse<?>>) (client) -> client.refresh(REFRESH_JWT),
						"/v1/auth/refresh", "{\"sessionJwt\":\"s\"}"),
				Arguments.of("logout",
						(Function<DescopeClient, DescopeResponse<?>>) (client) -> client.logout(REFRESH_JWT),
						"/v1/auth/logout", "{}"),
				Arguments.of("logoutAll",
						(Function<DescopeClient, DescopeResponse<?>>) (client) -> client.logoutAll(REFRESH_JWT),
						"/v1/auth/logoutall", "{}"),
				Arguments.of("me", (Function<DescopeClient, DescopeResponse<?>>) (client) -> client.me(REFRESH_JWT),
						"/v1/auth/me", "{\"userId\":\"U1\"}"));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 503, 520, 521, 522, 524, 530 })
	void callWhenDescopeAnswersAStatusTheSdksRetryThenRetried(int status) {
		this.server.enqueue(new MockResponse.Builder().code(status).build());
		this.server.enqueue(new MockResponse.Builder().code(status).build());
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = client().logout(REFRESH_JWT);

		assertThat(response.ok()).isTrue();
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void getSessionWhenDescopeAnswers503ThenNotRetriedBecauseTheNextPollIsTheRetry() {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(503);
		assertThat(response.isTransientFailure()).isTrue();
		assertThat(response.isPending()).isFalse();
	}

	@Test
	void callWhenRetryBackoffEmptyThenNotRetried() {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = client((builder) -> builder.retryBackoff(List.of()))
			.refresh(REFRESH_JWT);

		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
		assertThat(response.code()).isEqualTo(503);
	}

	@Test
	void callWhen503HasRetryAfterLongerThanTheStepThenWaitsForIt() throws InterruptedException {
		this.server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = client().refresh(REFRESH_JWT);

		assertThat(response.ok()).isTrue();
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void callWhen503HasRetryAfterBeyondTheCapThenNotRetriedAndRetryAfterHandedBack() {
		this.server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build());
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = client().refresh(REFRESH_JWT);

		assertThat(this.sleeps).isEmpty();
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(response.code()).isEqualTo(503);
		assertThat(response.isTransientFailure()).isTrue();
		assertThat(response.error().retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void retryWaitWhenRetryAfterShorterLongerOrBeyondTheCapThenStepRetryAfterOrNoRetry() {
		Duration step = Duration.ofMillis(100);
		assertThat(DescopeRetries.retryWait(step, null)).isEqualTo(step);
		assertThat(DescopeRetries.retryWait(step, Duration.ZERO)).isEqualTo(step);
		assertThat(DescopeRetries.retryWait(step, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
		assertThat(DescopeRetries.retryWait(step, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
		assertThat(DescopeRetries.retryWait(step, Duration.ofSeconds(6))).isNull();
		assertThat(DescopeRetries.retryWait(Duration.ofSeconds(8), Duration.ofSeconds(7)))
			.isEqualTo(Duration.ofSeconds(8));
		assertThat(DescopeRetries.retryWait(Duration.ofSeconds(8), Duration.ofSeconds(9))).isNull();
	}

	@Test
	void callWhenInterruptedDuringBackoffThenStopsRetryingAndKeepsTheInterrupt() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, "{}"));
		CountDownLatch waiting = new CountDownLatch(1);
		DescopeClient client = client(
				(builder) -> builder.retryBackoff(List.of(Duration.ofSeconds(5))).sleeper((wait) -> {
					waiting.countDown();
					DescopeRetries.Sleeper.THREAD.sleep(wait);
				}));
		AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
		AtomicReference<Thread> caller = new AtomicReference<>();

		CompletableFuture<DescopeResponse<JwtResponse>> future = CompletableFuture.supplyAsync(() -> {
			caller.set(Thread.currentThread());
			DescopeResponse<JwtResponse> answer = client.refresh(REFRESH_JWT);
			interruptedAfter.set(Thread.interrupted());
			return answer;
		});
		// interrupted once it is in the 5 s backoff (or about to enter it: the flag is
		// then set)
		assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
		caller.get().interrupt();

		// one request and the 503 prove the 5 s wait was cut short: it would have ended
		// in a retry
		assertThat(future).succeedsWithin(Duration.ofSeconds(30))
			.satisfies((response) -> assertThat(response.code()).isEqualTo(503));
		assertThat(interruptedAfter.get()).isTrue();
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void retryBackoffWhenNegativeOrNullThenIllegalArgument() {
		DescopeClient.Builder builder = DescopeClient.builder(PROJECT_ID);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.retryBackoff(List.of(Duration.ofMillis(10), Duration.ofMillis(-1))));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.retryBackoff(null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.retryBackoff(Arrays.asList(Duration.ofMillis(10), null)));
		builder.retryBackoff(List.of(Duration.ZERO));
	}

	@Test
	void callWhenRateLimitedWithRetryAfterSecondsThenNotRetriedAndRetryAfterHandedBack() {
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
		this.server.enqueue(jsonAnswer(200, LINK_BODY));

		DescopeResponse<NotpLinkResponse> response = client().signUpOrIn("", LoginOptions.NONE);

		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertRateLimited(response);
		assertThat(response.error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void callWhenRateLimitedWithRetryAfterHttpDateThenRetryAfterIsTheTimeUntilThatDate() {
		Instant now = Instant.parse("2026-09-01T10:00:00Z");
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.ofInstant(now.plusSeconds(10), ZoneOffset.UTC));
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", inTenSeconds).build());

		DescopeResponse<JwtResponse> response = client((builder) -> builder.clock(Clock.fixed(now, ZoneOffset.UTC)))
			.refresh(REFRESH_JWT);

		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertRateLimited(response);
		assertThat(response.error().retryAfter()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void callWhenRateLimitedWithRetryAfterHttpDateByTheSystemClockThenAboutTenSeconds() {
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", inTenSeconds).build());

		DescopeResponse<JwtResponse> response = client().refresh(REFRESH_JWT);

		assertRateLimited(response);
		assertThat(response.error().retryAfter()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
	}

	@Test
	void callWhenRateLimitedWithNoRetryAfterAndEmptyBodyThenRateLimitedErrorNotException() {
		this.server.enqueue(new MockResponse.Builder().code(429).build());

		DescopeResponse<JwtResponse> response = client().refresh(REFRESH_JWT);

		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertRateLimited(response);
		assertThat(response.error().retryAfter()).isNull();
	}

	@Test
	void callWhenRateLimitedWithNonJsonBodyThenRateLimitedErrorNotException() {
		this.server.enqueue(new MockResponse.Builder().code(429)
			.addHeader("Content-Type", "text/html")
			.body("<html><body>Too Many Requests</body></html>")
			.build());

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertRateLimited(response);
		assertThat(response.error().retryAfter()).isNull();
	}

	@Test
	void callWhenSuccessBodyIsMalformedJsonThenInvalidResponse() {
		this.server.enqueue(jsonAnswer(200, "{\"sessionJwt\":\"abc\","));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(200);
		assertThat(response.error().errorCode()).isEqualTo("G020002");
		assertThat(response.isTransientFailure()).isTrue();
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void getSessionWhenDescopeAnswersEmptyObjectAndNoCookiesThenOkWithoutSession() {
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isTrue();
		assertThat(response.requireData().hasSessionJwt()).isFalse();
		assertThat(response.requireData().refreshJwt()).isNull();
	}

	@Test
	void getSessionWhenUnknownErrorCodeThenNeitherPendingNorTransient() {
		this.server.enqueue(jsonAnswer(401, "{\"errorCode\":\"E066999\",\"errorDescription\":\"Something else\"}"));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(401);
		assertThat(response.error().errorCode()).isEqualTo("E066999");
		assertThat(response.isPending()).isFalse();
		assertThat(response.isTransientFailure()).isFalse();
	}

	@Test
	void getSessionWhenPendingCodeThenPending() {
		this.server.enqueue(jsonAnswer(401, "{\"errorCode\":\"E066103\"}"));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.isPending()).isTrue();
		assertThat(response.isTransientFailure()).isFalse();
	}

	@Test
	void callWhenBodyOverOneMebibyteWithContentLengthThenInvalidResponseNotRead() {
		this.server.enqueue(jsonAnswer(200, "{\"sessionJwt\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}"));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(200);
		assertThat(response.error().errorCode()).isEqualTo("G020002");
		assertThat(response.data()).isNull();
	}

	@Test
	void callWhenChunkedBodyOverOneMebibyteThenInvalidResponse() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.chunkedBody("{\"sessionJwt\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}", 64 * 1024)
			.build());

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(200);
		assertThat(response.error().errorCode()).isEqualTo("G020002");
	}

	@Test
	void callWhenBodyExactlyOneMebibyteThenRead() {
		String prefix = "{\"sessionJwt\":\"";
		String body = prefix + "a".repeat(1024 * 1024 - prefix.length() - 2) + "\"}";
		this.server.enqueue(jsonAnswer(200, body));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isTrue();
		assertThat(response.requireData().sessionJwt()).hasSize(1024 * 1024 - prefix.length() - 2);
	}

	@Test
	void getSessionWhenBodyTokensEmptyThenTakesTokensFromSetCookie() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.addHeader("Set-Cookie", "DS=session.jwt.fromcookie; Path=/; HttpOnly; Secure")
			.addHeader("Set-Cookie", "DSR=refresh.jwt.fromcookie; Path=/; Max-Age=2592000; HttpOnly; Secure")
			.body("{\"sessionJwt\":\"\",\"refreshJwt\":\"\",\"cookiePath\":\"/\"}")
			.build());

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isTrue();
		assertThat(response.requireData().sessionJwt()).isEqualTo("session.jwt.fromcookie");
		assertThat(response.requireData().refreshJwt()).isEqualTo("refresh.jwt.fromcookie");
	}

	@Test
	void getSessionWhenBodyTokensPresentThenBodyWinsOverSetCookie() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.addHeader("Set-Cookie", "DS=session.jwt.fromcookie; Path=/")
			.addHeader("Set-Cookie", "DSR=refresh.jwt.fromcookie; Path=/")
			.body("{\"sessionJwt\":\"session.jwt.body\",\"refreshJwt\":\"refresh.jwt.body\"}")
			.build());

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.requireData().sessionJwt()).isEqualTo("session.jwt.body");
		assertThat(response.requireData().refreshJwt()).isEqualTo("refresh.jwt.body");
	}

	@Test
	void requireDataWhenFailedThenMessageNamesStatusAndCodeOnly() {
		this.server.enqueue(jsonAnswer(400,
				"{\"errorCode\":\"E011003\",\"errorDescription\":\"bad pendingRef pendingRef0123456789\"}"));

		DescopeResponse<JwtResponse> response = client().getSession("pendingRef0123456789");

		assertThat(response.ok()).isFalse();
		assertThatIllegalStateException().isThrownBy(response::requireData)
			.withMessage("Descope call failed: HTTP 400, error code E011003");
	}

	private DescopeClient client() {
		return client((builder) -> {
		});
	}

	private DescopeClient client(Consumer<DescopeClient.Builder> customizer) {
		DescopeClient.Builder builder = DescopeClient.builder(PROJECT_ID)
			.baseUrl(this.server.url("/").toString())
			.readTimeout(Duration.ofSeconds(3))
			.retryBackoff(SHORT_BACKOFF)
			.sleeper(this.sleeps::add);
		customizer.accept(builder);
		DescopeClient client = builder.build();
		this.clients.add(client);
		return client;
	}

	private static MockResponse jsonAnswer(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

	private static Duration elapsed(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos);
	}

	private static void assertTransportFailure(DescopeResponse<?> response) {
		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isZero();
		assertThat(response.error().errorCode()).isEqualTo("G020001");
		assertThat(response.isTransientFailure()).isTrue();
		assertThat(response.data()).isNull();
	}

	private static void assertRateLimited(DescopeResponse<?> response) {
		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(429);
		assertThat(response.error().errorCode()).isEqualTo("E130429");
		assertThat(response.isTransientFailure()).isTrue();
		assertThat(response.isPending()).isFalse();
	}

	private static boolean isClientClass(String className) {
		return Stream
			.of(DescopeClient.class, DescopeHttpTransport.class, DescopeAnswerReader.class, DescopeRetries.class)
			.map(Class::getName)
			.anyMatch((name) -> className.equals(name) || className.startsWith(name + "$"));
	}

	private static void assertNoThreadInAClientCall() {
		Thread current = Thread.currentThread();
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().entrySet())
				.filteredOn((entry) -> entry.getKey() != current)
				.filteredOn((entry) -> Arrays.stream(entry.getValue())
					.anyMatch((frame) -> isClientClass(frame.getClassName())
							|| frame.getClassName().startsWith("org.springframework.http.client.Jdk")))
				.map((entry) -> entry.getKey().getName())
				.isEmpty());
	}

}
