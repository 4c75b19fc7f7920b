package com.descope.notp.sample;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.Deployment.Shape;
import com.descope.notp.sample.Deployment.StorageMode;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings of a signed-in session do what the README and the configuration metadata
 * say, through the real filter chain, in every deployment where they apply (the storage
 * modes that keep tokens; the cookie mode for the cookie settings):
 * {@code descope.auto-refresh=false}, {@code descope.refresh-threshold},
 * {@code descope.cookie.same-site}, {@code descope.cookie.session-http-only} and
 * {@code descope.cookie.domain}. The defaults' side is asserted against the applications
 * with the default settings here and in {@code CookieStorageTests}. Two combinations of
 * settings keep the number of applications started small.
 */
class SessionAndCookieSettingsTests {

	private static final Map<String, String> NO_AUTO_REFRESH = Map.of("descope.auto-refresh", "false");

	/**
	 * A refresh threshold of two minutes, and cookies written otherwise than by default.
	 */
	private static final Map<String, String> CHANGED = Map.of("descope.refresh-threshold", "2m",
			"descope.cookie.same-site", "strict", "descope.cookie.session-http-only", "false", "descope.cookie.domain",
			"example.test");

	/** Every deployment that keeps tokens, with auto-refresh off. */
	static Stream<Deployment> withoutAutoRefresh() {
		return Deployment.all(NO_AUTO_REFRESH).filter((deployment) -> deployment.mode() != StorageMode.NONE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("withoutAutoRefresh")
	void requestWhenAutoRefreshIsOffAndTheSessionJwtNearsItsExpiryThenItIsUsedAsItIs(Deployment deployment) {
		// DescopeSessionTokenFilter passes a valid session JWT that is within the refresh
		// threshold on without authenticating the request when it may not refresh; only
		// the HTTP session's saved SecurityContext hides that
		Browser browser = signedIn(deployment, Duration.ofSeconds(10));
		long refreshes = SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH);

		Response me = browser.get("/api/me", "application/json");

		// within the 20 s threshold, yet not refreshed
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH)).as("refreshes")
			.isEqualTo(refreshes);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("withoutAutoRefresh")
	void requestWhenAutoRefreshIsOffAndTheSessionJwtExpiredThenSignedOutWithoutAskingDescope(Deployment deployment) {
		Duration ttl = Duration.ofMinutes(1);
		Browser browser = signedIn(deployment, ttl);
		long refreshes = SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH);
		assertThat(browser.get("/api/me", "application/json").status()).as("before its exp").isEqualTo(200);
		try {
			// the token's exp is at most its lifetime after the sign-in answered; the
			// session-token filter judges it by the application's clock
			deployment.clock().advance(ttl);

			Response me = browser.get("/api/me", "application/json");

			assertThat(me.status()).as(me.body()).isEqualTo(401);
			assertThat(SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH)).as("refreshes")
				.isEqualTo(refreshes);
			assertThat(browser.cookies("DSR")).isEmpty();
			assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);
		}
		finally {
			deployment.clock().reset();
		}
	}

	/**
	 * Every deployment that keeps tokens, with the refresh threshold of two minutes (a
	 * session JWT that expires in 90 s is refreshed) and with the default of 20 s (it is
	 * not).
	 */
	static Stream<Arguments> refreshThresholds() {
		return Stream.concat(
				Deployment.all(CHANGED)
					.filter((deployment) -> deployment.mode() != StorageMode.NONE)
					.map((deployment) -> Arguments.of(deployment, true)),
				Deployment.persisting().map((deployment) -> Arguments.of(deployment, false)));
	}

	@ParameterizedTest(name = "{0}, refreshed: {1}")
	@MethodSource("refreshThresholds")
	void requestWhenTheSessionJwtExpiresInNinetySecondsThenRefreshedOnlyWithinTheThreshold(Deployment deployment,
			boolean refreshed) {
		Browser browser = signedIn(deployment, Duration.ofSeconds(90));
		long refreshes = SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH);

		Response me = browser.get("/api/me", "application/json");

		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH)).as("refreshes")
			.isEqualTo(refreshes + (refreshed ? 1 : 0));
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH)).as("refreshes")
			.isEqualTo(refreshes + (refreshed ? 1 : 0));
	}

	/** The cookie mode in every shape, with the cookie settings changed. */
	static Stream<Deployment> changedCookies() {
		return Deployment.all(CHANGED).filter((deployment) -> deployment.mode() == StorageMode.COOKIES);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("changedCookies")
	void signInWhenCookieSettingsChangedThenEveryTokenCookieCarriesThemAndLogoutClearsThem(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		// Descope's own cookieDomain would be the proxied host itself: the setting wins
		emulator.setCookieScope(Origin.PROXY_HOST, "/");
		emulator.setSessionTokenTtl(Duration.ofSeconds(90));
		Browser browser = deployment.browser();
		Response done = deployment.signIn(browser, SessionTestSupport.ALICE);
		emulator.setSessionTokenTtl(Duration.ofMinutes(10));

		assertTokenCookie(deployment, done, "DS", false);
		assertTokenCookie(deployment, done, "DSR", true);
		assertThat(browser.cookies("DS")).singleElement()
			.satisfies((cookie) -> assertThat(cookie.hostOnly()).isEqualTo(deployment.shape() != Shape.PROXY));
		// within the two-minute threshold: refreshed into a new DS cookie, written alike
		Response me = browser.get("/api/me", "application/json");
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertTokenCookie(deployment, me, "DS", false);

		assertThat(browser.postForm("/logout", Map.of()).status()).isEqualTo(302);
		assertThat(browser.cookies("DS")).isEmpty();
		assertThat(browser.cookies("DSR")).isEmpty();
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	/**
	 * A browser signed in as Alice with a session JWT that expires after {@code ttl}.
	 */
	private static Browser signedIn(Deployment deployment, Duration ttl) {
		DescopeEmulator emulator = deployment.resetEmulator();
		Browser browser = deployment.browser();
		emulator.setSessionTokenTtl(ttl);
		deployment.signIn(browser, SessionTestSupport.ALICE);
		emulator.setSessionTokenTtl(Duration.ofMinutes(10));
		return browser;
	}

	/**
	 * The answer set the named token cookie with {@code SameSite=Strict}, with
	 * {@code HttpOnly} as given, and with {@code Domain=example.test} where the request's
	 * host is within it (behind the proxy, at {@code app.example.test}), else host-only.
	 */
	private static void assertTokenCookie(Deployment deployment, Response response, String name, boolean httpOnly) {
		assertThat(response.setCookie(name)).as(name).hasValueSatisfying((cookie) -> {
			assertThat(cookie).startsWith(name + "=ey").contains("; SameSite=Strict", "; Secure");
			if (httpOnly) {
				assertThat(cookie).contains("; HttpOnly");
			}
			else {
				assertThat(cookie).doesNotContain("HttpOnly");
			}
			if (deployment.shape() == Shape.PROXY) {
				assertThat(cookie).contains("; Domain=example.test");
			}
			else {
				assertThat(cookie).doesNotContain("Domain=");
			}
		});
	}

}
