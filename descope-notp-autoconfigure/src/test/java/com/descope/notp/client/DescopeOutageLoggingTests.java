package com.descope.notp.client;

import java.util.List;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link DescopeClient}'s transport tells operators when Descope's API becomes
 * unavailable and when it answers again, over real HTTP against the Descope emulator: an
 * outage of many polls (server errors, or no answer at all) is one {@code WARN} naming
 * the base URL, its end one {@code INFO}; answers that are no outage (pending, a
 * {@code 429}) log nothing at those levels; no line holds a phone number, a
 * {@code pendingRef} or a token.
 */
@ExtendWith(OutputCaptureExtension.class)
class DescopeOutageLoggingTests {

	private static final String PHONE = "+15555550100";

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private DescopeEmulator emulator;

	private DescopeClient client;

	@BeforeEach
	void setUp() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.retryBackoff(List.of())
			.build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void getSessionWhenDescopeFailsTenPollsThenOneWarnAndOneInfoOnItsFirstAnswer(CapturedOutput output) {
		String pendingRef = this.client.signIn(PHONE, LoginOptions.NONE, null).requireData().pendingRef();
		for (int i = 0; i < 10; i++) {
			this.emulator.enqueueFailure(PENDING_SESSION, 503, null, null);
		}

		for (int i = 0; i < 10; i++) {
			assertThat(this.client.getSession(pendingRef).isTransientFailure()).isTrue();
		}
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Descope's API at " + this.emulator.baseUrl() + " is unavailable (HTTP 503)");
		assertThat(recoveries(output)).isEmpty();

		this.emulator.confirm(pendingRef);
		String sessionJwt = this.client.getSession(pendingRef).requireData().sessionJwt();
		this.client.getSession(pendingRef);

		assertThat(warnings(output)).hasSize(1);
		assertThat(recoveries(output)).singleElement()
			.asString()
			.contains("Descope's API at " + this.emulator.baseUrl() + " answers again, after 10 failed calls");
		assertThat(String.join("\n", warnings(output)) + String.join("\n", recoveries(output))).doesNotContain(PHONE,
				PHONE.substring(1), pendingRef, sessionJwt, this.emulator.projectId() + ":");
	}

	@Test
	void getSessionWhenPendingOrRateLimitedThenNoOutageIsLogged(CapturedOutput output) {
		String pendingRef = this.client.signIn(PHONE, LoginOptions.NONE, null).requireData().pendingRef();
		this.emulator.enqueueFailure(PENDING_SESSION, 429, null, null);

		assertThat(this.client.getSession(pendingRef).code()).isEqualTo(429);
		assertThat(this.client.getSession(pendingRef).isPending()).isTrue();

		assertThat(warnings(output)).isEmpty();
		assertThat(recoveries(output)).isEmpty();
	}

	@Test
	void callsWhenDescopeCannotBeReachedThenOneWarnNamingTheKindOfFailure(CapturedOutput output) {
		String baseUrl = "http://127.0.0.1:" + TestTokens.closedLoopbackPort();
		try (DescopeClient unreachable = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(baseUrl)
			.retryBackoff(List.of())
			.build()) {
			for (int i = 0; i < 5; i++) {
				assertThat(unreachable.signIn(PHONE, LoginOptions.NONE, null).code()).isZero();
			}
		}

		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Descope's API at " + baseUrl + " is unavailable (ConnectException)")
			.doesNotContain(PHONE)
			.doesNotContain(PHONE.substring(1));
	}

	private static List<String> warnings(CapturedOutput output) {
		return lines(output, "WARN");
	}

	private static List<String> recoveries(CapturedOutput output) {
		return lines(output, "INFO");
	}

	private static List<String> lines(CapturedOutput output, String level) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(DescopeAvailability.class.getSimpleName()) && line.contains(level))
			.toList();
	}

}
