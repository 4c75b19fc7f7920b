package com.descope.notp.sample;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every URL the starter hands the browser is the one the browser must use, in every
 * storage mode, at the root, under a context path and behind a proxy that publishes the
 * application under a prefix: the login's {@code redirectUrl}, the login page's
 * endpoints, the redirects to the login page and after logout, and the {@code Path} of
 * the {@code DLU} cookie.
 */
class BrowserUrlsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PAGE_CONFIG = Pattern
		.compile("<script type=\"application/json\" id=\"notp-config\">(.*?)</script>", Pattern.DOTALL);

	// servlet only until the reactive login page and the reactive login endpoints (start,
	// poll)
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginFromTheLoginPageWhenNoPageWasAskedForThenLandsOnTheApplicationRoot(Deployment deployment) {
		Browser browser = deployment.browser();
		assertThat(browser.get("/login/notp", "text/html").status()).isEqualTo(200);

		Response done = deployment.signIn(browser, "+15555550100");

		assertThat(done.json().get("redirectUrl").asString()).isEqualTo(browser.origin().path("/"));
	}

	// servlet only until the reactive login endpoints (start, poll) and request cache
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginWhenAPageWasAskedForFirstThenLandsThereWithTheApplicationPathOnce(Deployment deployment) {
		Browser browser = deployment.browser();
		Response first = browser.get("/api/me?tab=roles", "text/html");
		assertThat(first.status()).isEqualTo(302);

		Response done = deployment.signIn(browser, "+15555550100");

		assertThat(done.json().get("redirectUrl").asString()).isEqualTo(browser.origin().path("/api/me?tab=roles"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#all")
	void pageWhenUnauthenticatedBrowserAsksThenRedirectsToTheLoginPageTheBrowserCanReach(Deployment deployment) {
		Browser browser = deployment.browser();

		Response first = browser.get("/api/me", "text/html");

		assertThat(first.status()).isEqualTo(302);
		assertThat(location(browser, "/api/me", first)).isEqualTo(browser.origin().publicUri("/login/notp"));
	}

	// servlet only until the reactive login page
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginPageWhenServedThenItsEndpointsAreThePathsTheBrowserUses(Deployment deployment) {
		Browser browser = deployment.browser();

		JsonNode config = pageConfig(browser.get("/login/notp", "text/html"));

		Origin origin = browser.origin();
		assertThat(config.path("startUrl").asString()).isEqualTo(origin.path("/login/notp"));
		assertThat(config.path("sessionUrl").asString()).isEqualTo(origin.path("/login/notp/session"));
		assertThat(config.path("refreshUrl").asString()).isEqualTo(origin.path("/login/notp/refresh"));
		assertThat(config.path("rootUrl").asString()).isEqualTo(origin.path("/"));
	}

	// servlet only until the reactive login endpoints (start, poll) and logout
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void logoutWhenSignedInThenReturnsToTheLoginPageTheBrowserCanReach(Deployment deployment) {
		Browser browser = deployment.browser();
		deployment.signIn(browser, "+15555550100");

		Response logout = browser.postForm("/logout", Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(location(browser, "/logout", logout)).isEqualTo(browser.origin().publicUri("/login/notp?logout"));
	}

	// servlet only until the reactive login endpoints (start, poll), last-user cookie and
	// login page
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void loginWhenTheLastUserIsRememberedThenItsCookieIsScopedToTheApplicationPath(Deployment deployment) {
		Browser browser = deployment.browser();

		Response done = deployment.signIn(browser, "+15555550100");

		String applicationPath = browser.origin().path("").isEmpty() ? "/" : browser.origin().path("");
		assertThat(done.setCookie("DLU")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).containsPattern("; Path=" + Pattern.quote(applicationPath) + "(;|$)"));
		assertThat(browser.get("/login/notp", "text/html").body()).as("the browser sends it back to the login page")
			.contains("Continue as Alice");
	}

	/**
	 * Where a redirect sends the browser, resolved as a browser resolves
	 * {@code Location}.
	 */
	private static URI location(Browser browser, String requestPath, Response response) {
		String location = response.header("Location").orElseThrow();
		return browser.origin().publicUri(requestPath).resolve(location);
	}

	private static JsonNode pageConfig(Response page) {
		assertThat(page.status()).isEqualTo(200);
		Matcher config = PAGE_CONFIG.matcher(page.body());
		assertThat(config.find()).as("the page's configuration").isTrue();
		return JSON.readTree(config.group(1));
	}

}
