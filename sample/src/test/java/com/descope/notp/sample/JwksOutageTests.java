package com.descope.notp.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.descope.notp.autoconfigure.DescopeProperties;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.NestedTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's JWKS endpoint failing, over real HTTP, each test on a fresh application
 * and emulator (the key cache and the emulator's queued failures are per application).
 * The windows are shortened through {@code descope.jwt.*}: keys are cached for 1 s,
 * refetched at most per 200 ms window, and kept through an outage for 3 s after the last
 * successful fetch. The session-token decoder is built from those settings as the
 * auto-configuration builds it, on the application's clock
 * ({@link ApplicationClockConfiguration}), which the emulator shares and the tests move
 * past a window instead of waiting for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "descope.jwt.jwks-cache-ttl=1s",
				"descope.jwt.jwks-rate-limit=200ms", "descope.jwt.jwks-outage-tolerance=3s" })
@Import({ ApplicationClockConfiguration.class, JwksOutageTests.DecoderOnTheApplicationClock.class })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class JwksOutageTests {

	private static final Duration CACHE_TTL = Duration.ofSeconds(1);

	private static final Duration RATE_LIMIT = Duration.ofMillis(200);

	private static final Duration OUTAGE_TOLERANCE = Duration.ofSeconds(3);

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	@Autowired
	MovableClock clock;

	@BeforeEach
	void stopTheClockForTheApplicationAndTheEmulator() {
		this.clock.standStill();
		this.emulator.setClock(this.clock);
	}

	@Test
	void requestWhenJwksAnswers500AfterKeysWereCachedThenValidTokensKeepWorking() {
		String token = session(this.emulator);
		assertThat(bearer(this.port, token).status()).isEqualTo(200);
		long fetches = jwksFetches(this.emulator);
		failJwks(this.emulator, 10);
		// the cached keys expire, the last good ones are kept through the outage
		this.clock.advance(OUTAGE_TOLERANCE.minusMillis(1));

		Response asBearer = bearer(this.port, token);
		Response asCookie = cookie(this.port, session(this.emulator));

		assertThat(asBearer.status()).as(asBearer.body()).isEqualTo(200);
		assertThat(asCookie.status()).as(asCookie.body()).isEqualTo(200);
		assertThat(jwksFetches(this.emulator)).as("the expired cache was refetched, and failed").isGreaterThan(fetches);
	}

	@Test
	void requestWhenJwksOutageOutlastsOutageToleranceThenServiceUnavailable() {
		String token = session(this.emulator);
		assertThat(bearer(this.port, token).status()).isEqualTo(200);
		failJwks(this.emulator, 20);
		this.clock.advance(OUTAGE_TOLERANCE);

		Response response = bearer(this.port, token);

		assertServiceUnavailable(response);
	}

	@Test
	void requestWhenJwksFailsWithNothingCachedThenServiceUnavailableUntilItAnswersAgain() {
		assertThat(new Browser(this.port).get("/", "text/html").status()).as("the application started").isEqualTo(200);
		assertThat(jwksFetches(this.emulator)).as("nothing is fetched at start-up").isZero();
		failJwks(this.emulator, 2);
		String token = session(this.emulator);

		Response first = bearer(this.port, token);
		Response second = bearer(this.port, token);
		Response third = bearer(this.port, token);

		assertServiceUnavailable(first);
		assertServiceUnavailable(second);
		assertServiceUnavailable(third);
		assertThat(jwksFetches(this.emulator)).as("two fetches per rate-limit window").isEqualTo(2);
		this.clock.advance(RATE_LIMIT);
		Response recovered = bearer(this.port, token);
		assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
		assertThat(jwksFetches(this.emulator)).isEqualTo(3);
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

	/**
	 * With the default windows (keys cached 10 min, rate limit 30 s): once the cache is
	 * warm, a flood of tokens naming unknown {@code kid}s causes at most one JWKS fetch
	 * in the window, and a window later such tokens refetch again, twice.
	 */
	@Nested
	@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "descope.dev-emulator.skip.in-tests=false", "descope.jwt.jwks-rate-limit=30s" })
	@Import({ ApplicationClockConfiguration.class, DecoderOnTheApplicationClock.class })
	@DirtiesContext
	class DefaultWindows {

		@LocalServerPort
		int port;

		@Autowired
		DescopeEmulator emulator;

		@Autowired
		MovableClock clock;

		private RSAKey impostor;

		@BeforeEach
		void generateImpostorKeyAndStopTheClock() throws Exception {
			this.impostor = new RSAKeyGenerator(2048).keyID("SKimpostor").generate();
			this.clock.standStill();
			this.emulator.setClock(this.clock);
		}

		@Test
		void requestFloodWhenRandomUnknownKidsThenAtMostOneJwksFetchPerRateLimitWindow() throws Exception {
			String valid = session(this.emulator);
			assertThat(bearer(this.port, valid).status()).isEqualTo(200);
			long fetchesBefore = jwksFetches(this.emulator);
			List<String> flood = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				flood.add(impostor(valid));
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

			// the clock stands still: the whole flood falls in the window the first fetch
			// opened
			assertThat(statuses).hasSize(200).containsOnly(401);
			assertThat(jwksFetches(this.emulator) - fetchesBefore).as("JWKS fetches during the flood")
				.isLessThanOrEqualTo(1);
			assertThat(bearer(this.port, valid).status()).isEqualTo(200);
			long afterFlood = jwksFetches(this.emulator);

			// a window later, with the keys still cached (10 min), unknown kids refetch
			// again: twice per window, the fetch that opens it included
			this.clock.advance(Duration.ofSeconds(30));
			for (int i = 0; i < 3; i++) {
				assertThat(bearer(this.port, impostor(valid)).status()).isEqualTo(401);
			}
			assertThat(jwksFetches(this.emulator) - afterFlood).as("JWKS fetches in the next window").isEqualTo(2);
		}

		private String impostor(String valid) {
			return TestTokens.resign(valid, "SK" + UUID.randomUUID().toString().replace("-", ""), this.impostor);
		}

	}

	/**
	 * The session-token decoder as the auto-configuration builds it from
	 * {@code descope.jwt.*} and the client, on the application's clock.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DecoderOnTheApplicationClock {

		@Bean
		JwtDecoder jwtDecoder(DescopeProperties properties, DescopeClient descopeClient, MovableClock clock) {
			DescopeProperties.Jwt jwt = properties.getJwt();
			return DescopeJwtDecoderBuilder.withJwkSetUri(descopeClient.getJwksUri(), descopeClient.getProjectId())
				.algorithms(jwt.getAlgorithms())
				.clockSkew(jwt.getClockSkew())
				.jwksCacheTtl(jwt.getJwksCacheTtl())
				.jwksRateLimit(jwt.getJwksRateLimit())
				.jwksOutageTolerance(jwt.getJwksOutageTolerance())
				.verifiedTokenCacheSize(jwt.getVerifiedTokenCacheSize())
				.timeouts(properties.getHttp().getConnectTimeout(), properties.getHttp().getReadTimeout())
				.clock(clock)
				.build();
		}

	}

}
