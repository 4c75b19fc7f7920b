package com.descope.notp.sample;

import java.util.List;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.RecordedCall;
import com.descope.notp.test.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the session lifecycle tests share: a WhatsApp login through the sample's
 * endpoints, and questions about the calls the Descope emulator received.
 */
final class SessionTestSupport {

	static final String ALICE = "+15555550100";

	static final String REFRESH = "/v1/auth/refresh";

	static final String LOGOUT = "/v1/auth/logout";

	static final String LOGOUT_ALL = "/v1/auth/logoutall";

	static final String ME = "/v1/auth/me";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SessionTestSupport() {
	}

	/**
	 * Signs Alice in: start, confirm on "WhatsApp", complete.
	 * @return the completion's answer (200)
	 */
	static Response signIn(Browser browser, DescopeEmulator emulator) {
		String pendingRef = start(browser, Map.of("loginId", ALICE, "method", "sign-in"));
		emulator.confirm(pendingRef);
		Response done = poll(browser, pendingRef);
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.json().get("status").asString()).isEqualTo("authenticated");
		return done;
	}

	static String start(Browser browser, Map<String, ?> body) {
		Response started = browser.postJson("/login/notp", body);
		assertThat(started.status()).as(started.body()).isEqualTo(200);
		return started.json().get("pendingRef").asString();
	}

	static Response poll(Browser browser, String pendingRef) {
		return browser.postJson("/login/notp/session", Map.of("pendingRef", pendingRef));
	}

	static long calls(DescopeEmulator emulator, String path) {
		return emulator.calls().stream().filter((call) -> call.path().equals(path)).count();
	}

	static RecordedCall lastCall(DescopeEmulator emulator, String path) {
		List<RecordedCall> calls = emulator.calls().stream().filter((call) -> call.path().equals(path)).toList();
		assertThat(calls).as("calls to " + path).isNotEmpty();
		return calls.get(calls.size() - 1);
	}

	/**
	 * The JWT a call to Descope carried in
	 * {@code Authorization: Bearer <projectId>:<jwt>}.
	 */
	static String jwtSentTo(DescopeEmulator emulator, RecordedCall call) {
		String prefix = "Bearer " + emulator.projectId() + ":";
		assertThat(call.header("Authorization")).startsWith(prefix);
		return call.header("Authorization").substring(prefix.length());
	}

	/**
	 * The claims of a JWT, unverified: for asserting what kind of token a call carried.
	 */
	static JsonNode claims(String jwt) {
		return JSON.readTree(TestTokens.payloadJson(jwt));
	}

	static String problemType(Response response) {
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		return response.json().get("type").asString();
	}

}
