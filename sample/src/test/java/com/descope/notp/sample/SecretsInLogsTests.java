package com.descope.notp.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import com.descope.notp.test.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole login, with the starter and Spring Security logging at {@code DEBUG}, in each
 * storage mode: start, a pending poll, the WhatsApp confirmation, completion,
 * {@code /api/me}, a session refresh, logout. No session JWT, refresh JWT or full
 * {@code pendingRef} may reach the log: the real values are collected from the answers
 * the browser got and from the calls Descope received, and the output is also searched
 * for anything shaped as a JWT, which covers the tokens the HTTP-session mode never shows
 * the browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "logging.level.com.descope=DEBUG",
				"logging.level.org.springframework.security=DEBUG", "logging.level.org.springframework.web=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@Import(ApplicationClockConfiguration.class)
class SecretsInLogsTests {

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

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

	private static final Pattern PENDING_REF = Pattern.compile("\"pendingRef\"\\s*:\\s*\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	Browser browser;

	/** Every answer the browser got, to collect the secrets from. */
	final List<Response> responses = new ArrayList<>();

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void resetEmulator() {
		this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
	}

	@Test
	void wholeFlowWhenTokensInHttpSessionThenNoSecretIsLogged(CapturedOutput output) {
		long refreshesBefore = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);
		String pendingRef = signInWithShortLivedSession();
		Response me = record(this.browser.get("/api/me", "application/json"));
		assertThat(me.status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).as("auto-refresh")
			.isGreaterThan(refreshesBefore);
		assertThat(record(this.browser.postForm("/logout", Map.of())).status()).isEqualTo(302);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.LOGOUT)).isPositive();

		Set<String> secrets = secrets(pendingRef);
		assertThat(secrets).as("a refresh JWT sent to Descope").anyMatch((s) -> JWT.matcher(s).matches());
		assertNothingLogged(output, secrets);
	}

	/**
	 * Start, a pending poll, the confirmation and the completion, with session JWTs that
	 * live 15 s, within the refresh threshold (20 s), so the next request refreshes the
	 * session.
	 * @return the flow's {@code pendingRef}
	 */
	String signInWithShortLivedSession() {
		this.emulator.setSessionTokenTtl(Duration.ofSeconds(15));
		Response started = record(
				this.browser.postJson("/login/notp", Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in")));
		assertThat(started.status()).isEqualTo(200);
		String pendingRef = started.json().get("pendingRef").asString();
		Response pending = record(this.browser.postJson("/login/notp/session", Map.of("pendingRef", pendingRef)));
		assertThat(pending.status()).isEqualTo(202);
		this.emulator.confirm(pendingRef);
		this.applicationClock.advance(POLLING_INTERVAL);
		Response done = record(this.browser.postJson("/login/notp/session", Map.of("pendingRef", pendingRef)));
		assertThat(done.status()).isEqualTo(200);
		return pendingRef;
	}

	Response record(Response response) {
		this.responses.add(response);
		return response;
	}

	Browser browser() {
		return this.browser;
	}

	DescopeEmulator emulator() {
		return this.emulator;
	}

	/**
	 * The secrets of this test: the {@code pendingRef}s, and every JWT in the browser's
	 * answers (bodies and {@code Set-Cookie}) and in the calls Descope received (headers
	 * and bodies).
	 */
	Set<String> secrets(String pendingRef) {
		Set<String> secrets = new LinkedHashSet<>();
		secrets.add(pendingRef);
		for (Response response : this.responses) {
			collect(response.body(), secrets);
			response.headerValues("Set-Cookie").forEach((cookie) -> collect(cookie, secrets));
		}
		for (RecordedCall call : this.emulator.calls()) {
			collect(call.body(), secrets);
			call.headers().values().forEach((value) -> collect(value, secrets));
		}
		return secrets;
	}

	private static String cookieValue(String setCookie) {
		return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
	}

	private static void collect(String text, Set<String> secrets) {
		Matcher jwt = JWT.matcher(text);
		while (jwt.find()) {
			secrets.add(jwt.group());
		}
		Matcher pendingRef = PENDING_REF.matcher(text);
		while (pendingRef.find()) {
			secrets.add(pendingRef.group(1));
		}
	}

	private static void assertNothingLogged(CapturedOutput output, Set<String> secrets) {
		String log = output.getAll();
		assertThat(log).as("DEBUG logging is on").contains("Started nOTP").contains("DEBUG");
		for (String secret : secrets) {
			assertThat(log).as("a secret of %d chars starting %s", secret.length(), secret.substring(0, 4))
				.doesNotContain(secret);
		}
		assertThat(log).as("anything shaped as a JWT").doesNotContainPattern(JWT);
	}

	@Nested
	@TestPropertySource(properties = "descope.session-token-via-cookie=true")
	class WhenTokensInCookies {

		@Test
		void wholeFlowThenNoSecretIsLogged(CapturedOutput output) {
			long refreshesBefore = SessionTestSupport.calls(emulator(), SessionTestSupport.REFRESH);
			String pendingRef = signInWithShortLivedSession();
			Response me = record(browser().get("/api/me", "application/json"));
			assertThat(me.status()).isEqualTo(200);
			assertThat(SessionTestSupport.calls(emulator(), SessionTestSupport.REFRESH)).as("auto-refresh")
				.isGreaterThan(refreshesBefore);
			assertThat(me.setCookie("DS")).as("the refreshed DS cookie").isPresent();
			assertThat(record(browser().postForm("/logout", Map.of())).status()).isEqualTo(302);

			Set<String> secrets = secrets(pendingRef);
			assertThat(secrets).as("the DS and DSR cookies")
				.contains(cookieValue(me.setCookie("DS").orElseThrow()))
				.filteredOn((s) -> JWT.matcher(s).matches())
				.hasSizeGreaterThanOrEqualTo(2);
			assertNothingLogged(output, secrets);
		}

	}

	@Nested
	@TestPropertySource(properties = "descope.persist-tokens=false")
	class WhenNothingPersisted {

		@Test
		void wholeFlowThenNoSecretIsLogged(CapturedOutput output) {
			String pendingRef = signInWithShortLivedSession();
			Response done = SecretsInLogsTests.this.responses.get(SecretsInLogsTests.this.responses.size() - 1);
			String sessionJwt = done.json().get("sessionJwt").asString();
			String refreshJwt = done.json().get("refreshJwt").asString();
			assertThat(record(browser().getWithBearer("/api/me", sessionJwt)).status()).isEqualTo(200);
			Response refreshed = record(browser().postWithBearer("/login/notp/refresh", Map.of(), refreshJwt));
			assertThat(refreshed.status()).isEqualTo(200);
			assertThat(
					record(browser().getWithBearer("/api/me", refreshed.json().get("sessionJwt").asString())).status())
				.isEqualTo(200);
			assertThat(record(browser().postForm("/logout", Map.of())).status()).isEqualTo(302);

			Set<String> secrets = secrets(pendingRef);
			assertThat(secrets).contains(sessionJwt, refreshJwt, refreshed.json().get("sessionJwt").asString());
			assertNothingLogged(output, secrets);
		}

	}

}
