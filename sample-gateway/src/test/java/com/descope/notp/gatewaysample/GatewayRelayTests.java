package com.descope.notp.gatewaysample;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.TestTokens;
import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway end to end: a real server on a random port with its own Descope emulator,
 * routing {@code /api/**} to a real downstream HTTP server that records what it receives.
 * Only requests with a valid session JWT (bearer or {@code DS} cookie) are routed, with
 * the user id in {@code X-Descope-User-Id} whatever the client put there, and with the
 * session JWT as the client sent it (the {@code Authorization} header or the {@code DS}
 * cookie, for a service that checks it again); the others are answered {@code 401}
 * problem+json and never reach the downstream service. Every test runs under BlockHound:
 * no blocking call on an event loop while the gateway authenticates and routes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a bound, not a wait: the first exchange through a cold gateway (its HTTP client, the
// JWKS, BlockHound's instrumentation of the classes it loads) took over the 5 s default
// on a busy 2-core machine
@AutoConfigureWebTestClient(timeout = "30s")
@DescopeEmulatorTest
class GatewayRelayTests {

	private static final String USER_ID_HEADER = RelayDescopeUserIdGatewayFilterFactory.DEFAULT_HEADER_NAME;

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	private static final MockWebServer downstream = new MockWebServer();

	@Autowired
	WebTestClient client;

	@Autowired
	DescopeEmulator descope;

	private int downstreamCallsBefore;

	@BeforeAll
	static void startDownstreamAndBlockHound() throws IOException {
		downstream.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(200)
					.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
					.body("{\"from\":\"downstream\"}")
					.build();
			}

		});
		downstream.start();
		// installed before the application starts; install(..) loads the integrations
		// (Reactor's marks its schedulers' threads and Reactor Netty's event loops as
		// non-blocking), builder().install() would not
		BlockHound.install((builder) -> builder
			.blockingMethodCallback((method) -> blockingCalls.add(method + " on " + Thread.currentThread().getName())));
		// the recorder sees a blocking call on such a thread, so an empty record means
		// something
		Mono.fromRunnable(Thread::yield).subscribeOn(Schedulers.parallel()).block();
		assertThat(blockingCalls).anyMatch((call) -> call.startsWith("java.lang.Thread.yield"));
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@DynamicPropertySource
	static void downstreamUri(DynamicPropertyRegistry registry) {
		registry.add("downstream.uri", () -> downstream.url("/").toString());
	}

	@BeforeEach
	void forgetEarlierCalls() {
		blockingCalls.clear();
		this.downstreamCallsBefore = downstream.getRequestCount();
	}

	@AfterEach
	void noBlockingCallOnAnEventLoop() {
		assertThat(blockingCalls).isEmpty();
	}

	private EmulatedUser alice() {
		return this.descope.findUserByLoginId("+15555550100").orElseThrow();
	}

	@Test
	void routeWhenNoTokenThenUnauthorizedProblemAndTheDownstreamIsNeverCalled() {
		this.client.get()
			.uri("/api/orders")
			.accept(MediaType.APPLICATION_JSON)
			.header(USER_ID_HEADER, "U2Mallory")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:unauthenticated");

		assertThat(downstream.getRequestCount()).isEqualTo(this.downstreamCallsBefore);
	}

	@Test
	void routeWhenBearerSessionJwtThenTheDownstreamSeesTheUserIdAndNotTheSpoofedOne() throws Exception {
		String token = this.descope.issueSessionJwt(alice());

		this.client.get()
			.uri("/api/orders?page=2")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(USER_ID_HEADER, "U2Mallory")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.from")
			.isEqualTo("downstream");

		RecordedRequest received = nextDownstreamRequest();
		assertThat(received.getTarget()).isEqualTo("/api/orders?page=2");
		assertThat(received.getHeaders().values(USER_ID_HEADER)).containsExactly(alice().userId());
	}

	@Test
	void routeWhenBearerSessionJwtThenTheAuthorizationHeaderIsForwardedAsSent() throws Exception {
		String token = this.descope.issueSessionJwt(alice());

		this.client.get()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(nextDownstreamRequest().getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
	}

	@Test
	void routeWhenDsCookieThenTheDownstreamSeesTheUserIdAndNotTheSpoofedOne() throws Exception {
		String token = this.descope.issueSessionJwt(alice());

		this.client.get()
			.uri("/api/orders")
			.cookie("DS", token)
			.header(USER_ID_HEADER, "U2Mallory")
			.exchange()
			.expectStatus()
			.isOk();

		RecordedRequest received = nextDownstreamRequest();
		assertThat(received.getHeaders().values(USER_ID_HEADER)).containsExactly(alice().userId());
		assertThat(received.getHeaders().get(HttpHeaders.COOKIE)).isEqualTo("DS=" + token);
	}

	@Test
	void routeWhenPostWithBearerSessionJwtThenRoutedWithoutCsrfToken() throws Exception {
		this.client.post()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.descope.issueSessionJwt(alice()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"item\":\"book\"}")
			.exchange()
			.expectStatus()
			.isOk();

		RecordedRequest received = nextDownstreamRequest();
		assertThat(received.getMethod()).isEqualTo("POST");
		assertThat(received.getBody().utf8()).isEqualTo("{\"item\":\"book\"}");
		assertThat(received.getHeaders().values(USER_ID_HEADER)).containsExactly(alice().userId());
	}

	@Test
	void routeWhenPostWithDsCookieButNoCsrfTokenThenForbiddenAndTheDownstreamIsNeverCalled() {
		this.client.post()
			.uri("/api/orders")
			.cookie("DS", this.descope.issueSessionJwt(alice()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"item\":\"book\"}")
			.exchange()
			.expectStatus()
			.isForbidden();

		assertThat(downstream.getRequestCount()).isEqualTo(this.downstreamCallsBefore);
	}

	@Test
	void routeWhenTheSessionJwtExpiredThenUnauthorizedInvalidTokenAndTheDownstreamIsNeverCalled() {
		String expired = this.descope.issueSessionJwt(alice(),
				(claims) -> claims.issueTime(Date.from(Instant.now().minusSeconds(1200)))
					.expirationTime(Date.from(Instant.now().minusSeconds(600))));

		bearer(expired).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");

		assertThat(downstream.getRequestCount()).isEqualTo(this.downstreamCallsBefore);
	}

	@Test
	void routeWhenTheSessionJwtIsSignedByAnotherKeyThenUnauthorizedAndTheDownstreamIsNeverCalled() throws Exception {
		RSAKey forger = new RSAKeyGenerator(2048).keyID(this.descope.signingKey().getKeyID()).generate();
		String forged = TestTokens.resign(this.descope.issueSessionJwt(alice()), forger);

		bearer(forged).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:descope-notp:problem:invalid-token");

		assertThat(downstream.getRequestCount()).isEqualTo(this.downstreamCallsBefore);
	}

	@Test
	void routeWhenAnExpiredDsCookieThenUnauthorizedAndTheDownstreamIsNeverCalled() {
		String expired = this.descope.issueSessionJwt(alice(),
				(claims) -> claims.issueTime(Date.from(Instant.now().minusSeconds(1200)))
					.expirationTime(Date.from(Instant.now().minusSeconds(600))));

		this.client.get()
			.uri("/api/orders")
			.accept(MediaType.APPLICATION_JSON)
			.cookie("DS", expired)
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(downstream.getRequestCount()).isEqualTo(this.downstreamCallsBefore);
	}

	private WebTestClient.ResponseSpec bearer(String token) {
		return this.client.get()
			.uri("/api/orders")
			.accept(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

	private static RecordedRequest nextDownstreamRequest() throws InterruptedException {
		RecordedRequest received = downstream.takeRequest(5, TimeUnit.SECONDS);
		assertThat(received).as("a request reached the downstream service").isNotNull();
		return received;
	}

}
