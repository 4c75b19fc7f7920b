package com.descope.notp.sample;

import java.util.Map;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token cookies renamed with {@code descope.cookie.session-name} and
 * {@code descope.cookie.refresh-name} ({@code APP_SESSION}, {@code APP_REFRESH}) work end
 * to end in every storage mode: a front end's session cookie under the new name
 * authenticates and one under {@code DS} no longer does; where the starter keeps the
 * tokens in cookies it writes them under the new names, refreshes from the renamed
 * refresh cookie and clears both on logout; a renamed session cookie a front end wrote
 * with script is cleared on logout in every mode.
 */
class RenamedCookieTests {

	static Stream<Deployment> renamed() {
		return SdkConfigurationEndpointTests.frontEnd();
	}

	static Stream<Deployment> renamedInCookies() {
		return renamed().filter((d) -> d.mode().keepsTokensInCookies());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("renamed")
	void requestWhenAFrontEndSendsTheRenamedSessionCookieThenAuthenticatedAndUnderDsNot(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		String sessionJwt = emulator
			.issueSessionJwt(emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());
		Browser frontEnd = deployment.browser();
		frontEnd.setCookie("APP_SESSION", sessionJwt);
		Browser oldName = deployment.browser();
		oldName.setCookie("DS", sessionJwt);

		Response me = frontEnd.get("/api/me", "application/json");

		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().get("userId").asString())
			.isEqualTo(emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow().userId());
		assertThat(oldName.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("renamed")
	void logoutWhenAFrontEndWroteTheRenamedSessionCookieThenItIsClearedAndTheNextRequestIsUnauthenticated(
			Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		Browser frontEnd = deployment.browser();
		frontEnd.setCookieAsScript("APP_SESSION="
				+ emulator.issueSessionJwt(emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow())
				+ "; Path=/; SameSite=Strict");
		assertThat(frontEnd.get("/api/me", "application/json").status()).isEqualTo(200);

		Response logout = frontEnd.postForm("/logout", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.headerValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("APP_SESSION=;").contains("Max-Age=0"));
		assertThat(frontEnd.cookie("APP_SESSION")).isEmpty();
		assertThat(frontEnd.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("renamedInCookies")
	void signInWhenCookiesRenamedThenWrittenRefreshedAndClearedUnderTheNewNames(Deployment deployment) {
		deployment.resetEmulator();
		Browser browser = deployment.browser();

		Response done = deployment.signIn(browser, SessionTestSupport.ALICE);

		assertThat(done.setCookie("APP_SESSION"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).matches("APP_SESSION=ey[^;]+;.*")
				.contains("; HttpOnly", "; SameSite=Strict"));
		assertThat(done.setCookie("APP_REFRESH")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).matches("APP_REFRESH=ey[^;]+;.*").contains("; HttpOnly"));
		assertThat(done.setCookie("DS")).isEmpty();
		assertThat(done.setCookie("DSR")).isEmpty();
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);

		Response refreshed = browser.postJson("/login/notp/refresh", Map.of());
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		assertThat(refreshed.setCookie("APP_SESSION"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).matches("APP_SESSION=ey[^;]+;.*"));

		Response logout = browser.postForm("/logout", Map.of());
		assertThat(logout.status()).isEqualTo(302);
		for (String name : new String[] { "APP_SESSION", "APP_REFRESH" }) {
			assertThat(logout.headerValues("Set-Cookie")).as(name)
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(name + "=;").contains("Max-Age=0"));
		}
		assertThat(browser.cookie("APP_SESSION")).isEmpty();
		assertThat(browser.cookie("APP_REFRESH")).isEmpty();
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);
	}

}
