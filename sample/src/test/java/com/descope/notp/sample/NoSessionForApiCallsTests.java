package com.descope.notp.sample;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code 401} or {@code 403} answer to a request that is not a browser's navigation
 * never creates an HTTP session, in any storage mode and deployment shape: anonymous API
 * calls cannot fill the server's memory with sessions, and the stateless mode holds no
 * state per caller.
 */
class NoSessionForApiCallsTests {

	private static final int CALLS = 100;

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#all")
	void apiCallWhenAnonymousThenUnauthorizedAndNoSessionCreated(Deployment deployment) {
		Browser client = deployment.browser();
		long before = deployment.sessionsCreated();

		for (int i = 0; i < CALLS; i++) {
			for (String accept : new String[] { "*/*", "application/json" }) {
				Response answer = client.get("/api/me", accept);
				assertThat(answer.status()).isEqualTo(401);
				assertThat(answer.setCookie("JSESSIONID")).as("Set-Cookie of a 401 to Accept: " + accept).isEmpty();
			}
		}

		assertThat(deployment.sessionsCreated()).isEqualTo(before);
		assertThat(client.cookie("JSESSIONID")).isEmpty();
	}

	// servlet only until the reactive login endpoints (start, poll)
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void apiCallWhenSignedInUserIsRefusedThenForbiddenAndNoSessionCreated(Deployment deployment) {
		Browser plainUser = deployment.browser();
		deployment.signIn(plainUser, "+15555550101");
		long before = deployment.sessionsCreated();

		for (int i = 0; i < CALLS / 10; i++) {
			for (String accept : new String[] { "*/*", "application/json" }) {
				Response answer = plainUser.get("/api/admin", accept);
				assertThat(answer.status()).isEqualTo(403);
				assertThat(SessionTestSupport.problemType(answer)).isEqualTo("urn:descope-notp:problem:forbidden");
				assertThat(answer.setCookie("JSESSIONID")).as("Set-Cookie of a 403 to Accept: " + accept).isEmpty();
			}
		}

		assertThat(deployment.sessionsCreated()).isEqualTo(before);
	}

}
