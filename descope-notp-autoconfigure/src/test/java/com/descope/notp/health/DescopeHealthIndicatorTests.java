package com.descope.notp.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.jwt.DescopeJwksState;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DescopeHealthIndicator} over a real session-token decoder and a real client,
 * against the Descope emulator over HTTP, on a clock the test moves past the JWKS cache,
 * rate limit and outage tolerance instead of waiting: {@code UNKNOWN} before anything was
 * asked, {@code UP} with the keys cached, {@code DEGRADED} while the JWKS fails and its
 * last keys are served, {@code DOWN} when no keys can be had or the API fails, back to
 * {@code UP} when they answer again; checking health adds no call to Descope, and the
 * details hold no token nor key material.
 */
class DescopeHealthIndicatorTests {

	private static final Duration CACHE_TTL = Duration.ofSeconds(40);

	private static final Duration RATE_LIMIT = Duration.ofSeconds(1);

	private static final Duration OUTAGE_TOLERANCE = Duration.ofMinutes(5);

	private final MovableClock clock = MovableClock.standingAt(Instant.parse("2026-03-01T10:00:00Z"));

	private DescopeEmulator emulator;

	private DescopeClient client;

	private JwtDecoder decoder;

	private DescopeHealthIndicator indicator;

	@BeforeEach
	void setUp() {
		this.emulator = DescopeEmulator.start();
		this.emulator.setClock(this.clock);
		DescopeJwksState state = new DescopeJwksState();
		// a time-to-live under 45 s: no refresh ahead of expiry in the background
		this.decoder = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri(), this.emulator.projectId())
			.jwksCacheTtl(CACHE_TTL)
			.jwksRateLimit(RATE_LIMIT)
			.jwksOutageTolerance(OUTAGE_TOLERANCE)
			.clock(this.clock)
			.jwksState(state)
			.build();
		this.client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.clock(this.clock)
			.build();
		this.indicator = new DescopeHealthIndicator(this.client, state, this.clock);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void healthWhenNothingWasFetchedNorCalledThenUnknownWithoutCallingDescope() {
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("projectId", this.emulator.projectId())
			.containsEntry("jwks", Map.of("status", "UNKNOWN"))
			.containsEntry("api", Map.of("status", "UNKNOWN"));
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void healthWhenKeysAreCachedAndTheApiAnswersThenUpWithTheKeysAndTheirAge() {
		String token = this.emulator.issueSessionJwt(admin());
		this.decoder.decode(token);
		assertThat(this.client.refresh(this.emulator.issueRefreshJwt(admin())).ok()).isTrue();
		this.clock.advance(Duration.ofSeconds(7));

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("projectId", this.emulator.projectId())
			.containsEntry("jwks",
					Map.of("status", "UP", "keys", 1, "fetchedAt", "2026-03-01T10:00:00Z", "ageSeconds", 7L))
			.containsEntry("api", Map.of("status", "UP"));
		String details = health.getDetails().toString();
		for (String part : token.split("\\.")) {
			assertThat(details).doesNotContain(part);
		}
		assertThat(details).doesNotContain(this.emulator.signingKey().getKeyID())
			.doesNotContain(this.emulator.signingKey().getModulus().toString());
	}

	@Test
	void healthWhenCheckedEverySecondThenNoCallToDescope() {
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		int calls = this.emulator.calls().size();

		// ten minutes of checks, well past the time-to-live of the cached keys
		for (int second = 0; second < 600; second++) {
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		}

		assertThat(this.emulator.calls()).hasSize(calls);
		assertThat(this.indicator.health().getDetails()).extractingByKey("jwks")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("ageSeconds", 600L);
	}

	@Test
	void healthWhenTheJwksFailsAfterKeysWereCachedThenDegradedWhileItsKeysAreServed() {
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		failJwks(10);
		this.clock.advance(CACHE_TTL.plusSeconds(1));

		assertThat(this.decoder.decode(this.emulator.issueSessionJwt(admin())).getSubject())
			.isEqualTo(admin().userId());
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(DescopeHealthIndicator.DEGRADED);
		assertThat(health.getDetails()).containsEntry("jwks",
				Map.of("status", "DEGRADED", "keys", 1, "fetchedAt", "2026-03-01T10:00:00Z", "ageSeconds", 41L,
						"failingSince", "2026-03-01T10:00:41Z", "failure", "HTTP 503"));
		assertThat(jwksFetches()).isEqualTo(2);
	}

	@Test
	void healthWhenTheJwksAnswersAgainThenUp() {
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		failJwks(1);
		this.clock.advance(CACHE_TTL.plusSeconds(1));
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		assertThat(this.indicator.health().getStatus()).isEqualTo(DescopeHealthIndicator.DEGRADED);

		this.clock.advance(CACHE_TTL.plusSeconds(1));
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("jwks",
				Map.of("status", "UP", "keys", 1, "fetchedAt", "2026-03-01T10:01:22Z", "ageSeconds", 0L));
		assertThat(jwksFetches()).isEqualTo(3);
	}

	@Test
	void healthWhenTheJwksNeverAnsweredThenDown() {
		failJwks(1);

		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> this.decoder.decode(this.emulator.issueSessionJwt(admin())))
			.isNotInstanceOf(BadJwtException.class);
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("jwks",
				Map.of("status", "DOWN", "failingSince", "2026-03-01T10:00:00Z", "failure", "HTTP 503"));
	}

	@Test
	void healthWhenTheJwksOutageOutlastsTheToleranceThenDown() {
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		failJwks(10);
		this.clock.advance(CACHE_TTL.plusSeconds(1));
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		assertThat(this.indicator.health().getStatus()).isEqualTo(DescopeHealthIndicator.DEGRADED);

		this.clock.advance(OUTAGE_TOLERANCE);
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> this.decoder.decode(this.emulator.issueSessionJwt(admin())))
			.isNotInstanceOf(BadJwtException.class);
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).extractingByKey("jwks")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("status", "DOWN")
			.containsEntry("keys", 1)
			.containsEntry("failingSince", "2026-03-01T10:00:41Z");
	}

	@Test
	void healthWhenTheApiFailsThenDownUntilItAnswersAgain() {
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));
		this.emulator.enqueueFailure("/v1/auth/refresh", 500, null, null);
		String refreshJwt = this.emulator.issueRefreshJwt(admin());

		assertThat(this.client.refresh(refreshJwt).ok()).isFalse();
		Health down = this.indicator.health();
		assertThat(this.client.refresh(refreshJwt).ok()).isTrue();
		Health up = this.indicator.health();

		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("api",
				Map.of("status", "DOWN", "failure", "HTTP 500", "failedCalls", 1L));
		assertThat(down.getDetails().toString()).doesNotContain(refreshJwt.split("\\.")[1]);
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("api", Map.of("status", "UP"));
	}

	@Test
	void healthWhenTheApplicationDecodesWithADecoderOfItsOwnThenTheApiAlone() {
		DescopeHealthIndicator apiOnly = new DescopeHealthIndicator(this.client, null);
		this.client.refresh(this.emulator.issueRefreshJwt(admin()));

		Health health = apiOnly.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).doesNotContainKey("jwks").containsEntry("api", Map.of("status", "UP"));
	}

	private void failJwks(int times) {
		for (int i = 0; i < times; i++) {
			this.emulator.enqueueFailure("/v2/keys/" + this.emulator.projectId(), 503, null, null);
		}
	}

	private long jwksFetches() {
		return this.emulator.calls().stream().filter((call) -> call.path().startsWith("/v2/keys/")).count();
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	private String jwksUri() {
		return this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId();
	}

}
