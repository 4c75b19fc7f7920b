package com.descope.notp.security.login;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.test.MovableClock;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HttpSessionPendingFlowRepository}: a flow belongs to the session that
 * saved it, is claimed by one completion attempt at a time (atomically, under the session
 * mutex) and by none sooner than one polling interval after the last, lapses at its
 * expiry and its claim after {@link HttpSessionPendingFlowRepository#CLAIM_TIMEOUT}, both
 * measured on a clock the test moves, and a session keeps at most its limit of flows.
 * Every change sets the attribute again, so a session store that saves only set
 * attributes (Spring Session) keeps it.
 */
class HttpSessionPendingFlowRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration POLLING_INTERVAL = Duration.ofSeconds(2);

	private final MovableClock clock = MovableClock.standingAt(NOW);

	private final HttpSessionPendingFlowRepository repository = new HttpSessionPendingFlowRepository(3,
			POLLING_INTERVAL, this.clock);

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void saveFlowWhenNoSessionThenCreatesOneAndTheFlowLoadsFromIt() {
		MockHttpServletRequest start = new MockHttpServletRequest();

		this.repository.saveFlow(flow("ref-1"), start, this.response);

		assertThat(start.getSession(false)).isNotNull();
		assertThat(this.repository.loadFlow("ref-1", requestIn(start.getSession(false)))).isEqualTo(flow("ref-1"));
	}

	@Test
	void loadFlowAndClaimFlowWhenNoSessionThenNothingAndNoSessionIsCreated() {
		MockHttpServletRequest request = new MockHttpServletRequest();

		assertThat(this.repository.loadFlow("ref-1", request)).isNull();
		assertThat(this.repository.claimFlow("ref-1", request, this.response)).isEqualTo(FlowClaim.UNKNOWN);
		this.repository.releaseFlow("ref-1", request, this.response);
		this.repository.removeFlow("ref-1", request, this.response);

		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void claimFlowWhenSavedThenGrantedOnceAndBusyForTheNextAttempt() {
		MockHttpSession session = sessionWith("ref-1");

		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.GRANTED);
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.BUSY);
		assertThat(this.repository.loadFlow("ref-1", requestIn(session)).claimedAt()).isEqualTo(NOW);
	}

	@Test
	void claimFlowWhenReleasedThenTheNextAttemptIsGrantedOnePollingIntervalAfterTheLast() {
		MockHttpSession session = sessionWith("ref-1");
		claim("ref-1", session);

		this.repository.releaseFlow("ref-1", requestIn(session), this.response);

		assertThat(this.repository.loadFlow("ref-1", requestIn(session)).claimedAt()).isNull();
		assertThat(this.repository.loadFlow("ref-1", requestIn(session)).polledAt()).isEqualTo(NOW);
		this.clock.advance(POLLING_INTERVAL.minusMillis(1));
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.BUSY);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenPolledTenTimesPerIntervalThenGrantedOncePerInterval() {
		MockHttpSession session = sessionWith("ref-1");
		int granted = 0;

		for (int poll = 0; poll < 30; poll++) {
			if (claim("ref-1", session) == FlowClaim.GRANTED) {
				granted++;
				this.repository.releaseFlow("ref-1", requestIn(session), this.response);
			}
			this.clock.advance(POLLING_INTERVAL.dividedBy(10));
		}

		assertThat(granted).isEqualTo(3);
	}

	@Test
	void claimFlowWhenTheIntervalIsZeroThenOnlyAHeldClaimMakesItBusy() {
		HttpSessionPendingFlowRepository unthrottled = new HttpSessionPendingFlowRepository(3, Duration.ZERO,
				this.clock);
		MockHttpSession session = new MockHttpSession();
		unthrottled.saveFlow(flow("ref-1"), requestIn(session), this.response);

		assertThat(unthrottled.claimFlow("ref-1", requestIn(session), this.response)).isEqualTo(FlowClaim.GRANTED);
		assertThat(unthrottled.claimFlow("ref-1", requestIn(session), this.response)).isEqualTo(FlowClaim.BUSY);
		unthrottled.releaseFlow("ref-1", requestIn(session), this.response);
		assertThat(unthrottled.claimFlow("ref-1", requestIn(session), this.response)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenRemovedThenUnknownAndTheLastRemovalClearsTheAttribute() {
		MockHttpSession session = sessionWith("ref-1", "ref-2");
		claim("ref-1", session);

		this.repository.removeFlow("ref-1", requestIn(session), this.response);

		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.UNKNOWN);
		assertThat(session.getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE)).isNotNull();
		this.repository.removeFlow("ref-2", requestIn(session), this.response);
		assertThat(session.getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE)).isNull();
	}

	@Test
	void releaseFlowWhenTheFlowWasRemovedMeanwhileThenItStaysRemoved() {
		MockHttpSession session = sessionWith("ref-1");
		claim("ref-1", session);
		this.repository.removeFlow("ref-1", requestIn(session), this.response);

		this.repository.releaseFlow("ref-1", requestIn(session), this.response);

		assertThat(this.repository.loadFlow("ref-1", requestIn(session))).isNull();
	}

	@Test
	void claimFlowWhenAnotherSessionStartedTheFlowThenUnknownAndTheOwnersFlowIsUntouched() {
		MockHttpSession owner = sessionWith("ref-1");
		MockHttpSession other = sessionWith("ref-2");

		assertThat(claim("ref-1", other)).isEqualTo(FlowClaim.UNKNOWN);
		assertThat(this.repository.loadFlow("ref-1", requestIn(other))).isNull();
		this.repository.removeFlow("ref-1", requestIn(other), this.response);

		assertThat(claim("ref-1", owner)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenTheFlowReachesItsExpiryThenUnknown() {
		MockHttpSession session = sessionWith("ref-1");

		this.clock.set(NOW.plus(FLOW_TIMEOUT).minusMillis(1));
		assertThat(this.repository.loadFlow("ref-1", requestIn(session))).isNotNull();

		this.clock.set(NOW.plus(FLOW_TIMEOUT));
		assertThat(this.repository.loadFlow("ref-1", requestIn(session))).isNull();
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.UNKNOWN);
	}

	@Test
	void saveFlowWhenEarlierFlowsExpiredThenTheyAreDroppedFromTheSession() {
		MockHttpSession session = sessionWith("ref-1");
		this.clock.set(NOW.plus(FLOW_TIMEOUT));

		this.repository.saveFlow(flow("ref-2"), requestIn(session), this.response);

		assertThat(storedRefs(session)).containsExactly("ref-2");
	}

	@Test
	void claimFlowWhenAClaimIsNeverGivenBackThenItLapsesAfterTheClaimTimeout() {
		MockHttpSession session = sessionWith("ref-1");
		claim("ref-1", session);

		this.clock.set(NOW.plus(HttpSessionPendingFlowRepository.CLAIM_TIMEOUT).minusMillis(1));
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.BUSY);

		this.clock.set(NOW.plus(HttpSessionPendingFlowRepository.CLAIM_TIMEOUT));
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.GRANTED);
		assertThat(claim("ref-1", session)).as("the new claim holds in turn").isEqualTo(FlowClaim.BUSY);
	}

	@Test
	void saveFlowWhenMoreThanTheLimitThenTheOldestIsDroppedAndTheNewestStillWork() {
		MockHttpSession session = sessionWith("ref-1", "ref-2", "ref-3");

		this.repository.saveFlow(flow("ref-4"), requestIn(session), this.response);

		assertThat(storedRefs(session)).containsExactly("ref-2", "ref-3", "ref-4");
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.UNKNOWN);
		assertThat(claim("ref-2", session)).isEqualTo(FlowClaim.GRANTED);
		assertThat(claim("ref-4", session)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void everyChangeWhenMadeThenTheAttributeIsSetAgain() {
		RecordingSession session = new RecordingSession();
		MockHttpServletRequest request = requestIn(session);

		this.repository.saveFlow(flow("ref-1"), request, this.response);
		this.repository.claimFlow("ref-1", request, this.response);
		this.repository.releaseFlow("ref-1", request, this.response);
		this.clock.advance(POLLING_INTERVAL);
		this.repository.claimFlow("ref-1", request, this.response);
		this.repository.removeFlow("ref-1", request, this.response);

		assertThat(session.changes).containsExactly("set", "set", "set", "set", "removed");
	}

	@Test
	void claimFlowWhenABusyClaimIsRefusedThenTheAttributeIsNotSet() {
		RecordingSession session = new RecordingSession();
		MockHttpServletRequest request = requestIn(session);
		this.repository.saveFlow(flow("ref-1"), request, this.response);
		this.repository.claimFlow("ref-1", request, this.response);
		session.changes.clear();

		assertThat(this.repository.claimFlow("ref-1", request, this.response)).isEqualTo(FlowClaim.BUSY);
		assertThat(this.repository.claimFlow("ref-9", request, this.response)).isEqualTo(FlowClaim.UNKNOWN);

		assertThat(session.changes).isEmpty();
	}

	/**
	 * Forces the overlap: the first attempt stops inside its claim (holding the session
	 * mutex, having read the flows) until the second attempt is blocked on that mutex.
	 * Without the mutex the second would read the same unclaimed flow and both would be
	 * granted. (The timeout guards against a hang; it checks no speed.)
	 */
	@Test
	@Timeout(value = 1, unit = TimeUnit.MINUTES)
	void claimFlowWhenTwoAttemptsOverlapThenOnlyOneIsGranted() throws Exception {
		PausingSession session = new PausingSession();
		this.repository.saveFlow(flow("ref-1"), requestIn(session), this.response);
		AtomicReference<FlowClaim> first = new AtomicReference<>();
		AtomicReference<FlowClaim> second = new AtomicReference<>();
		Thread firstAttempt = new Thread(() -> first.set(claim("ref-1", session)));
		Thread secondAttempt = new Thread(() -> second.set(claim("ref-1", session)));
		session.pauseIn = firstAttempt;

		firstAttempt.start();
		session.paused.await();
		secondAttempt.start();
		while (secondAttempt.isAlive() && secondAttempt.getState() != Thread.State.BLOCKED) {
			Thread.onSpinWait();
		}
		session.resume.countDown();
		firstAttempt.join();
		secondAttempt.join();

		assertThat(first.get()).isEqualTo(FlowClaim.GRANTED);
		assertThat(second.get()).isEqualTo(FlowClaim.BUSY);
	}

	@Test
	void constructorWhenLimitBelowOneOrNoClockThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpSessionPendingFlowRepository(0, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new HttpSessionPendingFlowRepository(1, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HttpSessionPendingFlowRepository(1, Duration.ofSeconds(-1), this.clock));
	}

	@Test
	void claimFlowWhenRedeemedThenRedeemedForEveryLaterAttemptUntilTheFlowWouldHaveExpired() {
		MockHttpSession session = sessionWith("ref-1");
		claim("ref-1", session);
		this.clock.set(NOW.plusSeconds(4));

		this.repository.redeemFlow("ref-1", requestIn(session), this.response);

		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.REDEEMED);
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.REDEEMED);
		assertThat(this.repository.loadFlow("ref-1", requestIn(session))).as("no longer a pending flow").isNull();
		this.repository.releaseFlow("ref-1", requestIn(session), this.response);
		assertThat(claim("ref-1", session)).as("a release does not undo the redemption").isEqualTo(FlowClaim.REDEEMED);
		Map<?, ?> stored = (Map<?, ?>) session.getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE);
		assertThat(stored.get("ref-1")).isInstanceOfSatisfying(PendingFlow.class, (flow) -> {
			assertThat(flow.redeemedAt()).isEqualTo(NOW.plusSeconds(4));
			assertThat(flow.claimedAt()).isNull();
		});
		this.clock.set(NOW.plus(FLOW_TIMEOUT));
		assertThat(claim("ref-1", session)).isEqualTo(FlowClaim.UNKNOWN);
	}

	@Test
	void redeemFlowWhenTheSessionHasNoSuchFlowThenNothingIsStored() {
		MockHttpSession session = new MockHttpSession();

		this.repository.redeemFlow("ref-1", requestIn(session), this.response);
		this.repository.redeemFlow("ref-1", new MockHttpServletRequest(), this.response);

		assertThat(session.getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE)).isNull();
	}

	private FlowClaim claim(String pendingRef, MockHttpSession session) {
		return this.repository.claimFlow(pendingRef, requestIn(session), new MockHttpServletResponse());
	}

	private MockHttpSession sessionWith(String... pendingRefs) {
		MockHttpSession session = new MockHttpSession();
		for (String pendingRef : pendingRefs) {
			this.repository.saveFlow(flow(pendingRef), requestIn(session), this.response);
		}
		return session;
	}

	private static List<String> storedRefs(MockHttpSession session) {
		Map<?, ?> stored = (Map<?, ?>) session.getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE);
		return stored.keySet().stream().map(String.class::cast).toList();
	}

	private static PendingFlow flow(String pendingRef) {
		return new PendingFlow(pendingRef, NotpMethod.SIGN_UP_OR_IN, NOW, NOW.plus(FLOW_TIMEOUT));
	}

	private static MockHttpServletRequest requestIn(HttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/session");
		request.setSession(session);
		return request;
	}

	/** Records which changes reach the session, as a session store would see them. */
	private static final class RecordingSession extends MockHttpSession {

		final List<String> changes = new ArrayList<>();

		@Override
		public void setAttribute(String name, Object value) {
			super.setAttribute(name, value);
			if (HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE.equals(name)) {
				this.changes.add("set");
			}
		}

		@Override
		public void removeAttribute(String name) {
			super.removeAttribute(name);
			if (HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE.equals(name)) {
				this.changes.add("removed");
			}
		}

	}

	/**
	 * Stops the chosen thread just after it read the flows, until the test lets it go on.
	 */
	private static final class PausingSession extends MockHttpSession {

		final CountDownLatch paused = new CountDownLatch(1);

		final CountDownLatch resume = new CountDownLatch(1);

		volatile Thread pauseIn;

		@Override
		public Object getAttribute(String name) {
			Object value = super.getAttribute(name);
			if (HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE.equals(name)
					&& Thread.currentThread() == this.pauseIn) {
				this.paused.countDown();
				try {
					this.resume.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return value;
		}

	}

}
