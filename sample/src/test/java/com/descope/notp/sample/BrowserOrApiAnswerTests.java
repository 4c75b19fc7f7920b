package com.descope.notp.sample;

import java.time.Duration;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of the starter is negotiated the same way, in every storage mode and
 * deployment shape: a browser's navigation gets a page (the application's error page) or
 * a redirect, anything else problem+json.
 */
class BrowserOrApiAnswerTests {

	private static final String PLAIN_USER = "+15555550101";

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#persisting")
	void adminPageWhenAPlainUserNavigatesThenTheApplicationsErrorPage(Deployment deployment) {
		Browser browser = deployment.browser();
		deployment.signIn(browser, PLAIN_USER);

		Response page = browser.get("/api/admin", BrowserRequests.NAVIGATION);

		assertThat(page.status()).isEqualTo(403);
		assertThat(page.header("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).doesNotContain("urn:descope-notp:problem");
		assertThat(browser.get("/api/admin", "text/html").status()).isEqualTo(403);
		assertThat(browser.get("/api/admin", "text/html").header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
	}

	// servlet only until the reactive login endpoints (start, poll)
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void adminApiWhenAPlainUserCallsItThenForbiddenProblem(Deployment deployment) {
		Browser browser = deployment.browser();
		deployment.signIn(browser, PLAIN_USER);

		for (String accept : new String[] { "application/json", "*/*" }) {
			Response answer = browser.get("/api/admin", accept);
			assertThat(answer.status()).as(accept).isEqualTo(403);
			assertThat(SessionTestSupport.problemType(answer)).as(accept)
				.isEqualTo("urn:descope-notp:problem:forbidden");
		}
		BrowserRequests.NOT_NAVIGATIONS.forEach((what, request) -> {
			Response answer = browser.get("/api/admin", request.headers());
			assertThat(answer.status()).as(what).isEqualTo(403);
			assertThat(SessionTestSupport.problemType(answer)).as(what).isEqualTo("urn:descope-notp:problem:forbidden");
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#all")
	void adminApiWhenCalledWithABearerTokenAskingForHtmlThenForbiddenProblem(Deployment deployment) {
		String token = deployment.emulator()
			.issueSessionJwt(deployment.emulator().findUserByLoginId(PLAIN_USER).orElseThrow());

		Response answer = deployment.browser().getWithBearer("/api/admin", token, BrowserRequests.PAGE_ACCEPT);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(SessionTestSupport.problemType(answer)).isEqualTo("urn:descope-notp:problem:forbidden");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#persisting")
	void pageWhenDescopeCannotRefreshTheSessionThenErrorPageWithRetryAfterAndApiProblem(Deployment deployment) {
		Browser browser = deployment.browser();
		deployment.emulator().setSessionTokenTtl(Duration.ofSeconds(15));
		try {
			deployment.signIn(browser, "+15555550100");
		}
		finally {
			deployment.emulator().setSessionTokenTtl(Duration.ofMinutes(10));
		}

		deployment.emulator().enqueueFailure(SessionTestSupport.REFRESH, 503, Map.of("Retry-After", "7"), null);
		Response page = browser.get("/api/me", BrowserRequests.NAVIGATION);
		assertThat(page.status()).isEqualTo(503);
		assertThat(page.header("Retry-After")).hasValue("7");
		assertThat(page.header("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).doesNotContain("urn:descope-notp:problem");

		deployment.emulator().enqueueFailure(SessionTestSupport.REFRESH, 429, Map.of("Retry-After", "3"), null);
		Response page429 = browser.get("/api/me", BrowserRequests.NAVIGATION);
		assertThat(page429.status()).isEqualTo(429);
		assertThat(page429.header("Retry-After")).hasValue("3");
		assertThat(page429.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));

		deployment.emulator().enqueueFailure(SessionTestSupport.REFRESH, 503, Map.of("Retry-After", "7"), null);
		Response api = browser.get("/api/me", "application/json");
		assertThat(api.status()).isEqualTo(503);
		assertThat(api.header("Retry-After")).hasValue("7");
		assertThat(SessionTestSupport.problemType(api)).isEqualTo("urn:descope-notp:problem:descope-unavailable");

		assertThat(browser.get("/api/me", BrowserRequests.NAVIGATION).status()).as("still signed in").isEqualTo(200);
	}

	// servlet only until the reactive login endpoints and login page
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginWhenAFormWithoutScriptFailsThenBackToTheLoginPageWithItsError(Deployment deployment) {
		Browser browser = deployment.browser();

		Response start = browser.postForm("/login/notp", Map.of("loginId", "not a number"),
				BrowserRequests.FORM_SUBMISSION);
		Response complete = browser.postForm("/login/notp/session", Map.of("pendingRef", "unknown"),
				BrowserRequests.FORM_SUBMISSION);

		for (Response failed : new Response[] { start, complete }) {
			assertThat(failed.status()).isEqualTo(302);
			assertThat(failed.header("Location"))
				.hasValueSatisfying((l) -> assertThat(l).endsWith(browser.origin().path("/login/notp?error")));
		}
		Response page = browser.get("/login/notp?error", BrowserRequests.NAVIGATION);
		assertThat(page.body()).contains("<p id=\"login-error\" class=\"error\" role=\"alert\">");
		assertThat(browser.get("/login/notp", BrowserRequests.NAVIGATION).body())
			.contains("<p id=\"login-error\" class=\"error\" role=\"alert\" hidden>");
	}

	// servlet only until the reactive login endpoints (start, poll)
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginWhenAScriptsCallFailsThenProblem(Deployment deployment) {
		Browser browser = deployment.browser();

		Response start = browser.postForm("/login/notp", Map.of("loginId", "not a number"));
		Response complete = browser.postForm("/login/notp/session", Map.of("pendingRef", "unknown"));

		assertThat(start.status()).isEqualTo(400);
		assertThat(SessionTestSupport.problemType(start)).isEqualTo("urn:descope-notp:problem:invalid-request");
		assertThat(complete.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(complete)).isEqualTo("urn:descope-notp:problem:unknown-flow");
	}

}
