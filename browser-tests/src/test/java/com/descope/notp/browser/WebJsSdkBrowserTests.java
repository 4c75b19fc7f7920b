package com.descope.notp.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.descope.notp.sample.SampleApplication;
import com.descope.notp.test.PendingFlow;
import com.descope.notp.test.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code @descope/web-js-sdk} (npm, pinned in
 * {@code src/test/js/package-lock.json}; its UMD bundle in a plain HTML page, as
 * Descope's HTML guide does it, both served by the test from the application's origin,
 * {@link SdkPageConfiguration}) in headless Chromium, configured with {@code baseUrl} =
 * the Descope emulator, logs in with nOTP; the page then calls the sample's
 * {@code /api/me} and {@code /api/admin} with the session JWT as a bearer token or as the
 * {@code DS} cookie. The emulator is on another origin than the page, so every SDK call
 * goes through its CORS answers.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
@Import(SdkPageConfiguration.class)
class WebJsSdkBrowserTests extends BrowserTestSupport {

	static final Path SDK_BUNDLE = Path.of("src/test/js/node_modules/@descope/web-js-sdk/dist/index.umd.js");

	@BeforeAll
	static void startChromium() {
		startChromium("official Descope web SDK", Files.isRegularFile(SDK_BUNDLE) ? null
				: SDK_BUNDLE + " is missing: run `npm ci` in browser-tests/src/test/js");
	}

	@BeforeEach
	void openPage() {
		// the page on the application's origin (localhost), the emulator on another
		// (127.0.0.1), as in production
		chromium.driver.get(url("/sdk-page/index.html"));
		assertThat(chromium.js("return window.createSdk(arguments[0]);", Map.of("projectId", this.emulator.projectId(),
				"baseUrl", this.emulator.baseUrl(), "persistTokens", true, "autoRefresh", false)))
			.isEqualTo("function");
	}

	@AfterEach
	void clearStorage() {
		if (chromium != null) {
			chromium.js("try { localStorage.clear(); } catch (e) { /* about:blank */ }");
		}
	}

	@Test
	void signUpOrInWithoutLoginIdThenWaitForSessionGivesASessionTheBackendAccepts() throws Exception {
		JsonNode started = call("return sdk.notp.signUpOrIn('');");
		assertThat(started.get("ok").asBoolean()).as(started.toString()).isTrue();
		String pendingRef = started.get("data").get("pendingRef").asString();
		assertThat(started.get("data").get("redirectUrl").asString()).startsWith(this.emulator.baseUrl());
		assertThat(started.get("data").get("image").asString()).isNotBlank();
		PendingFlow flow = this.emulator.lastFlow();
		assertThat(flow.pendingRef()).isEqualTo(pendingRef);
		assertThat(flow.method()).isEqualTo("signup-in");

		JsonNode session = waitForSessionConfirmedBy(pendingRef, ALICE);
		assertThat(session.get("ok").asBoolean()).as(session.toString()).isTrue();
		String sessionJwt = session.get("data").get("sessionJwt").asString();
		String aliceId = this.emulator.findUserByLoginId(ALICE).orElseThrow().userId();

		JsonNode me = fetch("/api/me", sessionJwt);
		assertThat(status(me)).as(me.toString()).isEqualTo(200);
		assertThat(JSON.readTree(me.get("body").asString()).get("userId").asString()).isEqualTo(aliceId);
		assertThat(status(fetch("/api/admin", sessionJwt))).isEqualTo(200);
		assertThat(status(fetch("/api/me", null))).isEqualTo(401);
		assertThat(status(fetch("/api/me", tampered(sessionJwt)))).isEqualTo(401);
		assertThat(this.emulator.calls()).anySatisfy((call) -> {
			assertThat(call.path()).isEqualTo("/v1/auth/notp/whatsapp/signup-in");
			assertThat(call.header("x-descope-sdk-name")).isEqualTo("web-js");
		});
	}

	@Test
	void signInThenSessionWithTheUsersRoles() throws Exception {
		JsonNode started = call("return sdk.notp.signIn(arguments[0]);", BOB);
		assertThat(started.get("ok").asBoolean()).as(started.toString()).isTrue();
		String pendingRef = started.get("data").get("pendingRef").asString();
		assertThat(this.emulator.lastFlow().method()).isEqualTo("signin");

		JsonNode session = waitForSessionConfirmedBy(pendingRef, BOB);
		assertThat(session.get("ok").asBoolean()).as(session.toString()).isTrue();
		String sessionJwt = session.get("data").get("sessionJwt").asString();
		assertThat(status(fetch("/api/me", sessionJwt))).isEqualTo(200);
		assertThat(status(fetch("/api/admin", sessionJwt))).isEqualTo(403);
	}

	@Test
	void signUpThenNewUserWithItsName() throws Exception {
		String phone = String.format("+1555%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
		JsonNode started = call("return sdk.notp.signUp(arguments[0], { name: 'Carol New' });", phone);
		assertThat(started.get("ok").asBoolean()).as(started.toString()).isTrue();
		String pendingRef = started.get("data").get("pendingRef").asString();
		assertThat(this.emulator.lastFlow().method()).isEqualTo("signup");

		JsonNode session = waitForSessionConfirmedBy(pendingRef, phone);
		assertThat(session.get("ok").asBoolean()).as(session.toString()).isTrue();
		JsonNode me = fetch("/api/me", session.get("data").get("sessionJwt").asString());
		assertThat(status(me)).isEqualTo(200);
		assertThat(this.emulator.findUserByLoginId(phone).orElseThrow().name()).isEqualTo("Carol New");
		assertThat(JSON.readTree(me.get("body").asString()).get("userId").asString())
			.isEqualTo(this.emulator.findUserByLoginId(phone).orElseThrow().userId());
	}

	@Test
	void sessionTokenViaCookieThenTheDsCookieAuthenticates() throws Exception {
		chromium.js("return window.createSdk(arguments[0]);", Map.of("projectId", this.emulator.projectId(), "baseUrl",
				this.emulator.baseUrl(), "persistTokens", true, "sessionTokenViaCookie", true, "autoRefresh", false));
		JsonNode started = call("return sdk.notp.signIn(arguments[0]);", ALICE);
		String pendingRef = started.get("data").get("pendingRef").asString();
		JsonNode session = waitForSessionConfirmedBy(pendingRef, ALICE);
		assertThat(session.get("ok").asBoolean()).as(session.toString()).isTrue();

		Cookie ds = chromium.driver.manage().getCookieNamed("DS");
		assertThat(ds).as("the DS cookie the SDK set on the page's origin").isNotNull();
		assertThat(ds.getValue()).isEqualTo(session.get("data").get("sessionJwt").asString());
		// no Authorization header: the browser sends the DS cookie to the application's
		// origin
		assertThat(status(fetch("/api/admin", null))).isEqualTo(200);
		assertThat(status(fetch("/api/me", null))).isEqualTo(200);
	}

	@Test
	void autoRefreshWhenSessionNearsExpiryThenRenewedThroughTheEmulator() throws Exception {
		// web-js-sdk sets its refresh timer to 20 s before the session token expires, and
		// none under 20 s
		this.emulator.setSessionTokenTtl(Duration.ofSeconds(42));
		try {
			chromium.js(
					"window.createSdk(arguments[0]); window.tokens = [];"
							+ "sdk.onSessionTokenChange(function (t) { if (t) window.tokens.push(t); });",
					Map.of("projectId", this.emulator.projectId(), "baseUrl", this.emulator.baseUrl(), "persistTokens",
							true, "autoRefresh", true));
			long refreshesBefore = refreshCalls();
			JsonNode started = call("return sdk.notp.signIn(arguments[0]);", ALICE);
			JsonNode session = waitForSessionConfirmedBy(started.get("data").get("pendingRef").asString(), ALICE);
			assertThat(session.get("ok").asBoolean()).as(session.toString()).isTrue();
			String first = session.get("data").get("sessionJwt").asString();

			String renewed = new WebDriverWait(chromium.driver, Duration.ofSeconds(40), Duration.ofMillis(250))
				.until((driver) -> {
					@SuppressWarnings("unchecked")
					List<String> tokens = (List<String>) chromium.js("return window.tokens;");
					return tokens.stream().filter((t) -> !t.equals(first)).findFirst().orElse(null);
				});
			assertThat(refreshCalls()).isGreaterThan(refreshesBefore);
			RecordedCall refresh = this.emulator.calls()
				.stream()
				.filter((c) -> c.path().equals("/v1/auth/refresh"))
				.reduce((a, b) -> b)
				.orElseThrow();
			assertThat(refresh.header("origin")).startsWith("http://localhost:");
			assertThat(refresh.header("x-descope-sdk-name")).isEqualTo("web-js");
			assertThat(status(fetch("/api/admin", renewed))).isEqualTo(200);
		}
		finally {
			chromium.driver.get("about:blank"); // stops the SDK's refresh timer
			this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
		}
	}

	private long refreshCalls() {
		return this.emulator.calls().stream().filter((c) -> c.path().equals("/v1/auth/refresh")).count();
	}

	private JsonNode waitForSessionConfirmedBy(String pendingRef, String phone) {
		chromium.js("window.sessionResult = null; sdk.notp.waitForSession(arguments[0], "
				+ "{ pollingIntervalMs: 300, timeoutMs: 20000 }).then(function (r) { window.sessionResult = r; }, "
				+ "function (e) { window.sessionResult = { ok: false, thrown: String(e) }; });", pendingRef);
		this.emulator.confirm(pendingRef, phone);
		String result = chromium.waiting()
			.until((driver) -> (String) chromium
				.js("return window.sessionResult ? JSON.stringify(window.sessionResult) : null;"));
		return JSON.readTree(result);
	}

	private JsonNode call(String script, Object... args) {
		String wrapped = "var done = arguments[arguments.length - 1]; var args = Array.prototype.slice.call(arguments, 0, -1);"
				+ "Promise.resolve((function () { " + script + " }).apply(null, args))"
				+ ".then(function (r) { done(JSON.stringify(r)); }, function (e) { done(JSON.stringify({ ok: false, thrown: String(e) })); });";
		return JSON.readTree((String) chromium.driver.executeAsyncScript(wrapped, args));
	}

	/**
	 * The page calls the application, as a single-page app does: with a bearer token, or
	 * with its cookies.
	 */
	private JsonNode fetch(String path, String bearerToken) {
		return call("var headers = { Accept: 'application/json' };"
				+ "if (arguments[1]) { headers.Authorization = 'Bearer ' + arguments[1]; }"
				+ "return fetch(arguments[0], { headers: headers, credentials: 'same-origin' })"
				+ ".then(function (r) { return r.text().then(function (t) { return { status: r.status, body: t }; }); });",
				path, bearerToken);
	}

	private static int status(JsonNode answer) {
		return answer.get("status").asInt();
	}

	/**
	 * The token with one character of its signature changed, ten from the end: the last
	 * character of a base64url RSA signature carries only two bits, so changing the last
	 * ones could leave the signature as it was.
	 */
	private static String tampered(String jwt) {
		int at = jwt.length() - 10;
		char changed = (jwt.charAt(at) == 'A') ? 'B' : 'A';
		return jwt.substring(0, at) + changed + jwt.substring(at + 1);
	}

}
