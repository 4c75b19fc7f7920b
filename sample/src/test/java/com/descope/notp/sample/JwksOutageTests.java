package com.descope.notp.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.NestedTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's JWKS endpoint failing, over real HTTP, each test on a fresh application
 * and emulator (the key cache and the emulator's queued failures are per application).
 * The windows are shortened through {@code descope.jwt.*}: keys are cached for 1 s,
 * refetched at most per 200 ms window, and kept through an outage for 3 s after the last
 * successful fetch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "descope.jwt.jwks-cache-ttl=1s",
				"descope.jwt.jwks-rate-limit=200ms", "descope.jwt.jwks-outage-tolerance=3s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class JwksOutageTests {

	private static final Duration CACHE_TTL = Duration.ofSeconds(1);

	private static final Duration RATE_LIMIT = Duration.ofMillis(200);

	private static final Duration OUTAGE_TOLERANCE = Duration.ofSeconds(3);

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	@Test
	void requestWhenJwksAnswers500AfterKeysWereCachedThenValidTokensKeepWorking() throws Exception {
		String token = session(this.emulator);
		assertThat(bearer(this.port, token).status()).isEqualTo(200);
		Instant fetched = Instant.now(); // the keys were fetched and cached before the
											// answer
		long fetches = jwksFetches(this.emulator);
		failJwks(this.emulator, 10);
		sleepUntil(fetched.plus(CACHE_TTL).plusMillis(100));

		Response asBearer = bearer(this.port, token);
		Response asCookie = cookie(this.port, session(this.emulator));

		assertThat(asBearer.status()).as(asBearer.body()).isEqualTo(200);
		assertThat(asCookie.status()).as(asCookie.body()).isEqualTo(200);
		assertThat(jwksFetches(this.emulator)).as("the expired cache was refetched, and failed").isGreaterThan(fetches);
	}

	@Test
	void requestWhenJwksOutageOutlastsOutageToleranceThenServiceUnavailable() throws Exception {
		String token = session(this.emulator);
		assertThat(bearer(this.port, token).status()).isEqualTo(200);
		Instant fetched = Instant.now(); // the keys were fetched and cached before the
											// answer
		failJwks(this.emulator, 20);
		sleepUntil(fetched.plus(OUTAGE_TOLERANCE).plusMillis(100));

		Response response = bearer(this.port, token);

		assertServiceUnavailable(response);
	}

	@Test
	void requestWhenJwksFailsWithNothingCachedThenServiceUnavailableUntilItAnswersAgain() throws Exception {
		assertThat(new Browser(this.port).get("/", "text/html").status()).as("the application started").isEqualTo(200);
		assertThat(jwksFetches(this.emulator)).as("nothing is fetched at start-up").isZero();
		failJwks(this.emulator, 2);
		String token = session(this.emulator);

		Response first = bearer(this.port, token);
		Response second = bearer(this.port, token);

		assertServiceUnavailable(first);
		assertServiceUnavailable(second);
		assertThat(jwksFetches(this.emulator)).isEqualTo(2);
		sleepUntil(Instant.now().plus(RATE_LIMIT).plusMillis(50));
		Response recovered = bearer(this.port, token);
		assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
	}

	private static void assertServiceUnavailable(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.header("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
		assertThat(SessionTestSupport.problemType(response)).isEqualTo("urn:descope-notp:problem:descope-unavailable");
		assertThat(response.header("WWW-Authenticate")).isEmpty();
	}

	private static void failJwks(DescopeEmulator emulator, int times) {
		for (int i = 0; i < times; i++) {
			emulator.enqueueFailure("/v2/keys/" + emulator.projectId(), 500, null, "{\"errorCode\":\"E000000\"}");
		}
	}

	private static long jwksFetches(DescopeEmulator emulator) {
		return emulator.calls().stream().filter((call) -> call.path().startsWith("/v2/keys/")).count();
	}

	private static String session(DescopeEmulator emulator) {
		EmulatedUser alice = emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow();
		return emulator.issueSessionJwt(alice);
	}

	private static Response bearer(int port, String token) {
		return new Browser(port).getWithBearer("/api/me", token);
	}

	private static Response cookie(int port, String token) {
		return new Browser(port).getWithCookieHeader("/api/me", "DS=" + token);
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		long millis = Duration.between(Instant.now(), instant).toMillis();
		if (millis > 0) {
			Thread.sleep(millis);
		}
	}

	/**
	 * With the default windows (keys cached 10 min, rate limit 30 s): once the cache is
	 * warm, a flood of tokens naming unknown {@code kid}s causes at most one JWKS fetch
	 * in the window.
	 */
	@Nested
	@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "descope.dev-emulator.skip.in-tests=false", "descope.jwt.jwks-rate-limit=30s" })
	@DirtiesContext
	class DefaultWindows {

		@LocalServerPort
		int port;

		@Autowired
		DescopeEmulator emulator;

		private RSAKey impostor;

		@BeforeEach
		void generateImpostorKey() throws Exception {
			this.impostor = new RSAKeyGenerator(2048).keyID("SKimpostor").generate();
		}

		@Test
		void requestFloodWhenRandomUnknownKidsThenAtMostOneJwksFetchPerRateLimitWindow() throws Exception {
			String valid = session(this.emulator);
			assertThat(bearer(this.port, valid).status()).isEqualTo(200);
			Instant windowOpened = Instant.now();
			long fetchesBefore = jwksFetches(this.emulator);
			List<String> flood = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				flood
					.add(TestTokens.resign(valid, "SK" + UUID.randomUUID().toString().replace("-", ""), this.impostor));
			}

			List<Integer> statuses = new ArrayList<>();
			ExecutorService executor = Executors.newFixedThreadPool(16);
			try {
				List<Future<Integer>> answers = new ArrayList<>();
				for (String token : flood) {
					answers.add(executor.submit(() -> bearer(this.port, token).status()));
				}
				for (Future<Integer> answer : answers) {
					statuses.add(answer.get());
				}
			}
			finally {
				executor.shutdownNow();
			}

			assertThat(Duration.between(windowOpened, Instant.now())).as("the flood fits in one window")
				.isLessThan(Duration.ofSeconds(30));
			assertThat(statuses).hasSize(200).containsOnly(401);
			assertThat(jwksFetches(this.emulator) - fetchesBefore).as("JWKS fetches during the flood")
				.isLessThanOrEqualTo(1);
			assertThat(bearer(this.port, valid).status()).isEqualTo(200);
		}

	}

}
