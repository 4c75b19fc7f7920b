package com.descope.notp.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on a browser session's pending flows, over real HTTP: at most
 * {@code descope.notp.max-flows-per-session} (5) at once, the oldest dropped; none past
 * {@code descope.notp.timeout}; and none left claimed by a client that hung up mid-poll.
 * A flow refused by these limits never reaches Descope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
class PendingFlowLimitsTests extends SampleHttpTestSupport {

	static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	static final String UNKNOWN_FLOW = "urn:descope-notp:problem:unknown-flow";

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
		assertThat(SessionTestSupport.poll(this.browser, flows.get(1)).status()).as("the oldest kept flow")
			.isEqualTo(200);
		this.emulator.confirm(flows.get(5));
		assertThat(SessionTestSupport.poll(this.browser, flows.get(5)).status()).as("the newest flow").isEqualTo(200);
		assertThat(SessionTestSupport.poll(this.browser, flows.get(0)).status()).as("the dropped flow, still")
			.isEqualTo(401);
	}

	@Test
	void completeWhenClientHangsUpMidPollThenTheFlowIsNotLeftClaimed() throws Exception {
		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		long pollsBefore = SessionTestSupport.calls(this.emulator, PENDING_SESSION);

		this.browser.postRawAndHangUp("/login/notp/session", "application/json",
				"{\"pendingRef\":\"" + pendingRef + "\"}");
		awaitPendingSessionCalls(pollsBefore + 1);
		this.emulator.confirm(pendingRef);

		// a claim left behind would answer "pending" for
		// HttpSessionPendingFlowRepository.CLAIM_TIMEOUT
		assertThat(HttpSessionPendingFlowRepository.CLAIM_TIMEOUT).isGreaterThan(Duration.ofSeconds(5));
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Response answer = SessionTestSupport.poll(this.browser, pendingRef);
		while (answer.status() == 202 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			answer = SessionTestSupport.poll(this.browser, pendingRef);
		}
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

	@Test
	void completeWhenClientHangsUpMidPollOfAConfirmedFlowThenTheNextPollIsADefiniteRefusal() throws Exception {
		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		this.emulator.confirm(pendingRef);
		long pollsBefore = SessionTestSupport.calls(this.emulator, PENDING_SESSION);

		this.browser.postRawAndHangUp("/login/notp/session", "application/json",
				"{\"pendingRef\":\"" + pendingRef + "\"}");
		awaitPendingSessionCalls(pollsBefore + 1);

		// the login was completed for a client that was gone: the flow is redeemed, so
		// the next poll
		// is refused at once (the person starts again), rather than left "pending"
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Response answer = SessionTestSupport.poll(this.browser, pendingRef);
		while (answer.status() == 202 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			answer = SessionTestSupport.poll(this.browser, pendingRef);
		}
		assertThat(answer.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(answer)).isEqualTo(UNKNOWN_FLOW);
		assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION)).as("no second call to Descope")
			.isEqualTo(pollsBefore + 1);
	}

	private void awaitPendingSessionCalls(long count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (SessionTestSupport.calls(this.emulator, PENDING_SESSION) < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(SessionTestSupport.calls(this.emulator, PENDING_SESSION)).as("the abandoned poll reached Descope")
			.isEqualTo(count);
	}

	@Nested
	@TestPropertySource(properties = "descope.notp.timeout=2s")
	class WhenFlowTimeoutIsShort {

		@Test
		void completeWhenTheFlowExpiredLocallyThenUnknownFlowWithoutCallingDescope() throws Exception {
			Browser browser = PendingFlowLimitsTests.this.browser;
			DescopeEmulator emulator = PendingFlowLimitsTests.this.emulator;
			String pendingRef = SessionTestSupport.start(browser,
					Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
			emulator.confirm(pendingRef);
			long pollsBefore = SessionTestSupport.calls(emulator, PENDING_SESSION);

			Thread.sleep(2500);
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

			assertThat(SessionTestSupport.poll(browser, pendingRef).status()).isEqualTo(200);
		}

	}

}
