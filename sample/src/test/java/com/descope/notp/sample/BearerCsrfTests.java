package com.descope.notp.sample;

import java.util.List;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bearer header exempts a request from the CSRF check only when the request carries no
 * ambient credential, in every storage mode and deployment shape: a cross-site page that
 * may send {@code Authorization} (a permissive CORS policy) and adds
 * {@code Authorization: Bearer x} beside the victim's cookies (the HTTP session's, or a
 * session- or refresh-JWT cookie, under their configured names) is refused {@code 403} on
 * {@code POST /logout} and on a start; a single-page app's bearer call with no cookie is
 * not CSRF-checked.
 */
class BearerCsrfTests {

	private static final String INVALID_CSRF = "urn:descope-notp:problem:invalid-csrf-token";

	// servlet only until the reactive login endpoints (start, poll) and logout
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void postWhenABearerHeaderBesideTheSignedInBrowsersCookiesAndNoCsrfTokenThenForbidden(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		Browser victim = deployment.browser();
		deployment.signIn(victim, "+15555550142");
		long logouts = SessionTestSupport.calls(emulator, SessionTestSupport.LOGOUT);

		Response logout = victim.postWithBearerWithoutCsrf("/logout", Map.of(), "x");
		Response start = victim.postWithBearerWithoutCsrf("/login/notp", Map.of("loginId", "+15555550142"), "x");

		for (Response refused : List.of(logout, start)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(403);
			assertThat(SessionTestSupport.problemType(refused)).isEqualTo(INVALID_CSRF);
		}
		assertThat(SessionTestSupport.calls(emulator, SessionTestSupport.LOGOUT)).isEqualTo(logouts);
		assertThat(victim.get("/api/me", "application/json").status()).isEqualTo(200);
	}

	// servlet only until the reactive chain checks the bearer before CSRF (401, not 403)
	// and has no POST /logout
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void postWhenABearerHeaderBesideAnyCredentialCookieThenForbidden(Deployment deployment) {
		for (String name : List.of("JSESSIONID", "SESSION", "DS", "DSR")) {
			Browser browser = deployment.browser();
			browser.setCookie(name, "anything");

			Response logout = browser.postWithBearerWithoutCsrf("/logout", Map.of(), "x");

			assertThat(logout.status()).as(name).isEqualTo(403);
			assertThat(SessionTestSupport.problemType(logout)).as(name).isEqualTo(INVALID_CSRF);
		}
	}

	// servlet only until the reactive bearer CSRF exemption, start endpoint and logout
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void postWhenOnlyABearerTokenAndNoCookieThenCsrfDoesNotApply(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		String sessionJwt = emulator
			.issueSessionJwt(emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());

		Response start = deployment.browser()
			.postWithBearerWithoutCsrf("/login/notp", Map.of("loginId", "+15555550143"), sessionJwt);
		Response logout = deployment.browser().postWithBearerWithoutCsrf("/logout", Map.of(), sessionJwt);

		assertThat(start.status()).as(start.body()).isEqualTo(200);
		assertThat(start.json().get("pendingRef").asString()).isNotBlank();
		assertThat(logout.status()).as(logout.body()).isEqualTo(302);
		assertThat(logout.header("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login/notp?logout"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.RenamedCookieTests#renamed")
	void postWhenTheTokenCookiesAreRenamedThenTheConfiguredNamesAreTheCredentials(Deployment deployment) {
		for (String name : List.of("APP_SESSION", "APP_REFRESH")) {
			Browser browser = deployment.browser();
			browser.setCookie(name, "anything");

			Response logout = browser.postWithBearerWithoutCsrf("/logout", Map.of(), "x");

			assertThat(logout.status()).as(name).isEqualTo(403);
		}
		Browser withAnUnrelatedDsCookie = deployment.browser();
		withAnUnrelatedDsCookie.setCookie("DS", "anything");
		assertThat(withAnUnrelatedDsCookie.postWithBearerWithoutCsrf("/logout", Map.of(), "x").status()).isEqualTo(302);
	}

}
