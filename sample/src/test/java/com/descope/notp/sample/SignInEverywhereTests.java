package com.descope.notp.sample;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login works in every storage mode and every deployment shape, and the signed-in user
 * reaches the API.
 */
class SignInEverywhereTests {

	// servlet only until the reactive login endpoints (start, poll)
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void signInWhenAnyModeAndShapeThenTheApiAnswersTheUser(Deployment deployment) {
		Browser browser = deployment.browser();
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(401);

		Response done = deployment.signIn(browser, "+15555550100");

		Response me = browser.get("/api/me", "application/json");
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().get("userId").asString()).isEqualTo(done.json().get("user").get("userId").asString());
	}

}
