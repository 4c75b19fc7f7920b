package com.descope.notp.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests that {@link DescopeClient} never writes a session JWT, a refresh JWT or a full
 * {@code pendingRef} to its log, even at {@code DEBUG}, nor to an exception message or a
 * {@code toString()}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DescopeClientLoggingTests {

	private static final String[] LOGGERS = { "com.descope.notp.client", "org.springframework.web.client",
			"org.springframework.http" };

	private static final String ADMIN_PHONE = "+15555550100";

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private DescopeEmulator emulator;

	private DescopeClient client;

	@BeforeEach
	void setUp() {
		for (String logger : LOGGERS) {
			this.loggingSystem.setLogLevel(logger, LogLevel.DEBUG);
		}
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.retryBackoff(List.of(Duration.ofMillis(10)))
			.build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.emulator.close();
		for (String logger : LOGGERS) {
			this.loggingSystem.setLogLevel(logger, null);
		}
	}

	@Test
	void wholeFlowAtDebugWhenFailuresAndRetriesThenNoTokenOrPendingRefInLogOrMessages(CapturedOutput output)
			throws IOException {
		List<String> secrets = new ArrayList<>();
		List<Object> shown = new ArrayList<>();

		DescopeResponse<NotpLinkResponse> started = this.client.signIn(ADMIN_PHONE, LoginOptions.NONE, null);
		String pendingRef = started.requireData().pendingRef();
		secrets.add(pendingRef);
		shown.add(started);
		DescopeResponse<JwtResponse> pending = this.client.getSession(pendingRef);
		assertThat(pending.isPending()).isTrue();
		shown.add(pending);
		assertThatIllegalStateException().isThrownBy(pending::requireData)
			.satisfies((ex) -> shown.add(ex.getMessage()));
		this.emulator.enqueueFailure("/v1/auth/notp/pending-session", 429, Map.of("Retry-After", "1"), null);
		shown.add(this.client.getSession(pendingRef));
		this.emulator.confirm(pendingRef);
		DescopeResponse<JwtResponse> session = this.client.getSession(pendingRef);
		JwtResponse tokens = session.requireData();
		secrets.add(tokens.sessionJwt());
		secrets.add(tokens.refreshJwt());
		shown.add(session);

		this.emulator.enqueueFailure("/v1/auth/refresh", 503, null, null);
		DescopeResponse<JwtResponse> refreshed = this.client.refresh(tokens.refreshJwt());
		secrets.add(refreshed.requireData().sessionJwt());
		shown.add(refreshed);
		this.emulator.enqueueFailure("/v1/auth/me", 503, null, null);
		this.emulator.enqueueFailure("/v1/auth/me", 503, null, null);
		shown.add(this.client.me(tokens.refreshJwt()));
		String otherRefreshJwt = this.emulator.issueRefreshJwt(admin());
		secrets.add(otherRefreshJwt);
		this.emulator.enqueueFailure("/v1/auth/logoutall", 401, Map.of("Content-Type", "application/json"),
				"{\"errorCode\":\"E064001\",\"errorDescription\":\"Token expired by logout\"}");
		shown.add(this.client.logoutAll(otherRefreshJwt));
		shown.add(this.client.logout(tokens.refreshJwt()));
		try (DescopeClient unreachable = unreachableClient()) {
			shown.add(unreachable.refresh(tokens.refreshJwt()));
		}

		assertThat(output.getAll()).contains("Descope POST /v1/auth/refresh answered 503; retry 1 of 1")
			.contains("Descope POST /v1/auth/notp/pending-session answered 200")
			.contains("got no answer");
		for (String secret : secrets) {
			assertThat(secret).hasSizeGreaterThan(16);
			assertThat(output.getAll()).doesNotContain(secret);
			for (String part : secret.split("\\.")) {
				if (part.length() > 16) {
					assertThat(output.getAll()).doesNotContain(part);
				}
			}
			for (Object value : shown) {
				assertThat(String.valueOf(value)).doesNotContain(secret);
			}
		}
	}

	private DescopeClient unreachableClient() throws IOException {
		int closedPort = TestTokens.closedLoopbackPort();
		return DescopeClient.builder(this.emulator.projectId()).baseUrl("http://127.0.0.1:" + closedPort).build();
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId(ADMIN_PHONE).orElseThrow();
	}

}
