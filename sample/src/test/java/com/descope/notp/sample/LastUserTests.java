package com.descope.notp.sample;

import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last authenticated user ({@code store-last-authenticated-user}): remembered in the
 * {@code DLU} cookie, offered on the login page with the number masked, forgotten on
 * logout unless {@code keep-last-authenticated-user-after-logout}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
class LastUserTests extends SampleHttpTestSupport {

	private static final String CONTINUE_AS_ALICE = "Continue as Alice Admin (+1 ••• ••• 0100)";

	@Test
	void loginWhenStoringLastUserThenDluCookieAndLoginPageOffersToContinueMasked() {
		assertThat(loginPage(this.browser)).doesNotContain("Continue as");

		Response done = SessionTestSupport.signIn(this.browser, this.emulator);

		assertThat(done.setCookie("DLU")).hasValueSatisfying((cookie) -> {
			assertThat(cookie).contains("; HttpOnly", "; SameSite=Lax", "; Path=/", "; Secure")
				.containsPattern("; Max-Age=[1-9]");
			assertThat(cookie).doesNotContain("eyJhbGci");
		});
		String page = loginPage(this.browser);
		assertThat(page).contains(CONTINUE_AS_ALICE);
		assertThat(page).doesNotContain(SessionTestSupport.ALICE)
			.doesNotContain("5555550100")
			.doesNotContain("eyJhbGci");
	}

	@Test
	void continueAsLastUserWhenClickedThenStartsAFlowForTheRememberedNumber() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		Browser later = new Browser(this.port);
		later.copyCookiesFrom(this.browser, "DLU");
		assertThat(loginPage(later)).contains(CONTINUE_AS_ALICE);

		Response started = later.postForm("/login/notp", Map.of("lastUser", "true", "method", "sign-in"));

		assertThat(started.status()).isEqualTo(200);
		String pendingRef = started.json().get("pendingRef").asString();
		assertThat(this.emulator.lastFlow().pendingRef()).isEqualTo(pendingRef);
		assertThat(this.emulator.lastFlow().loginId()).isEqualTo(SessionTestSupport.ALICE);
		assertThat(started.body()).doesNotContain(SessionTestSupport.ALICE);
		this.emulator.confirm(pendingRef);
		assertThat(SessionTestSupport.poll(later, pendingRef).status()).isEqualTo(200);
		assertThat(later.get("/api/me", "application/json").json().get("phone").asString())
			.isEqualTo(SessionTestSupport.ALICE);
	}

	@Test
	void continueAsLastUserWhenNoneRememberedThenBadRequestAndNothingSent() {
		long starts = this.emulator.flows().size();

		Response refused = this.browser.postForm("/login/notp", Map.of("lastUser", "true", "method", "sign-in"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("lastUser");
		assertThat(this.emulator.flows()).hasSize((int) starts);
	}

	@Test
	void logoutWhenLastUserNotKeptThenDluCookieExpiredAndNoLongerOffered() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		assertThat(this.browser.cookie("DLU")).isPresent();

		Response logout = this.browser.postForm("/logout", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.setCookie("DLU"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("DLU=;").contains("; Max-Age=0", "; Path=/"));
		assertThat(this.browser.cookie("DLU")).isEmpty();
		assertThat(loginPage(this.browser)).doesNotContain("Continue as");
	}

	static String loginPage(Browser browser) {
		Response page = browser.get("/login/notp", "text/html");
		assertThat(page.status()).isEqualTo(200);
		return page.body();
	}

	@Nested
	@TestPropertySource(properties = "descope.keep-last-authenticated-user-after-logout=true")
	class WhenKeptAfterLogout {

		@Test
		void logoutWhenLastUserKeptThenDluCookieSurvivesAndIsStillOffered() {
			Browser browser = new Browser(LastUserTests.this.port);
			SessionTestSupport.signIn(browser, LastUserTests.this.emulator);
			String remembered = browser.cookie("DLU").orElseThrow();

			Response logout = browser.postForm("/logout", Map.of());

			assertThat(logout.status()).isEqualTo(302);
			assertThat(logout.setCookie("DLU")).isEmpty();
			assertThat(browser.cookie("DLU")).hasValue(remembered);
			assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);
			assertThat(loginPage(browser)).contains(CONTINUE_AS_ALICE);
		}

	}

	@Nested
	@TestPropertySource(properties = "descope.store-last-authenticated-user=false")
	class WhenNotStored {

		@Test
		void loginWhenLastUserNotStoredThenNoDluCookieAndNothingOffered() {
			Browser browser = new Browser(LastUserTests.this.port);

			Response done = SessionTestSupport.signIn(browser, LastUserTests.this.emulator);

			assertThat(done.setCookie("DLU")).isEmpty();
			assertThat(browser.cookie("DLU")).isEmpty();
			assertThat(loginPage(browser)).doesNotContain("Continue as");
		}

	}

}
