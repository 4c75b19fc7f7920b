package com.descope.notp.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeSessionTokenEvent.Change;
import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.AnswerHold;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default storage mode ({@code persist-tokens=true},
 * {@code session-token-via-cookie=false}): the tokens stay in the HTTP session and only
 * the session cookie reaches the browser. Automatic refresh (one upstream call, also for
 * twenty concurrent requests), a refused refresh against a failing one, logout at
 * Descope, and the session token and authentication events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "descope.http.retry-backoff=" })
@Import(ApplicationClockConfiguration.class)
class HttpSessionStorageTests {

	/**
	 * {@code descope.notp.polling-interval}, by default: the least time between two polls
	 * Descope sees.
	 */
	private static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

	@Autowired
	private MovableClock applicationClock;

	@AfterEach
	void resetTheApplicationClock() {
		this.applicationClock.reset();
	}

	private static final Duration ABOUT_TO_EXPIRE = Duration.ofSeconds(15);

	private static final Duration DESCOPE_DEFAULT_TTL = Duration.ofMinutes(10);

	/** How long to wait for an event at most; only a failing test waits that long. */
	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	@Autowired
	EventCollector events;

	@Autowired
	ServerRequests serverRequests;

	Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void resetEmulator() {
		this.emulator.setSessionTokenTtl(DESCOPE_DEFAULT_TTL);
	}

	@Test
	void loginWhenSessionStorageThenBrowserGetsOnlyTheSessionCookie() {
		Response done = SessionTestSupport.signIn(this.browser, this.emulator);
		assertThat(done.setCookie("JSESSIONID")).isPresent();
		assertThat(done.setCookie("DS")).isEmpty();
		assertThat(done.setCookie("DSR")).isEmpty();
		assertThat(done.json().has("sessionJwt")).isFalse();
		assertThat(done.json().has("refreshJwt")).isFalse();
		assertThat(done.body()).doesNotContain("eyJ");
		assertThat(this.browser.cookie("DS")).isEmpty();
		assertThat(this.browser.cookie("DSR")).isEmpty();

		Response me = this.browser.get("/api/me", "application/json");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("phone").asString()).isEqualTo(SessionTestSupport.ALICE);
		assertThat(me.headerValues("Set-Cookie")).noneMatch((c) -> c.startsWith("DS=") || c.startsWith("DSR="));
	}

	@Test
	void requestWhenSessionTokenAboutToExpireThenRefreshedWithOneUpstreamCall() {
		signInWithTokenAboutToExpire();
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response me = this.browser.get("/api/me", "application/json");

		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("phone").asString()).isEqualTo(SessionTestSupport.ALICE);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
		String refreshJwt = SessionTestSupport.jwtSentTo(this.emulator,
				SessionTestSupport.lastCall(this.emulator, SessionTestSupport.REFRESH));
		assertThat(SessionTestSupport.claims(refreshJwt).get("drn").asString()).isEqualTo("DSR");
		assertThat(me.headerValues("Set-Cookie")).noneMatch((c) -> c.startsWith("DS=") || c.startsWith("DSR="));
		// the refreshed token has Descope's usual lifetime: no further refresh
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
	}

	@Test
	void refreshWhenTwentyConcurrentRequestsThenOneUpstreamCall() throws Exception {
		signInWithTokenAboutToExpire();
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);
		int begun = this.serverRequests.begun("/api/me");
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			try (AnswerHold descope = this.emulator.holdAnswers(SessionTestSupport.REFRESH)) {
				for (int i = 0; i < 20; i++) {
					statuses.add(pool.submit(() -> this.browser.get("/api/me", "application/json").status()));
				}
				// one request's refresh is with Descope while all twenty are in the
				// server
				descope.awaitHeld(1, EVENT_TIMEOUT);
				this.serverRequests.awaitBegun("/api/me", begun + 20, EVENT_TIMEOUT);
				assertThat(statuses).as("every request waits for the one refresh").noneMatch(Future::isDone);
			}
			List<Integer> answers = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answers.add(status.get(30, TimeUnit.SECONDS));
			}
			assertThat(answers).hasSize(20).containsOnly(200);
			assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
	}

	@Test
	void refreshWhenDescopeRefusesThenUnauthenticatedAndTokensCleared() {
		signInWithTokenAboutToExpire();
		this.emulator.enqueueFailure(SessionTestSupport.REFRESH, 401, Map.of("Content-Type", "application/json"),
				"{\"errorCode\":\"E061005\",\"errorDescription\":\"Refresh token expired\","
						+ "\"errorMessage\":\"The refresh token has expired\"}");
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response refused = this.browser.get("/api/me", "application/json");

		assertThat(refused.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(refused)).isEqualTo("urn:descope-notp:problem:unauthenticated");
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
		Response next = this.browser.get("/api/me", "application/json");
		assertThat(next.status()).isEqualTo(401);
		assertThat(this.browser.get("/api/me", "text/html").status()).isEqualTo(302);
		// nothing left to refresh with: Descope is not asked again
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
	}

	@ParameterizedTest(name = "Descope answers {0} with Retry-After {1}")
	@CsvSource({ "503, , 1", "429, 7, 7", "500, 2, 2" })
	void refreshWhenDescopeFailsTransientlyThenRetryAfterAndStillSignedIn(int status, String retryAfter,
			String expectedRetryAfter) {
		signInWithTokenAboutToExpire();
		this.emulator.enqueueFailure(SessionTestSupport.REFRESH, status,
				(retryAfter != null) ? Map.of("Retry-After", retryAfter) : null, null);
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response failed = this.browser.get("/api/me", "application/json");

		int expectedStatus = (status == 429) ? 429 : 503;
		assertThat(failed.status()).isEqualTo(expectedStatus);
		assertThat(failed.header("Retry-After")).hasValue(expectedRetryAfter);
		assertThat(SessionTestSupport.problemType(failed)).isEqualTo((status == 429)
				? "urn:descope-notp:problem:rate-limited" : "urn:descope-notp:problem:descope-unavailable");
		Response recovered = this.browser.get("/api/me", "application/json");
		assertThat(recovered.status()).isEqualTo(200);
		assertThat(recovered.json().get("phone").asString()).isEqualTo(SessionTestSupport.ALICE);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 2);
	}

	@Test
	void logoutWhenSignedInThenRefreshJwtRevokedAtDescopeAndSessionEnded() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.LOGOUT);

		Response logout = this.browser.postForm("/logout", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.header("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login/notp?logout"));
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.LOGOUT)).isEqualTo(before + 1);
		String refreshJwt = SessionTestSupport.jwtSentTo(this.emulator,
				SessionTestSupport.lastCall(this.emulator, SessionTestSupport.LOGOUT));
		assertThat(SessionTestSupport.claims(refreshJwt).get("drn").asString()).isEqualTo("DSR");
		assertThat(SessionTestSupport.claims(refreshJwt).get("sub").asString())
			.isEqualTo(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow().userId());
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(401);
		// revoked at Descope: refreshing with it is refused
		Response refresh = new Browser(this.port).postWithBearerWithoutCsrf("/login/notp/refresh", Map.of(),
				refreshJwt);
		assertThat(refresh.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(refresh)).isEqualTo("urn:descope-notp:problem:invalid-token");
	}

	@Test
	void logoutEverywhereWhenSignedInTwiceThenEverySessionOfTheUserRevoked() {
		Browser phone = new Browser(this.port);
		this.emulator.setSessionTokenTtl(ABOUT_TO_EXPIRE);
		SessionTestSupport.signIn(phone, this.emulator);
		this.emulator.setSessionTokenTtl(DESCOPE_DEFAULT_TTL);
		SessionTestSupport.signIn(this.browser, this.emulator);
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.LOGOUT_ALL);

		Response logout = this.browser.postForm("/logout/all", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.header("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login/notp?logout"));
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.LOGOUT_ALL)).isEqualTo(before + 1);
		assertThat(SessionTestSupport
			.claims(SessionTestSupport.jwtSentTo(this.emulator,
					SessionTestSupport.lastCall(this.emulator, SessionTestSupport.LOGOUT_ALL)))
			.get("drn")
			.asString()).isEqualTo("DSR");
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(401);
		// the other browser's refresh token was revoked too: its next refresh is refused
		assertThat(phone.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@Test
	void logoutWhenDescopeFailsThenLocalSessionClearedAllTheSame() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		this.emulator.enqueueFailure(SessionTestSupport.LOGOUT, 500, null, "upstream broke");
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.LOGOUT);

		Response logout = this.browser.postForm("/logout", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.LOGOUT)).isEqualTo(before + 1);
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@Test
	void sessionLifecycleWhenLoginRefreshLogoutThenEventsPublished() {
		String aliceId = this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow().userId();
		this.events.clear();

		signInWithTokenAboutToExpire();
		assertThat(this.events.tokenChanges()).containsExactly(Change.ISSUED);
		DescopeSessionTokenEvent issued = this.events.tokenEvents().get(0);
		assertThat(issued.getUserId()).isEqualTo(aliceId);
		assertThat(issued.getSessionExpiresAt()).isNotNull();
		assertThat(this.events.authentication(AuthenticationSuccessEvent.class)).hasSize(1);
		assertThat(this.events.authentication(AbstractAuthenticationFailureEvent.class)).isEmpty();

		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
		assertThat(this.events.tokenChanges()).containsExactly(Change.ISSUED, Change.REFRESHED);
		DescopeSessionTokenEvent refreshed = this.events.tokenEvents().get(1);
		assertThat(refreshed.getUserId()).isEqualTo(aliceId);
		assertThat(refreshed.getSessionExpiresAt()).isAfter(issued.getSessionExpiresAt());

		assertThat(this.browser.postForm("/logout", Map.of()).status()).isEqualTo(302);
		assertThat(this.events.tokenChanges()).containsExactly(Change.ISSUED, Change.REFRESHED, Change.CLEARED);
		DescopeSessionTokenEvent cleared = this.events.tokenEvents().get(2);
		assertThat(cleared.getUserId()).isEqualTo(aliceId);
		assertThat(cleared.getSessionExpiresAt()).isNull();
		assertThat(this.events.tokenEvents()).allSatisfy((event) -> assertThat(event.toString()).doesNotContain("eyJ"));
	}

	@Test
	void completeWhenFlowExpiredThenAuthenticationFailureEventAndNoneWhilePending() {
		this.events.clear();
		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		assertThat(SessionTestSupport.poll(this.browser, pendingRef).status()).isEqualTo(202);
		assertThat(this.events.authentication(AbstractAuthenticationEvent.class)).isEmpty();

		this.emulator.expire(pendingRef);
		this.applicationClock.advance(POLLING_INTERVAL);
		assertThat(SessionTestSupport.poll(this.browser, pendingRef).status()).isEqualTo(401);

		assertThat(this.events.authentication(AbstractAuthenticationFailureEvent.class)).singleElement()
			.isInstanceOf(AuthenticationFailureBadCredentialsEvent.class);
		assertThat(this.events.authentication(AuthenticationSuccessEvent.class)).isEmpty();
		assertThat(this.events.tokenEvents()).isEmpty();
	}

	@Test
	void completeWhenDescopeUnavailableThenServiceExceptionFailureEvent() {
		this.events.clear();
		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		this.emulator.confirm(pendingRef);
		this.emulator.enqueueFailure("/v1/auth/notp/pending-session", 503, Map.of("Retry-After", "3"), null);

		Response unavailable = SessionTestSupport.poll(this.browser, pendingRef);

		assertThat(unavailable.status()).isEqualTo(503);
		assertThat(unavailable.header("Retry-After")).hasValue("3");
		assertThat(this.events.authentication(AuthenticationFailureServiceExceptionEvent.class)).hasSize(1);
		// the flow stays usable
		this.applicationClock.advance(POLLING_INTERVAL);
		assertThat(SessionTestSupport.poll(this.browser, pendingRef).status()).isEqualTo(200);
		assertThat(this.events.authentication(AuthenticationSuccessEvent.class)).hasSize(1);
	}

	private void signInWithTokenAboutToExpire() {
		this.emulator.setSessionTokenTtl(ABOUT_TO_EXPIRE);
		SessionTestSupport.signIn(this.browser, this.emulator);
		// the refreshed token gets Descope's usual lifetime, so it needs no further
		// refresh
		this.emulator.setSessionTokenTtl(DESCOPE_DEFAULT_TTL);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Events {

		@Bean
		EventCollector eventCollector() {
			return new EventCollector();
		}

		@Bean
		ServerRequests serverRequests() {
			return new ServerRequests();
		}

	}

	/** Records the session token events and Spring Security's authentication events. */
	static class EventCollector {

		private final List<DescopeSessionTokenEvent> tokenEvents = new CopyOnWriteArrayList<>();

		private final List<AbstractAuthenticationEvent> authenticationEvents = new CopyOnWriteArrayList<>();

		@EventListener
		void onTokenChange(DescopeSessionTokenEvent event) {
			this.tokenEvents.add(event);
		}

		@EventListener
		void onAuthentication(AbstractAuthenticationEvent event) {
			this.authenticationEvents.add(event);
		}

		void clear() {
			this.tokenEvents.clear();
			this.authenticationEvents.clear();
		}

		List<DescopeSessionTokenEvent> tokenEvents() {
			return List.copyOf(this.tokenEvents);
		}

		List<Change> tokenChanges() {
			return this.tokenEvents.stream().map(DescopeSessionTokenEvent::getChange).toList();
		}

		<E extends AbstractAuthenticationEvent> List<E> authentication(Class<E> type) {
			return this.authenticationEvents.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
