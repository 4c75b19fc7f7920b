package com.descope.notp.sample;

import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Descope refuses the stored refresh JWT at {@code POST /login/notp/refresh} (it was
 * revoked, for example by "log out everywhere" in another browser), the browser is signed
 * out, as it is when an automatic refresh is refused: in the HTTP-session mode the
 * authentication kept in the session goes with the tokens, in the cookie mode the
 * {@code DS} / {@code DSR} cookies go.
 */
class RefreshEndpointRefusalTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#persisting")
	void refreshWhenDescopeRefusesTheStoredRefreshJwtThenSignedOut(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		Browser browser = deployment.browser();
		deployment.signIn(browser, SessionTestSupport.ALICE);
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);
		emulator.enqueueFailure(SessionTestSupport.REFRESH, 401, null,
				"{\"errorCode\":\"E061301\",\"errorDescription\":\"Refresh token revoked\"}");

		Response refused = browser.postForm("/login/notp/refresh", Map.of());

		assertThat(refused.status()).as(refused.body()).isEqualTo(401);
		Response me = browser.get("/api/me", "application/json");
		assertThat(me.status()).as(me.body()).isEqualTo(401);
		assertThat(browser.get("/api/me", "text/html").status()).isEqualTo(302);
	}

}
