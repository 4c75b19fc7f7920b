package com.descope.notp.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeHttpTransport} against a real HTTP server
 * ({@link MockWebServer}): what every call carries, which calls are retried, redirects,
 * TLS through an SSL bundle, and the {@link RestClient.Builder} it starts from (asked for
 * at the first call, or at once with an SSL bundle).
 */
class DescopeHttpTransportTests {

	private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private static final String REFRESH_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJkcm4iOiJEU1IifQ.cmVmcmVzaC1zaWduYXR1cmU";

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final MockWebServer server = new MockWebServer();

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final List<DescopeHttpTransport> transports = new ArrayList<>();

	@BeforeEach
	void startServer() throws Exception {
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.transports.forEach(DescopeHttpTransport::close);
		this.server.close();
	}

	@Test
	void postWhenCalledThenSendsProjectBearerSdkHeadersAndJsonBodyOverHttp11() throws Exception {
		this.server.enqueue(jsonAnswer(200, "{\"pendingRef\":\"ref\"}"));

		DescopeResponse<NotpLinkResponse> response = transport().post("/v1/auth/notp/whatsapp/signin", null,
				Map.of("loginId", "+15555550100"), NotpLinkResponse.class);

		assertThat(response.ok()).isTrue();
		assertThat(response.requireData().pendingRef()).isEqualTo("ref");
		RecordedRequest request = this.server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getRequestLine()).isEqualTo("POST /v1/auth/notp/whatsapp/signin HTTP/1.1");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PROJECT_ID);
		assertThat(request.getHeaders().get("x-descope-project-id")).isEqualTo(PROJECT_ID);
		assertThat(request.getHeaders().get("x-descope-sdk-name")).isEqualTo("spring-boot-notp");
		assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(request.getHeaders().get("Upgrade")).isNull();
		assertThat(request.getBody().utf8()).isEqualTo("{\"loginId\":\"+15555550100\"}");
	}

	@Test
	void postWhenRefreshJwtGivenThenSendsItAfterTheProjectIdInTheBearer() throws Exception {
		this.server.enqueue(jsonAnswer(200, "{}"));

		transport().post("/v1/auth/refresh", REFRESH_JWT, Map.of(), JwtResponse.class);

		RecordedRequest request = this.server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PROJECT_ID + ":" + REFRESH_JWT);
		assertThat(request.getBody().utf8()).isEqualTo("{}");
	}

	@Test
	void getWhenCalledThenSendsNoBodyAndNoContentType() throws Exception {
		this.server.enqueue(jsonAnswer(200, "{\"userId\":\"U1\"}"));

		DescopeResponse<DescopeUser> response = transport().get("/v1/auth/me", REFRESH_JWT, DescopeUser.class);

		assertThat(response.requireData().userId()).isEqualTo("U1");
		RecordedRequest request = this.server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getRequestLine()).isEqualTo("GET /v1/auth/me HTTP/1.1");
		assertThat(request.getHeaders().get("Content-Type")).isNull();
		assertThat(request.getBody()).isNull();
	}

	@Test
	void postAndGetWhenAnswered503ThenRetriedWithTheBackoff() {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, "{}"));
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, "{\"userId\":\"U1\"}"));
		DescopeHttpTransport transport = transport();

		assertThat(transport.post("/v1/auth/logout", REFRESH_JWT, Map.of(), JwtResponse.class).ok()).isTrue();
		assertThat(transport.get("/v1/auth/me", REFRESH_JWT, DescopeUser.class).ok()).isTrue();

		assertThat(this.server.getRequestCount()).isEqualTo(4);
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(7), Duration.ofMillis(7));
	}

	@Test
	void postOnceWhenAnswered503ThenNotRetried() {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(jsonAnswer(200, "{}"));

		DescopeResponse<JwtResponse> response = transport().postOnce("/v1/auth/notp/pending-session",
				Map.of("pendingRef", "ref"), JwtResponse.class);

		assertThat(response.code()).isEqualTo(503);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void callWhenDescopeRedirectsThenRedirectNotFollowed() {
		this.server.enqueue(new MockResponse.Builder().code(302)
			.addHeader("Location", this.server.url("/elsewhere").toString())
			.build());
		this.server.enqueue(jsonAnswer(200, "{\"sessionJwt\":\"from-elsewhere\"}"));

		DescopeResponse<JwtResponse> response = transport().post("/v1/auth/refresh", REFRESH_JWT, Map.of(),
				JwtResponse.class);

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(302);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void callWhenHttpsAndTheSslBundleTrustsTheCertificateThenAnswered(@TempDir Path directory) throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
		this.server.useHttps(certificate.serverContext().getSocketFactory());
		this.server.enqueue(jsonAnswer(200, "{\"userId\":\"U1\"}"));
		this.server.enqueue(jsonAnswer(200, "{\"userId\":\"U1\"}"));

		DescopeResponse<DescopeUser> trusted = transport(certificate.clientBundle(), RestClient.builder())
			.get("/v1/auth/me", REFRESH_JWT, DescopeUser.class);
		DescopeResponse<DescopeUser> untrusted = transport().get("/v1/auth/me", REFRESH_JWT, DescopeUser.class);

		assertThat(this.server.url("/").isHttps()).isTrue();
		assertThat(trusted.ok()).isTrue();
		assertThat(untrusted.ok()).isFalse();
		assertThat(untrusted.code()).isZero();
		assertThat(untrusted.error().errorCode()).isEqualTo(DescopeErrorCodes.TRANSPORT_FAILURE);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void callWhenRestClientBuilderCustomizedThenItsHeadersAndInterceptorsApplyButNotItsBaseUrl() throws Exception {
		this.server.enqueue(jsonAnswer(200, "{}"));
		RestClient.Builder application = RestClient.builder()
			.baseUrl("http://127.0.0.1:9")
			.defaultHeader("X-Application", "shop")
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().add("X-Intercepted", "yes");
				return execution.execute(request, body);
			});

		DescopeResponse<JwtResponse> response = transport(null, application).post("/v1/auth/logout", REFRESH_JWT,
				Map.of(), JwtResponse.class);

		assertThat(response.ok()).isTrue();
		RecordedRequest request = this.server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getHeaders().get("X-Application")).isEqualTo("shop");
		assertThat(request.getHeaders().get("X-Intercepted")).isEqualTo("yes");
	}

	@Test
	void transportWhenNoSslBundleThenAsksForItsBuilderOnceAtTheFirstCall() {
		this.server.enqueue(jsonAnswer(200, "{}"));
		this.server.enqueue(jsonAnswer(200, "{}"));
		AtomicInteger asked = new AtomicInteger();
		DescopeHttpTransport transport = transport(null, () -> {
			asked.incrementAndGet();
			return RestClient.builder();
		});

		assertThat(asked).hasValue(0);
		assertThat(transport.post("/v1/auth/logout", REFRESH_JWT, Map.of(), JwtResponse.class).ok()).isTrue();
		assertThat(asked).hasValue(1);
		assertThat(transport.post("/v1/auth/logout", REFRESH_JWT, Map.of(), JwtResponse.class).ok()).isTrue();
		assertThat(asked).hasValue(1);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void transportWhenSslBundleGivenThenAsksForItsBuilderAtOnce(@TempDir Path directory) throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
		AtomicInteger asked = new AtomicInteger();

		transport(certificate.clientBundle(), () -> {
			asked.incrementAndGet();
			return RestClient.builder();
		});

		assertThat(asked).hasValue(1);
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void postWhenCalledThenBodyWrittenByTheTransportsOwnDaemonThreads() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(jsonAnswer(200, "{}"));
		}
		DescopeHttpTransport transport = transport();

		for (int i = 0; i < 3; i++) {
			transport.post("/v1/auth/logout", REFRESH_JWT, Map.of(), JwtResponse.class);
		}

		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().startsWith("descope-notp-http-"))
			.isNotEmpty()
			.allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
	}

	private DescopeHttpTransport transport() {
		return transport(null, RestClient.builder());
	}

	private DescopeHttpTransport transport(@Nullable SslBundle sslBundle, RestClient.Builder builder) {
		return transport(sslBundle, () -> builder);
	}

	private DescopeHttpTransport transport(@Nullable SslBundle sslBundle, Supplier<RestClient.Builder> builder) {
		DescopeHttpTransport transport = new DescopeHttpTransport(PROJECT_ID,
				this.server.url("/").toString().replaceAll("/$", ""),
				DescopeHttpTransport.settings(Duration.ofSeconds(5), Duration.ofSeconds(5), sslBundle), builder, json,
				new DescopeAnswerReader(json, Clock.systemUTC()),
				new DescopeRetries(List.of(Duration.ofMillis(7)), this.sleeps::add));
		this.transports.add(transport);
		return transport;
	}

	private static MockResponse jsonAnswer(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

}
