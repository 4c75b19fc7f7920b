package com.descope.notp.sample;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-page app on another origin ({@link SdkConfigurationEndpointTests#SPA_ORIGIN},
 * allowed by the sample's {@code corsConfigurationSource} bean, which the chain's
 * {@code cors(withDefaults())} picks up) calls the API with a bearer token, in every
 * storage mode: its preflight passes without authentication and creates no session, a
 * preflight or call from another origin is refused, the bearer call and the configuration
 * endpoint answer with the app's own origin, and no answer allows {@code *} with
 * credentials.
 */
class CrossOriginTests {

	private static final String SPA = SdkConfigurationEndpointTests.SPA_ORIGIN;

	private static final String OTHER = "https://evil.example.test";

	static Stream<Deployment> frontEnd() {
		return SdkConfigurationEndpointTests.frontEnd();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frontEnd")
	void preflightWhenFromTheAllowedOriginThenAllowedWithoutAuthentication(Deployment deployment) {
		long sessions = deployment.sessionsCreated();
		for (String path : List.of("/api/me", "/api/admin")) {
			Response preflight = deployment.browser()
				.options(path, Map.of("Origin", SPA, "Access-Control-Request-Method", "GET",
						"Access-Control-Request-Headers", "authorization"));

			assertThat(preflight.status()).as(path).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).hasValue(SPA);
			assertThat(preflight.header("Access-Control-Allow-Credentials")).as(path).hasValue("true");
			assertThat(preflight.header("Access-Control-Allow-Methods")).as(path)
				.hasValueSatisfying((methods) -> assertThat(methods).contains("GET"));
			assertThat(preflight.header("Access-Control-Allow-Headers")).as(path)
				.hasValueSatisfying((headers) -> assertThat(headers).containsIgnoringCase("authorization"));
			assertThat(preflight.headerValues("Set-Cookie")).as(path).isEmpty();
		}
		assertThat(deployment.sessionsCreated()).isEqualTo(sessions);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frontEnd")
	void preflightOrCallWhenFromAnotherOriginThenRefused(Deployment deployment) {
		String sessionJwt = sessionJwt(deployment);

		Response preflight = deployment.browser()
			.options("/api/me", Map.of("Origin", OTHER, "Access-Control-Request-Method", "GET",
					"Access-Control-Request-Headers", "authorization"));
		Response call = deployment.browser()
			.get("/api/me",
					Map.of("Origin", OTHER, "Accept", "application/json", "Authorization", "Bearer " + sessionJwt));

		for (Response refused : List.of(preflight, call)) {
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
		}
		assertThat(call.body()).doesNotContain("userId");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frontEnd")
	void callWhenBearerFromTheAllowedOriginThenAnsweredForThatOriginOnly(Deployment deployment) {
		String sessionJwt = sessionJwt(deployment);

		Response me = deployment.browser()
			.get("/api/me",
					Map.of("Origin", SPA, "Accept", "application/json", "Authorization", "Bearer " + sessionJwt));
		Response config = deployment.browser()
			.get("/login/notp/config", Map.of("Origin", SPA, "Accept", "application/json"));
		Response unauthenticated = deployment.browser()
			.get("/api/me", Map.of("Origin", SPA, "Accept", "application/json"));

		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().get("userId").asString())
			.isEqualTo(deployment.emulator().findUserByLoginId(SessionTestSupport.ALICE).orElseThrow().userId());
		assertThat(config.status()).isEqualTo(200);
		assertThat(config.json().get("projectId").asString()).isEqualTo(deployment.emulator().projectId());
		// the front end reads the 401 too, to know it must sign in
		assertThat(unauthenticated.status()).isEqualTo(401);
		for (Response answer : List.of(me, config, unauthenticated)) {
			assertThat(answer.header("Access-Control-Allow-Origin")).hasValue(SPA);
			assertThat(answer.header("Access-Control-Allow-Credentials")).hasValue("true");
			assertThat(answer.headerValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Origin"));
		}
	}

	private static String sessionJwt(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		return emulator.issueSessionJwt(emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());
	}

}
