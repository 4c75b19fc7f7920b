package com.descope.notp.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.descope.notp.client.DescopeAvailability;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the session-token decoder of {@link DescopeJwtDecoderBuilder} tells
 * operators when the project's JWKS becomes unavailable and when it answers again: every
 * failed key fetch of an outage together is one {@code WARN} naming the JWKS URI and the
 * kind of failure, the first fetch that works one {@code INFO}; neither holds a token.
 * Real HTTP against the Descope emulator, on a clock the test moves past the JWKS rate
 * limit instead of waiting.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwksOutageLoggingTests {

	private static final Duration RATE_LIMIT = Duration.ofMillis(200);

	private final MovableClock clock = MovableClock.standingAt(Instant.now());

	private DescopeEmulator emulator;

	private JwtDecoder decoder;

	@BeforeEach
	void setUp() {
		this.emulator = DescopeEmulator.start();
		this.emulator.setClock(this.clock);
		this.decoder = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri(), this.emulator.projectId())
			.jwksRateLimit(RATE_LIMIT)
			.clock(this.clock)
			.build();
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
	}

	@Test
	void decodeWhenTheJwksFailsSeveralFetchesThenOneWarnAndOneInfoWhenItAnswers(CapturedOutput output) {
		String token = this.emulator.issueSessionJwt(admin());
		String keysPath = "/v2/keys/" + this.emulator.projectId();
		for (int i = 0; i < 3; i++) {
			this.emulator.enqueueFailure(keysPath, 503, null, null);
		}

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(token))
				.isNotInstanceOf(BadJwtException.class);
			this.clock.advance(RATE_LIMIT.plusMillis(1));
		}
		assertThat(jwksFetches()).isEqualTo(3);
		assertThat(lines(output, "WARN")).singleElement()
			.asString()
			.contains("Descope's JWKS at " + jwksUri() + " is unavailable (HTTP 503)");
		assertThat(lines(output, "INFO")).isEmpty();

		assertThat(this.decoder.decode(token).getSubject()).isEqualTo(admin().userId());
		assertThat(this.decoder.decode(this.emulator.issueSessionJwt(admin())).getSubject())
			.isEqualTo(admin().userId());

		assertThat(lines(output, "WARN")).hasSize(1);
		assertThat(lines(output, "INFO")).singleElement()
			.asString()
			.contains("Descope's JWKS at " + jwksUri() + " answers again, after 3 failed calls");
		for (String part : token.split("\\.")) {
			assertThat(output.getAll()).doesNotContain(part);
		}
	}

	@Test
	void decodeWhenTheJwksAnswersThenNoOutageIsLogged(CapturedOutput output) {
		this.decoder.decode(this.emulator.issueSessionJwt(admin()));

		assertThat(lines(output, "WARN")).isEmpty();
		assertThat(lines(output, "INFO")).isEmpty();
	}

	private static List<String> lines(CapturedOutput output, String level) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(DescopeAvailability.class.getSimpleName()) && line.contains(level))
			.toList();
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
