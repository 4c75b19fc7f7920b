package com.descope.notp.sample;

import java.time.Duration;

import com.descope.notp.autoconfigure.DescopeProperties;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.jwt.DescopeJwksState;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's health endpoint with the starter's {@code descope} indicator, over real
 * HTTP against the dev emulator, each test on a fresh application: public, its status
 * alone for anonymous probes and its details (keys cached, no secret) for a signed-in
 * user; {@code DEGRADED} answered {@code 200} while the JWKS fails and its last keys are
 * served (the sample ranks it in {@code management.endpoint.health.status.order}, so the
 * aggregate says it too); {@code DOWN} answered {@code 503} once no keys can be had; and
 * checking it adds no call to Descope. The JWKS windows are shortened through
 * {@code descope.jwt.*} (keys cached 1 s, kept through an outage 3 s) and the decoder
 * runs on the application's clock, which the tests move instead of waiting, with the JWKS
 * state the auto-configured indicator reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "descope.jwt.jwks-cache-ttl=1s",
				"descope.jwt.jwks-rate-limit=200ms", "descope.jwt.jwks-outage-tolerance=3s" })
@Import({ ApplicationClockConfiguration.class, HealthEndpointTests.DecoderOnTheApplicationClock.class })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class HealthEndpointTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration CACHE_TTL = Duration.ofSeconds(1);

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
	void healthWhenKeysAreCachedThenUpForProbesAndTheDetailsForSignedInUsers() {
		Response before = anonymous("/actuator/health/descope");
		assertThat(before.status()).as(before.body()).isEqualTo(200);
		assertThat(json(before).path("status").asString()).isEqualTo("UNKNOWN");
		String token = session();
		assertThat(new Browser(this.port).getWithBearer("/api/me", token).status()).isEqualTo(200);

		Response probe = anonymous("/actuator/health/descope");
		Response signedIn = new Browser(this.port).getWithBearer("/actuator/health/descope", token);

		assertThat(probe.status()).as(probe.body()).isEqualTo(200);
		assertThat(json(probe).path("status").asString()).isEqualTo("UP");
		assertThat(json(probe).has("details")).isFalse();
		assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
		JsonNode details = json(signedIn).path("details");
		assertThat(details.path("projectId").asString()).isEqualTo(this.emulator.projectId());
		assertThat(details.path("jwks").path("status").asString()).isEqualTo("UP");
		assertThat(details.path("jwks").path("keys").asInt()).isEqualTo(1);
		for (String part : token.split("\\.")) {
			assertThat(signedIn.body()).doesNotContain(part);
		}
	}

	@Test
	void healthWhenCheckedOverAndOverThenNoCallToDescope() {
		assertThat(new Browser(this.port).getWithBearer("/api/me", session()).status()).isEqualTo(200);
		int calls = this.emulator.calls().size();

		for (int i = 0; i < 20; i++) {
			this.clock.advance(CACHE_TTL);
			assertThat(anonymous("/actuator/health").status()).isEqualTo(200);
			assertThat(anonymous("/actuator/health/descope").status()).isEqualTo(200);
		}

		assertThat(this.emulator.calls()).hasSize(calls);
	}

	@Test
	void healthWhenTheJwksFailsAfterKeysWereCachedThenDegradedAnswered200() {
		assertThat(new Browser(this.port).getWithBearer("/api/me", session()).status()).isEqualTo(200);
		failJwks(10);
		this.clock.advance(CACHE_TTL.plusMillis(1));
		Response served = new Browser(this.port).getWithBearer("/api/me", session());
		assertThat(served.status()).as("a token validated with the cached keys: " + served.body()).isEqualTo(200);

		Response descope = anonymous("/actuator/health/descope");
		Response aggregate = anonymous("/actuator/health");

		assertThat(descope.status()).as(descope.body()).isEqualTo(200);
		assertThat(json(descope).path("status").asString()).isEqualTo("DEGRADED");
		assertThat(aggregate.status()).as(aggregate.body()).isEqualTo(200);
		assertThat(json(aggregate).path("status").asString()).isEqualTo("DEGRADED");
	}

	@Test
	void healthWhenTheJwksOutageOutlastsTheToleranceThenDownAnswered503() {
		assertThat(new Browser(this.port).getWithBearer("/api/me", session()).status()).isEqualTo(200);
		failJwks(20);
		this.clock.advance(OUTAGE_TOLERANCE.plus(CACHE_TTL));
		assertThat(new Browser(this.port).getWithBearer("/api/me", session()).status()).isEqualTo(503);

		Response descope = anonymous("/actuator/health/descope");
		Response aggregate = anonymous("/actuator/health");

		assertThat(descope.status()).as(descope.body()).isEqualTo(503);
		assertThat(json(descope).path("status").asString()).isEqualTo("DOWN");
		assertThat(aggregate.status()).as(aggregate.body()).isEqualTo(503);
		assertThat(json(aggregate).path("status").asString()).isEqualTo("DOWN");
	}

	private Response anonymous(String path) {
		return new Browser(this.port).get(path, "application/json");
	}

	private static JsonNode json(Response response) {
		return JSON.readTree(response.body());
	}

	private void failJwks(int times) {
		for (int i = 0; i < times; i++) {
			this.emulator.enqueueFailure("/v2/keys/" + this.emulator.projectId(), 503, null, null);
		}
	}

	private String session() {
		EmulatedUser alice = this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow();
		return this.emulator.issueSessionJwt(alice);
	}

	/**
	 * The session-token decoder as the auto-configuration builds it from
	 * {@code descope.jwt.*} and the client, on the application's clock, recording in the
	 * JWKS state that the auto-configured health indicator reads (as an application with
	 * a decoder of its own does).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DecoderOnTheApplicationClock {

		@Bean
		DescopeJwksState descopeJwksState() {
			return new DescopeJwksState();
		}

		@Bean
		JwtDecoder jwtDecoder(DescopeProperties properties, DescopeClient descopeClient, MovableClock clock,
				DescopeJwksState descopeJwksState) {
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
				.jwksState(descopeJwksState)
				.build();
		}

	}

}
