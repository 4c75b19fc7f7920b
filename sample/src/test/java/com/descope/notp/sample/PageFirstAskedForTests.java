package com.descope.notp.sample;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.BrowserRequests.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a browser's navigation is remembered as the page to return to after login: the
 * requests a browser makes between the navigation and the login (a script's
 * {@code fetch}, a style sheet, an icon, the DevTools probe, a page in a frame) are
 * answered {@code 401} problem+json and never replace it, in every storage mode and
 * deployment shape.
 */
class PageFirstAskedForTests {

	// servlet only until the reactive login endpoints (start, poll) and request cache
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginWhenOtherRequestsCameBetweenThenReturnsToThePageFirstAskedFor(Deployment deployment) {
		Browser browser = deployment.browser();
		Response page = browser.get("/api/me", BrowserRequests.NAVIGATION);
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith(browser.origin().path("/login/notp")));

		BrowserRequests.NOT_NAVIGATIONS.forEach((what, request) -> {
			Response answer = browser.get(request.path(), request.headers());
			assertThat(answer.status()).as(what).isEqualTo(401);
			assertThat(SessionTestSupport.problemType(answer)).as(what)
				.isEqualTo("urn:descope-notp:problem:unauthenticated");
		});
		Response done = deployment.signIn(browser, "+15555550100");

		assertThat(done.json().get("redirectUrl").asString()).isEqualTo(browser.origin().path("/api/me"));
	}

	// servlet only until the reactive login endpoints (start, poll) and request cache
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginWhenOnlyRequestsOtherThanNavigationsCameFirstThenGoesToTheDefaultPage(Deployment deployment) {
		Browser browser = deployment.browser();
		for (Request request : BrowserRequests.NOT_NAVIGATIONS.values()) {
			assertThat(browser.get(request.path(), request.headers()).status()).isEqualTo(401);
		}

		Response done = deployment.signIn(browser, "+15555550100");

		String asNothingWasAskedFor = deployment.signIn(deployment.browser(), "+15555550100")
			.json()
			.get("redirectUrl")
			.asString();
		assertThat(done.json().get("redirectUrl").asString()).isEqualTo(asNothingWasAskedFor);
	}

	// servlet only until the reactive login endpoints (start, poll) and request cache
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginWhenAClientWithoutFetchMetadataNavigatedThenReturnsThere(Deployment deployment) {
		Browser browser = deployment.browser();
		assertThat(browser.get("/api/sensitive?tab=1", "text/html").status()).isEqualTo(302);
		assertThat(browser.get("/api/me", "*/*").status()).isEqualTo(401);
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);

		Response done = deployment.signIn(browser, "+15555550100");

		assertThat(done.json().get("redirectUrl").asString()).isEqualTo(browser.origin().path("/api/sensitive?tab=1"));
	}

}
