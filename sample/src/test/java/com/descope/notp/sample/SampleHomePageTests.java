package com.descope.notp.sample;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's home page links to the application and signs out through it at the root,
 * under a context path and behind a proxy that publishes the application under a prefix.
 */
class SampleHomePageTests {

	private static final Pattern TARGET = Pattern.compile("(?:href|action)=\"([^\"]*)\"");

	// servlet only until the reactive sample's home page
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void homePageWhenServedThenItsLinksAndSignOutFormAreThePathsTheBrowserUses(Deployment deployment) {
		Browser browser = deployment.browser();

		Response home = browser.get("/", "text/html");

		assertThat(home.status()).isEqualTo(200);
		Origin origin = browser.origin();
		assertThat(targets(browser, home)).containsExactly(origin.publicUri("/login/notp"), origin.publicUri("/api/me"),
				origin.publicUri("/api/admin"), origin.publicUri("/api/sensitive"), origin.publicUri("/logout"));
	}

	// servlet only until the reactive sample's home page, the reactive login endpoints
	// (start, poll) and logout
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void signOutWhenPressedOnTheHomePageThenSignedOutAndBackOnTheLoginPage(Deployment deployment) {
		Browser browser = deployment.browser();
		deployment.signIn(browser, "+15555550101");
		Response home = browser.get("/", "text/html");
		URI signOut = targets(browser, home).get(4);
		String path = signOut.getPath().substring(browser.origin().path("").length());

		Response logout = browser.postForm(path, java.util.Map.of());

		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.header("Location"))
			.hasValueSatisfying((location) -> assertThat(browser.origin().publicUri("/").resolve(location))
				.isEqualTo(browser.origin().publicUri("/login/notp?logout")));
	}

	/** The page's link and form targets, resolved as a browser resolves them. */
	private static List<URI> targets(Browser browser, Response page) {
		URI base = browser.origin().publicUri("/");
		List<URI> targets = new ArrayList<>();
		Matcher matcher = TARGET.matcher(page.body());
		while (matcher.find()) {
			if (!matcher.group(1).startsWith("data:")) {
				targets.add(base.resolve(matcher.group(1)));
			}
		}
		return targets;
	}

}
