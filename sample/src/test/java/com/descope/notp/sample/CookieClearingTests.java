package com.descope.notp.sample;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.Deployment.Shape;
import com.descope.notp.sample.Deployment.StorageMode;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cookie the starter sets ({@code DS}, {@code DSR}, the last-user cookie
 * {@code DLU}) is cleared with the {@code Domain} and {@code Path} it was set with, on
 * every path that clears it, in every storage mode and deployment shape: the
 * {@link Browser} keeps cookies as a browser does, by name, domain and path, so a
 * clearing {@code Set-Cookie} with other attributes would leave the cookie in place.
 * Descope's project here sets {@code cookieDomain} {@code example.test}, which the
 * proxied application ({@code app.example.test}) uses. Token cookies a front end's
 * Descope SDK wrote with script are cleared on logout in every storage mode too.
 */
class CookieClearingTests {

	/** Every deployment, with logout and "log out everywhere". */
	static Stream<Arguments> logouts() {
		// servlet only until the reactive logout and logout everywhere
		return Deployment.servlet()
			.flatMap((deployment) -> Stream.of(Arguments.of(deployment, "/logout"),
					Arguments.of(deployment, "/logout/all")));
	}

	@ParameterizedTest(name = "{0}, POST {1}")
	@MethodSource("logouts")
	void logoutWhenCookiesCarryTheProjectsDomainThenTheBrowserKeepsNoneOfThem(Deployment deployment, String path) {
		Browser browser = signedIn(deployment);
		assertCookiesSet(deployment, browser);

		Response logout = browser.postForm(path, Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertSignedOut(deployment, browser);
	}

	// servlet only until the reactive logout
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void logoutWhenAFrontEndWroteTheTokenCookiesWithScriptThenTheBrowserKeepsNoneAndIsSignedOut(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		EmulatedUser alice = emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow();
		Browser frontEnd = deployment.browser();
		// as Descope's SDK writes them (sessionTokenViaCookie, refreshTokenViaCookie):
		// Path /, and behind the proxy the project's cookieDomain
		String scope = "; Path=/" + ((deployment.shape() == Shape.PROXY) ? "; Domain=example.test" : "");
		frontEnd.setCookieAsScript("DS=" + emulator.issueSessionJwt(alice) + scope);
		frontEnd.setCookieAsScript("DSR=" + emulator.issueRefreshJwt(alice) + scope);
		assertThat(frontEnd.get("/api/me", "application/json").status()).isEqualTo(200);

		Response logout = frontEnd.postForm("/logout", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		for (String name : new String[] { "DS", "DSR" }) {
			assertThat(logout.headerValues("Set-Cookie")).as(name)
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(name + "=;").contains("Max-Age=0"));
			assertThat(frontEnd.cookies(name)).as(name).isEmpty();
		}
		assertThat(frontEnd.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#persisting")
	void refreshWhenDescopeRefusesThenTheBrowserKeepsNoTokenCookie(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		emulator.setCookieScope("example.test", "/");
		emulator.setSessionTokenTtl(Duration.ofSeconds(15));
		Browser browser = deployment.browser();
		deployment.signIn(browser, SessionTestSupport.ALICE);
		emulator.enqueueFailure(SessionTestSupport.REFRESH, 401, null,
				"{\"errorCode\":\"E061301\",\"errorDescription\":\"Refresh token revoked\"}");

		Response me = browser.get("/api/me", "application/json");

		assertThat(me.status()).isEqualTo(401);
		assertThat(browser.cookies("DS")).isEmpty();
		assertThat(browser.cookies("DSR")).isEmpty();
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#inCookies")
	void signInWhenTheNewTokensAreTooLargeForCookiesThenTheEarlierCookiesAreCleared(Deployment deployment) {
		Browser browser = signedIn(deployment);
		DescopeEmulator emulator = deployment.emulator();
		String[] roles = IntStream.range(0, 150).mapToObj((i) -> "role-with-a-long-name-" + i).toArray(String[]::new);
		emulator.addUser(EmulatedUser.withPhone("+15555550177", "Many Roles", roles));

		Response done = deployment.signIn(browser, "+15555550177");

		assertThat(done.setCookie("DS")).hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("DS=;"));
		assertThat(browser.cookies("DS")).isEmpty();
		assertThat(browser.cookies("DSR")).isEmpty();
		Response me = browser.get("/api/me", "application/json");
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().get("roles").size()).isEqualTo(150);
	}

	/**
	 * A browser signed in as Alice on a project whose {@code cookieDomain} is
	 * {@code example.test}.
	 */
	private static Browser signedIn(Deployment deployment) {
		deployment.resetEmulator().setCookieScope("example.test", "/");
		Browser browser = deployment.browser();
		deployment.signIn(browser, SessionTestSupport.ALICE);
		return browser;
	}

	private static void assertCookiesSet(Deployment deployment, Browser browser) {
		assertThat(browser.cookies("DLU")).singleElement().satisfies((cookie) -> {
			assertThat(cookie.path()).isEqualTo(browser.origin().path("/").replaceAll("(.)/$", "$1"));
			// Secure whatever the Host: a proxy may forward plain HTTP to 127.0.0.1
			// (nginx's default)
			assertThat(cookie.secure()).isTrue();
		});
		if (!deployment.mode().keepsTokensInCookies()) {
			assertThat(browser.cookies("DS")).isEmpty();
			return;
		}
		for (String name : new String[] { "DS", "DSR" }) {
			assertThat(browser.cookies(name)).as(name).singleElement().satisfies((cookie) -> {
				assertThat(cookie.path()).isEqualTo("/");
				assertThat(cookie.secure()).isTrue();
				if (deployment.shape() == Shape.PROXY) {
					assertThat(cookie.hostOnly()).isFalse();
					assertThat(cookie.domain()).isEqualTo("example.test");
				}
				else {
					assertThat(cookie.hostOnly()).isTrue();
				}
			});
		}
	}

	private static void assertSignedOut(Deployment deployment, Browser browser) {
		assertThat(browser.cookies("DS")).isEmpty();
		assertThat(browser.cookies("DSR")).isEmpty();
		assertThat(browser.cookies("DLU")).isEmpty();
		if (deployment.mode() != StorageMode.NONE) {
			assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);
		}
	}

}
