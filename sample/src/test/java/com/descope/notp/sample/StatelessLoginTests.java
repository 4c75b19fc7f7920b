package com.descope.notp.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.Deployment.Shape;
import com.descope.notp.sample.Deployment.StorageMode;
import com.descope.notp.security.login.CookiePendingFlowRepository;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stateless login ({@code descope.session-token-via-cookie=true},
 * {@code descope.notp.pending-flows=cookie}) over real HTTP, on two instances of the
 * sample with the same flow-cookie key and no shared store, in every deployment shape: a
 * login started on one instance is polled and completed on the other, and no step creates
 * an HTTP session on either. The pending-flow cookie is {@code HttpOnly}, {@code Secure},
 * {@code SameSite=Lax} under the context path, and gives the guarantees of the session
 * store: a tampered cookie, a copy replayed after the login, a flow past
 * {@code descope.notp.timeout} on the instance's clock (moved, not waited for) and a flow
 * cookie moved to another browser are each answered {@code 401 unknown-flow} (the first,
 * third and fourth without asking Descope; the replay is refused by Descope, which
 * answers a session once); a browser keeps at most 5 flows in one cookie under 4096
 * bytes; and a cookie made under the old key is still completed by an instance whose keys
 * were rotated, while one made under the new key is unknown to an instance that lacks it.
 */
class StatelessLoginTests {

	static final String FLOWS = CookiePendingFlowRepository.FLOWS_COOKIE;

	static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	static final String UNKNOWN_FLOW = "urn:descope-notp:problem:unknown-flow";

	/** Another flow-cookie key, 32 bytes in base64, for the rotation. */
	static final String NEW_KEY = "7hFQ1o3c3y8pWz0dJm2kR5tV9xB4nL6aE1gH8iK0uMs=";

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#stateless")
	void loginWhenStartedOnOneInstanceThenTheOtherPollsAndCompletesItAndNoInstanceHasASession(Deployment a) {
		Instances instances = Instances.of(a);
		Browser onA = a.browser();
		Browser onB = instances.b().browser(onA);
		assertThat(onA.get("/api/me", BrowserRequests.NAVIGATION).status()).isEqualTo(302);

		Response started = onA.postJson("/login/notp", Map.of("loginId", SessionTestSupport.ALICE));
		assertThat(started.status()).as(started.body()).isEqualTo(200);
		String pendingRef = started.json().get("pendingRef").asString();
		String path = onA.origin().path("").isEmpty() ? "/" : onA.origin().path("");
		assertThat(started.setCookie(FLOWS)).hasValueSatisfying((cookie) -> assertThat(cookie)
			.contains("; Path=" + path + ";", "; Secure", "; HttpOnly", "; SameSite=Lax")
			.doesNotContain(pendingRef)
			.doesNotContain("Domain="));
		assertThat(SessionTestSupport.poll(onB, pendingRef).status()).isEqualTo(202);
		a.emulator().confirm(pendingRef);
		// the page polls again one polling interval later; sooner, B would answer 202
		// without asking Descope
		instances.b().clock().advance(Duration.ofSeconds(1));

		Response done = SessionTestSupport.poll(onB, pendingRef);

		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.json().get("redirectUrl").asString()).isEqualTo(onA.origin().path("/api/me"));
		assertThat(done.setCookie(FLOWS)).hasValueSatisfying((cookie) -> assertThat(cookie).contains("Max-Age=0"));
		assertThat(onA.cookie(FLOWS)).isEmpty();
		assertThat(onA.get("/api/me", "application/json").status()).isEqualTo(200);
		instances.assertNoSessionCreated(onA);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#stateless")
	void completeWhenTheFlowCookieWasTamperedWithThenUnknownFlowWithoutAskingDescope(Deployment a) {
		Instances instances = Instances.of(a);
		Browser onA = a.browser();
		String pendingRef = SessionTestSupport.start(onA, Map.of("loginId", SessionTestSupport.ALICE));
		a.emulator().confirm(pendingRef);
		Browser onB = instances.b().browser(onA);
		String original = onA.cookie(FLOWS).orElseThrow();
		long polls = polls(a.emulator());

		for (int at : new int[] { 10, original.length() / 2, original.length() - 2 }) {
			onB.changeCookie(FLOWS, (value) -> changed(original, at));
			Response tampered = SessionTestSupport.poll(onB, pendingRef);

			assertThat(tampered.status()).as(tampered.body()).isEqualTo(401);
			assertThat(SessionTestSupport.problemType(tampered)).isEqualTo(UNKNOWN_FLOW);
		}
		assertThat(polls(a.emulator())).isEqualTo(polls);
		onB.changeCookie(FLOWS, (value) -> original);
		assertThat(SessionTestSupport.poll(onB, pendingRef).status()).isEqualTo(200);
		instances.assertNoSessionCreated(onA);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#stateless")
	void completeWhenACopyOfTheCookiesIsReplayedAfterTheLoginThenUnknownFlowOnEitherInstance(Deployment a) {
		Instances instances = Instances.of(a);
		Browser onA = a.browser();
		String pendingRef = SessionTestSupport.start(onA, Map.of("loginId", SessionTestSupport.ALICE));
		a.emulator().confirm(pendingRef);
		Browser copy = onA.withCopiedCookies();
		assertThat(SessionTestSupport.poll(instances.b().browser(onA), pendingRef).status()).isEqualTo(200);

		for (Deployment instance : List.of(a, instances.b())) {
			Browser replay = instance.browser(copy.withCopiedCookies());
			Response replayed = SessionTestSupport.poll(replay, pendingRef);

			assertThat(replayed.status()).as(replayed.body()).isEqualTo(401);
			assertThat(SessionTestSupport.problemType(replayed)).isEqualTo(UNKNOWN_FLOW);
			assertThat(replay.cookie(FLOWS)).as("the replayed flow is taken out of the cookie").isEmpty();
			instances.assertNoSessionCreated(replay);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#stateless")
	void completeWhenTheTimeoutPassedOnTheInstancesClockThenUnknownFlowWithoutAskingDescope(Deployment a) {
		Instances instances = Instances.of(a);
		Browser onA = a.browser();
		String pendingRef = SessionTestSupport.start(onA, Map.of("loginId", SessionTestSupport.ALICE));
		a.emulator().confirm(pendingRef);
		long polls = polls(a.emulator());
		Deployment b = instances.b();
		b.clock().advance(Duration.ofMinutes(10));
		try {
			Response late = SessionTestSupport.poll(b.browser(onA), pendingRef);

			assertThat(late.status()).as(late.body()).isEqualTo(401);
			assertThat(SessionTestSupport.problemType(late)).isEqualTo(UNKNOWN_FLOW);
			assertThat(polls(a.emulator())).isEqualTo(polls);
		}
		finally {
			b.clock().reset();
		}
		assertThat(SessionTestSupport.poll(onA, pendingRef).status()).as("in time on the other instance's clock")
			.isEqualTo(200);
		instances.assertNoSessionCreated(onA);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#stateless")
	void completeWhenTheFlowCookieIsMovedToAnotherBrowserThenUnknownFlowWithoutAskingDescope(Deployment a) {
		Instances instances = Instances.of(a);
		Browser alice = a.browser();
		String pendingRef = SessionTestSupport.start(alice, Map.of("loginId", SessionTestSupport.ALICE));
		a.emulator().confirm(pendingRef);
		Browser mallory = instances.b().browser();
		SessionTestSupport.start(mallory, Map.of("loginId", "+15555550199"));
		String alicesFlows = alice.cookie(FLOWS).orElseThrow();
		mallory.changeCookie(FLOWS, (value) -> alicesFlows);
		long polls = polls(a.emulator());

		Response stolen = SessionTestSupport.poll(mallory, pendingRef);

		assertThat(stolen.status()).as(stolen.body()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(stolen)).isEqualTo(UNKNOWN_FLOW);
		assertThat(polls(a.emulator())).isEqualTo(polls);
		assertThat(SessionTestSupport.poll(instances.b().browser(alice), pendingRef).status()).isEqualTo(200);
		instances.assertNoSessionCreated(alice);
		instances.assertNoSessionCreated(mallory);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#stateless")
	void startWhenMoreThanFiveFlowsThenTheOldestIsDroppedAndTheCookieStaysUnder4096Bytes(Deployment a) {
		Instances instances = Instances.of(a);
		Browser onA = a.browser();
		Browser onB = instances.b().browser(onA);
		List<String> pendingRefs = new ArrayList<>();
		Response last = null;
		for (int i = 0; i < 6; i++) {
			last = ((i % 2 == 0) ? onA : onB).postJson("/login/notp", Map.of("loginId", SessionTestSupport.ALICE));
			assertThat(last.status()).as(last.body()).isEqualTo(200);
			pendingRefs.add(last.json().get("pendingRef").asString());
		}

		assertThat(last.setCookie(FLOWS)).hasValueSatisfying((cookie) -> assertThat(cookie).hasSizeLessThan(4096));
		Response dropped = SessionTestSupport.poll(onB, pendingRefs.get(0));
		assertThat(dropped.status()).as(dropped.body()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(dropped)).isEqualTo(UNKNOWN_FLOW);
		for (String pendingRef : pendingRefs.subList(1, 6)) {
			assertThat(SessionTestSupport.poll(onA, pendingRef).status()).isEqualTo(202);
		}
		instances.assertNoSessionCreated(onA);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("atTheRoot")
	void completeWhenTheKeysAreRotatedThenOldCookiesStillWorkAndNewOnesNeedTheNewKey(Deployment a) {
		Deployment rotated = a
			.otherInstance(Map.of("descope.notp.flow-cookie.keys", NEW_KEY + "," + StorageMode.FLOW_COOKIE_KEY));
		long sessionsBefore = rotated.sessionsCreated();
		Browser alice = a.browser();
		String underOldKey = SessionTestSupport.start(alice, Map.of("loginId", SessionTestSupport.ALICE));
		String oldKid = kid(alice.cookie(FLOWS).orElseThrow());
		a.emulator().confirm(underOldKey);
		assertThat(SessionTestSupport.poll(rotated.browser(alice), underOldKey).status()).isEqualTo(200);

		Browser bob = rotated.browser();
		String underNewKey = SessionTestSupport.start(bob, Map.of("loginId", "+15555550101"));

		assertThat(kid(bob.cookie(FLOWS).orElseThrow())).isNotEqualTo(oldKid);
		Response unknownKey = SessionTestSupport.poll(a.browser(bob), underNewKey);
		assertThat(unknownKey.status()).as(unknownKey.body()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(unknownKey)).isEqualTo(UNKNOWN_FLOW);
		assertThat(SessionTestSupport.poll(bob, underNewKey).status()).isEqualTo(202);
		assertThat(rotated.sessionsCreated()).isEqualTo(sessionsBefore);
	}

	static Stream<Deployment> atTheRoot() {
		return Deployment.stateless().filter((deployment) -> deployment.shape() == Shape.ROOT);
	}

	private static long polls(DescopeEmulator emulator) {
		return SessionTestSupport.calls(emulator, PENDING_SESSION);
	}

	/** The text with one character changed to another that is also base64url. */
	private static String changed(String text, int at) {
		char other = (text.charAt(at) == 'A') ? 'B' : 'A';
		return text.substring(0, at) + other + text.substring(at + 1);
	}

	/** The {@code kid} of the JWE in a flow cookie's value. */
	private static String kid(String jwe) {
		String header = new String(Base64.getUrlDecoder().decode(jwe.split("\\.")[0]), StandardCharsets.UTF_8);
		return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
	}

	/**
	 * Two instances with the same key and no shared store, and how many HTTP sessions
	 * each had created before the test.
	 */
	private record Instances(Deployment a, Deployment b, long sessionsOfA, long sessionsOfB) {

		static Instances of(Deployment a) {
			Deployment b = a.otherInstance(Map.of());
			return new Instances(a, b, a.sessionsCreated(), b.sessionsCreated());
		}

		void assertNoSessionCreated(Browser browser) {
			assertThat(this.a.sessionsCreated()).as("sessions created on the first instance")
				.isEqualTo(this.sessionsOfA);
			assertThat(this.b.sessionsCreated()).as("sessions created on the second instance")
				.isEqualTo(this.sessionsOfB);
			assertThat(browser.cookies("JSESSIONID")).isEmpty();
		}

	}

}
