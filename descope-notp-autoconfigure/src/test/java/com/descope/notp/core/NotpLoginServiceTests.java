package com.descope.notp.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.LoginOptions;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.limits.InMemoryKeyedRateLimiter;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.limits.RateLimit;
import com.descope.notp.limits.StartLimits;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotpLoginService}: starting a login on no web stack, against the
 * Descope emulator over real HTTP, with its {@link NotpStartGuard} refusing starts past a
 * limit or of a denied region before any call to Descope.
 */
class NotpLoginServiceTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final String ALICE = "+15555550100";

	private static final LoginOptions STEP_UP = new LoginOptions(true, null, null, null, null, null, null, null, null);

	private DescopeEmulator emulator;

	private DescopeClient client;

	private NotpLoginService service;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId()).baseUrl(this.emulator.baseUrl()).build();
		this.service = new NotpLoginService(this.client, Duration.ofMinutes(10));
		this.service.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@AfterEach
	void stopEmulator() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void startWhenDescopeStartsTheFlowThenStartedWithTheFlowDatedByTheClock() {
		NotpStartResult result = this.service.start(signIn(ALICE, LoginOptions.NONE), null, null);

		assertThat(result).isInstanceOfSatisfying(NotpStartResult.Started.class, (started) -> {
			assertThat(started.link().pendingRef()).isEqualTo(this.emulator.lastFlow().pendingRef());
			assertThat(started.flow().pendingRef()).isEqualTo(started.link().pendingRef());
			assertThat(started.flow().method()).isEqualTo(NotpMethod.SIGN_IN);
			assertThat(started.flow().createdAt()).isEqualTo(NOW);
			assertThat(started.flow().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
		});
	}

	@Test
	void startWhenAStepUpHasNoRefreshJwtThenRejectedWithoutCallingDescope() {
		NotpStartResult result = this.service.start(signIn(ALICE, STEP_UP), null, null);

		assertThat(result).isEqualTo(new NotpStartResult.Rejected(NotpStartResult.Reason.SIGN_IN_REQUIRED));
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void startWhenAStepUpNamesAnotherNumberThanTheSignedInUsersThenRejectedWithoutCallingDescope() {
		String refreshJwt = this.emulator.issueRefreshJwt(this.emulator.findUserByLoginId(ALICE).orElseThrow());
		DescopePrincipal alice = new DescopePrincipal("U2alice", List.of(ALICE), null, ALICE, null, List.of(),
				List.of(), Map.of(), List.of("whatsapp"), false);

		NotpStartResult result = this.service.start(signIn("+15555550101", STEP_UP), refreshJwt,
				new TestingAuthenticationToken(alice, null));

		assertThat(result).isEqualTo(new NotpStartResult.Rejected(NotpStartResult.Reason.NOT_THE_USERS_LOGIN_ID));
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void startWhenAStepUpCarriesTheRefreshJwtThenDescopeGetsIt() {
		String refreshJwt = this.emulator.issueRefreshJwt(this.emulator.findUserByLoginId(ALICE).orElseThrow());

		NotpStartResult result = this.service.start(signIn("", STEP_UP), refreshJwt, null);

		assertThat(result).isInstanceOf(NotpStartResult.Started.class);
		assertThat(this.emulator.calls()).singleElement()
			.satisfies((call) -> assertThat(call.header("Authorization")).endsWith(":" + refreshJwt));
	}

	@Test
	void startWhenDescopeRefusesThenFailedWithItsAnswer() {
		this.emulator.enqueueFailure("/v1/auth/notp/whatsapp/signin", 400, null,
				"{\"errorCode\":\"E062108\",\"errorDescription\":\"User not found\"}");

		NotpStartResult result = this.service.start(signIn(ALICE, LoginOptions.NONE), null, null);

		assertThat(result).isInstanceOfSatisfying(NotpStartResult.Failed.class, (failed) -> {
			assertThat(failed.answer().code()).isEqualTo(400);
			assertThat(failed.answer().error().errorCode()).isEqualTo("E062108");
			assertThat(failed.actsOnUser()).isFalse();
		});
	}

	@Test
	void startWhenTheNumberHadItsStartsThenLimitedWithoutCallingDescope() {
		MovableClock clock = MovableClock.standingAt(NOW);
		this.service.setStartGuard(new NotpStartGuard(
				new StartLimits(null, new RateLimit(2, Duration.ofMinutes(10)), null, Set.of(), Set.of()),
				new InMemoryKeyedRateLimiter(100, clock), null));
		assertThat(this.service.start(signIn(ALICE, LoginOptions.NONE), "203.0.113.7", null, null))
			.isInstanceOf(NotpStartResult.Started.class);
		clock.advance(Duration.ofMinutes(4));
		assertThat(this.service.start(signIn(ALICE, LoginOptions.NONE), "203.0.113.8", null, null))
			.isInstanceOf(NotpStartResult.Started.class);

		NotpStartResult third = this.service.start(signIn(ALICE, LoginOptions.NONE), "203.0.113.9", null, null);

		assertThat(third).isEqualTo(new NotpStartResult.Limited(NotpStartGuard.Scope.NUMBER, Duration.ofMinutes(6)));
		assertThat(this.emulator.calls()).hasSize(2);
	}

	@Test
	void startWhenTheNumbersRegionIsDeniedThenRejectedWithoutCallingDescope() {
		this.service.setStartGuard(new NotpStartGuard(new StartLimits(null, null, null, Set.of(), Set.of("JM")),
				new InMemoryKeyedRateLimiter(), null));

		NotpStartResult result = this.service.start(signIn("+18765230123", LoginOptions.NONE), null, null);

		assertThat(result).isEqualTo(new NotpStartResult.Rejected(NotpStartResult.Reason.REGION_NOT_ALLOWED));
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void startWhenAStepUpLacksItsRefreshJwtThenRejectedBeforeTheLimitsTakeAPermit() {
		this.service.setStartGuard(new NotpStartGuard(
				new StartLimits(null, new RateLimit(1, Duration.ofMinutes(10)), null, Set.of(), Set.of()),
				new InMemoryKeyedRateLimiter(), null));
		this.service.start(signIn(ALICE, STEP_UP), null, null);

		assertThat(this.service.start(signIn(ALICE, LoginOptions.NONE), null, null))
			.isInstanceOf(NotpStartResult.Started.class);
	}

	private static NotpStartRequest signIn(String loginId, LoginOptions options) {
		return new NotpStartRequest(NotpMethod.SIGN_IN, loginId, options, null, null);
	}

}
