package com.descope.notp.core;

import java.time.Duration;
import java.util.Map;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeSessionManager}: the one refresh operation and logout, on no
 * web stack, against the Descope emulator over real HTTP with real RS256 keys.
 */
class DescopeSessionManagerTests {

	private static final String REFRESH = "/v1/auth/refresh";

	private DescopeEmulator emulator;

	private DescopeClient client;

	private DescopeSessionManager manager;

	private EmulatedUser alice;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId()).baseUrl(this.emulator.baseUrl()).build();
		JwtDecoder decoder = DescopeJwtDecoderBuilder
			.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(), this.emulator.projectId())
			.build();
		this.manager = new DescopeSessionManager(this.client, decoder);
		this.alice = this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	@AfterEach
	void stopEmulator() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void refreshWhenDescopeRefreshesThenRefreshedWithTheValidatedSessionJwtAndTheSameRefreshJwt() {
		String refreshJwt = this.emulator.issueRefreshJwt(this.alice);
		DescopeTokens previous = new DescopeTokens("old-session", refreshJwt, null, null, "example.test", "/");

		RefreshResult result = this.manager.refresh(refreshJwt, previous);

		assertThat(result).isInstanceOfSatisfying(RefreshResult.Refreshed.class, (refreshed) -> {
			Jwt jwt = refreshed.sessionJwt();
			assertThat(jwt.getSubject()).isEqualTo(this.alice.userId());
			assertThat(refreshed.tokens().sessionJwt()).isEqualTo(jwt.getTokenValue());
			assertThat(refreshed.tokens().refreshJwt()).isEqualTo(refreshJwt);
			assertThat(refreshed.tokens().sessionExpiresAt()).isEqualTo(jwt.getExpiresAt());
			assertThat(refreshed.rotated()).isFalse();
			assertThat(refreshed.toString()).doesNotContain(jwt.getTokenValue()).doesNotContain(refreshJwt);
		});
	}

	@Test
	void refreshWhenDescopeRotatesThenRefreshedWithTheNewRefreshJwt() {
		this.emulator.setRefreshTokenRotation(true);
		String refreshJwt = this.emulator.issueRefreshJwt(this.alice);

		RefreshResult result = this.manager.refresh(refreshJwt, null);

		assertThat(result).isInstanceOfSatisfying(RefreshResult.Refreshed.class, (refreshed) -> {
			assertThat(refreshed.rotated()).isTrue();
			assertThat(refreshed.tokens().refreshJwt()).isNotEqualTo(refreshJwt).startsWith("eyJ");
		});
	}

	@Test
	void refreshWhenDescopeRefusesThenRefusedWithItsErrorCode() {
		this.emulator.enqueueFailure(REFRESH, 401, null,
				"{\"errorCode\":\"E061301\",\"errorDescription\":\"Refresh token revoked\"}");

		RefreshResult result = this.manager.refresh(this.emulator.issueRefreshJwt(this.alice), null);

		assertThat(result).isEqualTo(new RefreshResult.Refused("E061301"));
	}

	@Test
	void refreshWhenDescopeIsDownThenUnavailableWithItsRetryAfterAndTheNextCallAsksAgain() {
		String refreshJwt = this.emulator.issueRefreshJwt(this.alice);
		// a Retry-After longer than the client waits for, so the client answers at once
		this.emulator.enqueueFailure(REFRESH, 503, Map.of("Retry-After", "7"), null);

		RefreshResult result = this.manager.refresh(refreshJwt, null);

		assertThat(result).isInstanceOfSatisfying(RefreshResult.Unavailable.class, (unavailable) -> {
			assertThat(unavailable.answer()).isNotNull();
			assertThat(unavailable.answer().code()).isEqualTo(503);
			assertThat(unavailable.answer().error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
		});
		assertThat(this.manager.refresh(refreshJwt, null)).isInstanceOf(RefreshResult.Refreshed.class);
	}

	@Test
	void refreshWhenTheNewSessionJwtDoesNotValidateThenRefused() {
		this.emulator.enqueueFailure(REFRESH, 200, Map.of("Content-Type", "application/json"),
				"{\"sessionJwt\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJVMiJ9.\"}");

		RefreshResult result = this.manager.refresh(this.emulator.issueRefreshJwt(this.alice), null);

		assertThat(result).isInstanceOf(RefreshResult.Refused.class);
	}

	@Test
	void refreshWhenTheSameRefreshJwtComesAgainWithinTheShareWindowThenDescopeIsAskedOnce() {
		String refreshJwt = this.emulator.issueRefreshJwt(this.alice);

		RefreshResult first = this.manager.refresh(refreshJwt, null);
		RefreshResult second = this.manager.refresh(refreshJwt, null);

		assertThat(((RefreshResult.Refreshed) second).sessionJwt().getTokenValue())
			.isEqualTo(((RefreshResult.Refreshed) first).sessionJwt().getTokenValue());
		assertThat(this.emulator.calls().stream().filter((call) -> call.path().equals(REFRESH)).count()).isEqualTo(1);
	}

	@Test
	void logoutWhenRevokedThenTheSharedAnswerIsForgottenAndAReplayIsRefused() {
		String refreshJwt = this.emulator.issueRefreshJwt(this.alice);
		assertThat(this.manager.refresh(refreshJwt, null)).isInstanceOf(RefreshResult.Refreshed.class);

		assertThat(this.manager.logout(refreshJwt, false).ok()).isTrue();

		assertThat(this.manager.refresh(refreshJwt, null)).isInstanceOf(RefreshResult.Refused.class);
	}

}
