package com.descope.notp.browser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Next.js front end ({@code frontends/nextjs}: {@code @descope/nextjs-sdk}'s
 * {@code AuthProvider} configured from the starter on the server, the session JWT in the
 * {@code DS} cookie, and a server-side route that calls the Spring API forwarding that
 * cookie) in headless Chromium, run by {@code next start}.
 */
class NextjsSdkBrowserTests extends FrontEndBrowserTests {

	@BeforeAll
	static void startChromium() {
		startChromium("Next.js front end", FrontEnds.whyNextjsNotRunnable());
	}

	@Override
	String sdkName() {
		return "nextjs";
	}

	@Override
	String origin() {
		return next().origin();
	}

	@Override
	String sessionToken() {
		return cookie("DS");
	}

	@Override
	String refreshToken() {
		String cookie = cookie("DSR");
		return (cookie != null) ? cookie : localStorage("DSR");
	}

	@Test
	void signInThenTheServerSideRouteForwardsTheDsCookieAndOnlyIt() throws Exception {
		open();
		this.emulator.confirm(start(ALICE).pendingRef(), ALICE);
		answer("me-answer", 200);
		assertThat(sessionToken()).as("the DS cookie on the app's own origin").isNotBlank();

		chromium.driver.manage().deleteCookieNamed("DS");
		id("me").click();
		chromium.waiting().until(ExpectedConditions.attributeToBe(By.id("me-answer"), "data-status", "401"));
	}

}
