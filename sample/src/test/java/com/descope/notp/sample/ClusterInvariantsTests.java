package com.descope.notp.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.RedisCluster.Node;
import com.descope.notp.sample.RedisCluster.Nodes;
import com.descope.notp.sample.RedisCluster.Serializer;
import com.descope.notp.sample.RedisCluster.TwoNodeBrowser;
import com.descope.notp.test.AnswerHold;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold for a cluster of instances sharing sessions in Redis (Spring Session,
 * JDK serialization), each case forced rather than hoped for: Descope's answers are held
 * ({@link AnswerHold}) until both nodes wait on it, or one node's request is held
 * ({@link RequestGates}) right after it read the session while the other node changes it.
 * <ul>
 * <li>A confirmed login polled on two nodes at once is redeemed once: one node answers
 * the session, the other "pending", never an error and never a second session; the next
 * poll answers "authenticated".</li>
 * <li>Two nodes refreshing one session at once leave the person signed in, with and
 * without refresh-token rotation at Descope, also when one node refreshes with the
 * refresh JWT the other has just rotated.</li>
 * <li>A node that stops in the middle of a login loses nothing: the person completes on
 * the other.</li>
 * <li>Redis restarting in the middle of a session answers a clear {@code 503} while it is
 * down and a new login after (its sessions are gone), never a {@code 500}.</li>
 * </ul>
 * Skipped, loudly, without {@code redis-server} ({@link RedisServer}).
 */
class ClusterInvariantsTests {

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final String SESSIONS = "notp-test-jdk:sessions:*";

	private static @Nullable String notRunnable;

	private static final ExecutorService requests = Executors.newFixedThreadPool(4);

	private RedisCluster cluster;

	private Nodes nodes;

	private DescopeEmulator descope;

	private TwoNodeBrowser browser;

	@BeforeAll
	static void checkRedis() {
		notRunnable = RedisServer.whyNotRunnable("ClusterInvariantsTests");
	}

	@AfterAll
	static void stopThreads() {
		requests.shutdownNow();
	}

	@BeforeEach
	void startNodes() {
		RedisCluster.assumeRunnable(notRunnable);
		this.cluster = RedisCluster.get();
		this.nodes = this.cluster.nodes(Serializer.JDK);
		this.descope = this.cluster.reset(this.nodes);
		this.browser = this.nodes.browser();
	}

	@AfterEach
	void resetNodes() {
		if (this.cluster != null) {
			this.cluster.reset(this.nodes);
		}
	}

	@Test
	void completeWhenBothNodesPollAConfirmedLoginAtOnceThenOneRedeemsItAndTheOtherAnswersPending() throws Exception {
		String pendingRef = start(this.browser.a());
		this.descope.confirm(pendingRef);
		Set<String> sessionsBefore = sessionKeys();
		long pollsBefore = SessionTestSupport.calls(this.descope, PENDING_SESSION);
		CompletableFuture<Response> onA;
		CompletableFuture<Response> onB;
		try (AnswerHold hold = this.descope.holdAnswers(PENDING_SESSION)) {
			onA = async(() -> SessionTestSupport.poll(this.browser.a(), pendingRef));
			onB = async(() -> SessionTestSupport.poll(this.browser.b(), pendingRef));
			hold.awaitHeld(2, Duration.ofSeconds(20));
		}
		List<Integer> statuses = List.of(onA.get(20, TimeUnit.SECONDS).status(),
				onB.get(20, TimeUnit.SECONDS).status());

		assertThat(statuses).as("one node redeemed the login, the other answered pending")
			.containsExactlyInAnyOrder(200, 202);
		assertThat(SessionTestSupport.calls(this.descope, PENDING_SESSION) - pollsBefore).isEqualTo(2);
		assertThat(sessionKeys()).as("the session changed its id once; no second session")
			.hasSameSizeAs(sessionsBefore)
			.isNotEqualTo(sessionsBefore);
		assertSignedInOnBothNodes();
		Response again = SessionTestSupport.poll(this.browser.b(), pendingRef);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().get("status").asString()).isEqualTo("authenticated");
		assertThat(SessionTestSupport.calls(this.descope, PENDING_SESSION) - pollsBefore)
			.as("a redeemed login is not asked about again")
			.isEqualTo(2);
	}

	@Test
	void completeWhenTheOtherNodeRedeemedTheLoginWhileThisOneHeldTheOldSessionThenPendingAndThenAuthenticated()
			throws Exception {
		String pendingRef = start(this.browser.a());
		this.descope.confirm(pendingRef);
		CompletableFuture<Response> late = async(() -> this.browser.b()
			.postJson("/login/notp/session", Map.of("pendingRef", pendingRef), Map.of(RequestGates.HEADER, "late")));
		RequestGates.awaitArrival("late");

		Response redeemed = SessionTestSupport.poll(this.browser.a(), pendingRef);
		RequestGates.open("late");
		Response answer = late.get(20, TimeUnit.SECONDS);

		assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		assertThat(answer.json().get("status").asString()).isEqualTo("pending");
		Response again = SessionTestSupport.poll(this.browser.b(), pendingRef);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertSignedInOnBothNodes();
	}

	@ParameterizedTest(name = "refresh-token rotation {0}")
	@ValueSource(booleans = { false, true })
	void refreshWhenBothNodesRefreshTheSessionAtOnceThenThePersonStaysSignedIn(boolean rotation) throws Exception {
		signIn();
		this.descope.setRefreshTokenRotation(rotation);
		nearExpiry();
		long refreshesBefore = SessionTestSupport.calls(this.descope, SessionTestSupport.REFRESH);
		CompletableFuture<Response> onA;
		CompletableFuture<Response> onB;
		try (AnswerHold hold = this.descope.holdAnswers(SessionTestSupport.REFRESH)) {
			onA = async(() -> this.browser.a().get("/api/me", "application/json"));
			onB = async(() -> this.browser.b().get("/api/me", "application/json"));
			hold.awaitHeld(2, Duration.ofSeconds(20));
		}

		assertThat(onA.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(onB.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.descope, SessionTestSupport.REFRESH) - refreshesBefore)
			.as("one refresh per node")
			.isEqualTo(2);
		assertSignedInOnBothNodes();
		this.nodes.advanceClocks(Duration.ofMinutes(10).minusSeconds(10));
		assertSignedInOnBothNodes();
	}

	@Test
	void refreshWhenANodeRefreshesWithTheRefreshJwtTheOtherHasJustRotatedThenItUsesTheOthersTokens() throws Exception {
		signIn();
		this.descope.setRefreshTokenRotation(true);
		this.nodes.advanceClocks(Duration.ofMinutes(10).plusSeconds(1));
		this.descope.setClock(this.nodes.a().clock());
		CompletableFuture<Response> late = async(() -> this.browser.b()
			.get("/api/me", Map.of("Accept", "application/json", RequestGates.HEADER, "stale")));
		RequestGates.awaitArrival("stale");

		Response rotated = this.browser.a().get("/api/me", "application/json");
		long refreshesBefore = SessionTestSupport.calls(this.descope, SessionTestSupport.REFRESH);
		RequestGates.open("stale");
		Response answer = late.get(20, TimeUnit.SECONDS);

		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.descope, SessionTestSupport.REFRESH) - refreshesBefore)
			.as("B tried its stale refresh JWT once")
			.isEqualTo(1);
		assertSignedInOnBothNodes();
	}

	@Test
	void completeWhenTheNodeThatStartedTheLoginStopsThenThePersonCompletesOnTheOther() {
		Node doomed = this.cluster.startNode(Serializer.JDK);
		CookieJar cookies = new CookieJar();
		Browser onDoomed = doomed.browser(cookies);
		Browser onA = this.nodes.a().browser(cookies);
		Browser onB = this.nodes.b().browser(cookies);
		String pendingRef = start(onDoomed);
		assertThat(SessionTestSupport.poll(onDoomed, pendingRef).status()).isEqualTo(202);
		doomed.stop();
		this.descope.confirm(pendingRef);
		// the page polls again one polling interval later; sooner, A would answer 202
		// without asking Descope (the stopped node's poll is in the shared session)
		this.nodes.advanceClocks(Duration.ofSeconds(1));

		Response done = SessionTestSupport.poll(onA, pendingRef);

		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(onB.get("/api/me", "application/json").status()).isEqualTo(200);
	}

	@Test
	void requestWhenRedisRestartsMidSessionThen503WhileDownAndANewLoginAfterNever500() {
		signIn();
		this.cluster.redis().stop();
		try {
			Response api = this.browser.a().get("/api/me", "application/json");
			assertThat(api.status()).as(api.body()).isEqualTo(503);
			assertThat(SessionTestSupport.problemType(api))
				.isEqualTo("urn:descope-notp:problem:session-store-unavailable");
			assertThat(api.header("Retry-After")).isPresent();
			Response page = this.browser.b().get("/api/me", "text/html");
			assertThat(page.status()).isEqualTo(503);
			Response poll = SessionTestSupport.poll(this.browser.b(), "any");
			assertThat(poll.status()).isEqualTo(503);
		}
		finally {
			this.cluster.redis().restart();
		}

		assertThat(this.browser.b().get("/api/me", "application/json").status()).isEqualTo(401);
		assertThat(this.browser.a().get("/api/me", "text/html").status()).isEqualTo(302);
		signIn();
		assertSignedInOnBothNodes();
	}

	private void signIn() {
		String pendingRef = start(this.browser.a());
		this.descope.confirm(pendingRef);
		Response done = SessionTestSupport.poll(this.browser.b(), pendingRef);
		assertThat(done.status()).as(done.body()).isEqualTo(200);
	}

	private static String start(Browser browser) {
		return SessionTestSupport.start(browser, Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
	}

	/**
	 * Moves both nodes (and Descope) into the refresh threshold (20 s) of the session
	 * JWT's expiry (10 min), where the session JWT is still valid.
	 */
	private void nearExpiry() {
		this.nodes.advanceClocks(Duration.ofMinutes(10).minusSeconds(10));
		this.descope.setClock(this.nodes.a().clock());
	}

	private void assertSignedInOnBothNodes() {
		for (Browser node : new Browser[] { this.browser.a(), this.browser.b() }) {
			Response me = node.get("/api/me", "application/json");
			assertThat(me.status()).as(me.body()).isEqualTo(200);
			assertThat(me.json().get("name").asString()).isEqualTo("Alice Admin");
		}
	}

	private Set<String> sessionKeys() {
		return this.nodes.a().redis().keys(SESSIONS);
	}

	private static <T> CompletableFuture<T> async(java.util.function.Supplier<T> request) {
		return CompletableFuture.supplyAsync(request, requests);
	}

}
