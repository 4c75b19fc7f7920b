package com.descope.notp.sample;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.AnswerHold;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on a browser session's pending flows, over real HTTP: at most
 * {@code descope.notp.max-flows-per-session} (5) at once, the oldest dropped; none past
 * {@code descope.notp.timeout}; none left claimed by a client that hung up mid-poll; and
 * a client polling ten times per {@code descope.notp.polling-interval} reaches Descope
 * once per interval, its other polls answered "pending". A flow refused by these limits
 * never reaches Descope. The application's clock ({@link ApplicationClockConfiguration})
 * stands still during each test and is moved past the timeout or the polling interval
 * instead of waiting for it (the emulator shares it where its own time matters); the
 * emulator holds Descope's answer while the client hangs up and another poll comes in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
@Import({ ApplicationClockConfiguration.class, ServerRequests.class })
class PendingFlowLimitsTests extends SampleHttpTestSupport {

	static final String COMPLETE = "/login/notp/session";

	static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	static final String UNKNOWN_FLOW = "urn:descope-notp:problem:unknown-flow";

	static final Duration FLOW_TIMEOUT = Duration.ofMinutes(2);

	/** {@code descope.notp.polling-interval}, by default. */
	static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

	/** How long to wait for an event at most; only a failing test waits that long. */
	static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	MovableClock clock;

	@Autowired
	ServerRequests serverRequests;

	@BeforeEach
	void stopTheApplicationClock() {
		this.clock.standStill();
	}

	@AfterEach
	void resetTheApplicationClock() {
		this.clock.reset();
	}

	@Test
	void startWhenMoreFlowsThanTheLimitThenTheOldestIsDroppedAndTheNewestWork() {
		List<String> flows = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			flows.add(SessionTestSupport.start(this.browser,
					Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in")));
		}
		long pollsBefore = SessionTestSupport.calls(this.emulator, PENDING_SESSION);

		Response dropped = SessionTestSupport.poll(this.browser, flows.get(0));
		assertThat(dropped.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(dropped)).isEqualTo(UNKNOWN_FLOW);
		assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION)).as("no call to Descope")
			.isEqualTo(pollsBefore);

		for (String kept : flows.subList(1, 6)) {
			assertThat(SessionTestSupport.poll(this.browser, kept).status()).as("a kept flow is still pending")
				.isEqualTo(202);
		}
		assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION)).isEqualTo(pollsBefore + 5);
		this.emulator.confirm(flows.get(1));
		this.clock.advance(POLLING_INTERVAL);
		assertThat(SessionTestSupport.poll(this.browser, flows.get(1)).status()).as("the oldest kept flow")
			.isEqualTo(200);
		this.emulator.confirm(flows.get(5));
		assertThat(SessionTestSupport.poll(this.browser, flows.get(5)).status()).as("the newest flow").isEqualTo(200);
		assertThat(SessionTestSupport.poll(this.browser, flows.get(0)).status()).as("the dropped flow, still")
			.isEqualTo(401);
	}

	@Test
	void completeWhenPolledTenTimesPerIntervalThenDescopeIsAskedAtMostOncePerInterval() {
		this.emulator.setClock(this.clock);
		try {
			String pendingRef = SessionTestSupport.start(this.browser,
					Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
			long pollsBefore = SessionTestSupport.calls(this.emulator, PENDING_SESSION);

			for (int interval = 1; interval <= 3; interval++) {
				for (int poll = 0; poll < 10; poll++) {
					Response answer = SessionTestSupport.poll(this.browser, pendingRef);
					assertThat(answer.status()).as(answer.body()).isEqualTo(202);
					this.clock.advance(POLLING_INTERVAL.dividedBy(10));
				}
				assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION) - pollsBefore)
					.as("calls to Descope in %d intervals", interval)
					.isEqualTo(interval);
			}
			this.emulator.confirm(pendingRef);
			assertThat(SessionTestSupport.poll(this.browser, pendingRef).status()).isEqualTo(200);
			assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION) - pollsBefore).isEqualTo(4);
		}
		finally {
			this.emulator.setClock(Clock.systemUTC());
		}
	}

	@Test
	void completeWhenClientHangsUpMidPollThenTheFlowIsNotLeftClaimed() throws Exception {
		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		long pollsBefore = SessionTestSupport.calls(this.emulator, PENDING_SESSION);

		pollAndHangUpWhileDescopeAnswers(pendingRef, pollsBefore);
		// Descope answered "pending" to the abandoned poll; the person confirms only now
		this.emulator.confirm(pendingRef);

		// the application's clock moves on by the polling interval only, so a claim left
		// behind could not have lapsed (HttpSessionPendingFlowRepository.CLAIM_TIMEOUT):
		// it would answer 202
		this.clock.advance(POLLING_INTERVAL);
		Response answer = SessionTestSupport.poll(this.browser, pendingRef);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION)).isEqualTo(pollsBefore + 2);
	}

	@Test
	void completeWhenClientHangsUpMidPollOfAConfirmedFlowThenTheNextPollIsADefiniteRefusal() throws Exception {
		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		this.emulator.confirm(pendingRef);
		long pollsBefore = SessionTestSupport.calls(this.emulator, PENDING_SESSION);

		pollAndHangUpWhileDescopeAnswers(pendingRef, pollsBefore);

		// the login was completed for a client that was gone: the flow is redeemed, so
		// the next poll is refused at once (the person starts again), rather than left
		// "pending"
		Response answer = SessionTestSupport.poll(this.browser, pendingRef);
		assertThat(answer.status()).as(answer.body()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(answer)).isEqualTo(UNKNOWN_FLOW);
		assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION)).as("no second call to Descope")
			.isEqualTo(pollsBefore + 1);
	}

	/**
	 * A completion whose client hangs up while Descope has not answered yet: the emulator
	 * holds the answer until the client is gone and a second poll of the same flow was
	 * answered "pending" without a call to Descope (the first one holds the flow), then
	 * answers; returns once the server has finished the abandoned request.
	 */
	private void pollAndHangUpWhileDescopeAnswers(String pendingRef, long pollsBefore) throws InterruptedException {
		int completionsEnded = this.serverRequests.ended(COMPLETE);
		try (AnswerHold descope = this.emulator.holdAnswers(PENDING_SESSION)) {
			this.browser.postRawAndHangUp(COMPLETE, "application/json", "{\"pendingRef\":\"" + pendingRef + "\"}");
			descope.awaitHeld(1, EVENT_TIMEOUT);

			Response meanwhile = SessionTestSupport.poll(this.browser, pendingRef);

			assertThat(meanwhile.status()).as("while the abandoned poll waits on Descope").isEqualTo(202);
			assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION)).as("one call to Descope")
				.isEqualTo(pollsBefore + 1);
		}
		this.serverRequests.awaitEnded(COMPLETE, completionsEnded + 2, EVENT_TIMEOUT);
	}

	@Nested
	@TestPropertySource(properties = "descope.notp.timeout=2m")
	class WhenFlowTimeoutIsTwoMinutes {

		@Test
		void completeWhenTheFlowExpiredLocallyThenUnknownFlowWithoutCallingDescope() {
			Browser browser = PendingFlowLimitsTests.this.browser;
			DescopeEmulator emulator = PendingFlowLimitsTests.this.emulator;
			String pendingRef = SessionTestSupport.start(browser,
					Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
			emulator.confirm(pendingRef);
			long pollsBefore = SessionTestSupport.calls(emulator, PENDING_SESSION);

			PendingFlowLimitsTests.this.clock.advance(FLOW_TIMEOUT);
			Response expired = SessionTestSupport.poll(browser, pendingRef);

			assertThat(expired.status()).isEqualTo(401);
			assertThat(SessionTestSupport.problemType(expired)).isEqualTo(UNKNOWN_FLOW);
			assertThat(expired.body()).doesNotContain(pendingRef);
			assertThat(SessionTestSupport.calls(emulator, PENDING_SESSION)).as("no call to Descope")
				.isEqualTo(pollsBefore);
			assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);
		}

		@Test
		void completeWhenWithinTheTimeoutThenTheFlowStillWorks() {
			Browser browser = PendingFlowLimitsTests.this.browser;
			DescopeEmulator emulator = PendingFlowLimitsTests.this.emulator;
			String pendingRef = SessionTestSupport.start(browser,
					Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
			emulator.confirm(pendingRef);

			PendingFlowLimitsTests.this.clock.advance(FLOW_TIMEOUT.minusMillis(1));

			assertThat(SessionTestSupport.poll(browser, pendingRef).status()).isEqualTo(200);
		}

	}

}
