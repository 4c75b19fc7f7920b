package com.descope.notp.sample;

import java.util.Map;
import java.util.stream.Stream;

import com.descope.notp.defaultsetup.DefaultSetupApplication;
import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new application on the starter with no {@code SecurityFilterChain}, no
 * {@code @EnableMethodSecurity} and no root page ({@link DefaultSetupApplication}), set
 * up with {@code descope.notp.default-success-url=/api/me}, in every storage mode and
 * every shape: {@code @PreAuthorize} is enforced (the starter enabled method security),
 * and a login from the login page lands on the configured page under the application's
 * path.
 */
class DefaultSetupTests {

	static Stream<Deployment> defaultSetup() {
		return Deployment.all(DefaultSetupApplication.class, Map.of("descope.notp.default-success-url", "/api/me"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("defaultSetup")
	void preAuthorizeWhenPlainUserCallsAnAdminEndpointThenForbidden(Deployment deployment) {
		Browser browser = signedIn(deployment, "+15555550101");

		Response refused = browser.get("/api/admin", "application/json");

		assertThat(refused.status()).as(refused.body()).isEqualTo(403);
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("defaultSetup")
	void preAuthorizeWhenAdminCallsAnAdminEndpointThenAllowed(Deployment deployment) {
		Browser browser = signedIn(deployment, "+15555550100");

		Response allowed = browser.get("/api/admin", "application/json");

		assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
		assertThat(allowed.json().get("message").asString()).isEqualTo("Hello, admin");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("defaultSetup")
	void loginFromTheLoginPageWhenASuccessUrlIsConfiguredThenLandsThereUnderTheApplicationPath(Deployment deployment) {
		Browser browser = deployment.browser();
		assertThat(browser.get("/login/notp", "text/html").status()).isEqualTo(200);

		Response done = deployment.signIn(browser, "+15555550101");

		String redirectUrl = done.json().get("redirectUrl").asString();
		assertThat(redirectUrl).isEqualTo(browser.origin().path("/api/me"));
		assertThat(browser.get(redirectUrl.substring(browser.origin().path("").length()), "application/json").status())
			.as("the page it lands on exists")
			.isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("defaultSetup")
	void loginWhenAPageWasAskedForFirstThenLandsThereRatherThanOnTheSuccessUrl(Deployment deployment) {
		Browser browser = deployment.browser();
		assertThat(browser.get("/api/admin", "text/html").status()).isEqualTo(302);

		Response done = deployment.signIn(browser, "+15555550100");

		assertThat(done.json().get("redirectUrl").asString()).isEqualTo(browser.origin().path("/api/admin"));
	}

	// servlet only until a reactive twin of DefaultSetupApplication and the reactive
	// login endpoints (start, poll)
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void preAuthorizeWhenTheApplicationEnablesMethodSecurityItselfThenItsOwnIsEnforcedAlone(Deployment deployment) {
		ConfigurableApplicationContext app = deployment.app();
		assertThat(app.getBeanNamesForType(org.aopalliance.intercept.MethodInterceptor.class))
			.as("one interceptor per annotation, from the sample's @EnableMethodSecurity")
			.containsOnlyOnce("preAuthorizeAuthorizationMethodInterceptor");
		assertThat(app.containsBean("com.descope.notp.autoconfigure.DescopeMethodSecurityAutoConfiguration"))
			.as("the starter backed off")
			.isFalse();

		assertThat(signedIn(deployment, "+15555550101").get("/api/admin", "application/json").status()).isEqualTo(403);
		assertThat(signedIn(deployment, "+15555550100").get("/api/admin", "application/json").status()).isEqualTo(200);
	}

	private static Browser signedIn(Deployment deployment, String loginId) {
		Browser browser = deployment.browser();
		// as a person opening the login page, which also hands the browser its CSRF token
		assertThat(browser.get("/login/notp", "text/html").status()).isEqualTo(200);
		deployment.signIn(browser, loginId);
		return browser;
	}

}
