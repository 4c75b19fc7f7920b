package com.descope.notp.sample;

import java.time.Duration;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookie storage mode ({@code session-token-via-cookie=true}): the session JWT in the
 * {@code DS} cookie, the refresh JWT in the {@code DSR} cookie, nothing on the server, so
 * any browser holding the two cookies is signed in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "descope.session-token-via-cookie=true" })
class CookieStorageTests extends SampleHttpTestSupport {

	@AfterEach
	void resetEmulator() {
		this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
	}

	@Test
	void loginWhenCookieStorageThenDsAndDsrCookiesWithSafeAttributes() {
		Response done = SessionTestSupport.signIn(this.browser, this.emulator);

		for (String name : new String[] { "DS", "DSR" }) {
			assertThat(done.setCookie(name)).as(name).hasValueSatisfying((cookie) -> {
				assertThat(cookie).matches(name + "=ey[^;]+;.*");
				assertThat(cookie).contains("; HttpOnly", "; SameSite=Lax", "; Path=/", "; Secure");
				assertThat(cookie).containsPattern("; Max-Age=[1-9][0-9]*");
				assertThat(cookie).doesNotContain("Domain=");
			});
		}
		assertThat(maxAge(done.setCookie("DS").orElseThrow())).isBetween(590L, 600L);
		assertThat(maxAge(done.setCookie("DSR").orElseThrow())).isGreaterThan(600L);
		assertThat(done.json().has("sessionJwt")).isFalse();
		assertThat(done.json().has("refreshJwt")).isFalse();
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
	}

	@Test
	void requestWhenOnlyTheTwoCookiesAreCopiedThenAuthenticatedWithoutServerState() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		Browser other = new Browser(this.port);
		other.copyCookiesFrom(this.browser, "DS", "DSR");

		Response me = other.get("/api/me", "application/json");

		assertThat(me.status()).isEqualTo(200);
		// no server state: the principal comes from the session JWT's claims alone
		assertThat(me.json().get("userId").asString())
			.isEqualTo(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow().userId());
		assertThat(me.json().get("roles").toString()).contains("admin");
		assertThat(other.get("/api/admin", "application/json").status()).isEqualTo(200);
		assertThat(other.cookie("JSESSIONID")).isEmpty();
		assertThat(me.setCookie("DS")).isEmpty();
	}

	@Test
	void requestWhenDsAboutToExpireThenRefreshedIntoANewDsCookie() {
		this.emulator.setSessionTokenTtl(Duration.ofSeconds(15));
		Response done = SessionTestSupport.signIn(this.browser, this.emulator);
		this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
		String oldDs = this.browser.cookie("DS").orElseThrow();
		String dsr = this.browser.cookie("DSR").orElseThrow();
		assertThat(maxAge(done.setCookie("DS").orElseThrow())).isBetween(5L, 15L);
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response me = this.browser.get("/api/me", "application/json");

		assertThat(me.status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
		assertThat(SessionTestSupport.jwtSentTo(this.emulator,
				SessionTestSupport.lastCall(this.emulator, SessionTestSupport.REFRESH)))
			.isEqualTo(dsr);
		assertThat(me.setCookie("DS")).hasValueSatisfying((cookie) -> {
			assertThat(cookie).startsWith("DS=ey").contains("; HttpOnly", "; SameSite=Lax", "; Path=/");
			assertThat(maxAge(cookie)).isBetween(590L, 600L);
		});
		assertThat(this.browser.cookie("DS")).isPresent().get().isNotEqualTo(oldDs);
		// Descope did not rotate the refresh token, so the browser keeps the one it has
		assertThat(this.browser.cookie("DSR")).hasValue(dsr);
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
	}

	@Test
	void logoutWhenCookieStorageThenCookiesExpiredAndRefreshJwtRevoked() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		String dsr = this.browser.cookie("DSR").orElseThrow();

		Response logout = this.browser.postForm("/logout", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.setCookie("DS"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("DS=;").contains("; Max-Age=0", "; Path=/"));
		assertThat(logout.setCookie("DSR"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("DSR=;").contains("; Max-Age=0", "; Path=/"));
		assertThat(SessionTestSupport.jwtSentTo(this.emulator,
				SessionTestSupport.lastCall(this.emulator, SessionTestSupport.LOGOUT)))
			.isEqualTo(dsr);
		assertThat(this.browser.cookie("DS")).isEmpty();
		assertThat(this.browser.cookie("DSR")).isEmpty();
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@Test
	void logoutWhenOldCookiesReplayedRightAfterARefreshThenDescopeAskedAndRefuses() {
		this.emulator.setSessionTokenTtl(Duration.ofSeconds(15));
		SessionTestSupport.signIn(this.browser, this.emulator);
		this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
		Browser copy = new Browser(this.port);
		copy.copyCookiesFrom(this.browser, "DS", "DSR");
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
		assertThat(this.browser.postForm("/logout", Map.of()).status()).isEqualTo(302);
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		// the refresh JWT was revoked: the answer shared with requests racing the refresh
		// is not reused
		Response replay = copy.get("/api/me", "application/json");

		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.setCookie("DS")).hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("DS=;"));
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
	}

	@Test
	void stepUpWhenCookieStorageThenStartsWithTheDsrCookiesRefreshJwtAndStoresTheNewSession() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		String dsr = this.browser.cookie("DSR").orElseThrow();
		String ds = this.browser.cookie("DS").orElseThrow();

		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("method", "sign-in", "loginOptions", Map.of("stepup", true)));

		assertThat(SessionTestSupport.jwtSentTo(this.emulator,
				this.emulator.calls().get(this.emulator.calls().size() - 1)))
			.isEqualTo(dsr);
		this.emulator.confirm(pendingRef);
		Response done = SessionTestSupport.poll(this.browser, pendingRef);
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.setCookie("DS")).isPresent();
		assertThat(this.browser.cookie("DS")).isPresent().get().isNotEqualTo(ds);
		assertThat(this.browser.get("/api/me", "application/json").json().get("steppedUp").asBoolean()).isTrue();
	}

	private static long maxAge(String setCookie) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("; Max-Age=([0-9]+)").matcher(setCookie);
		assertThat(matcher.find()).as(setCookie).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	@Nested
	@TestPropertySource(properties = "descope.cookie.secure=false")
	class WhenSecureRelaxed {

		@Test
		void loginWhenSecureRelaxedThenNoCookieIsSecure() {
			Browser browser = new Browser(CookieStorageTests.this.port);
			Response done = SessionTestSupport.signIn(browser, CookieStorageTests.this.emulator);

			for (String name : new String[] { "DS", "DSR", "DLU" }) {
				assertThat(done.setCookie(name)).as(name)
					.hasValueSatisfying((cookie) -> assertThat(cookie).doesNotContain("Secure"));
			}
			assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);
		}

	}

}
