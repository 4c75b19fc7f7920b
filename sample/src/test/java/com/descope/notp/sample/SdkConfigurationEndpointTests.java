package com.descope.notp.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.Deployment.Shape;
import com.descope.notp.sample.Deployment.StorageMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration endpoint, {@code GET /login/notp/config}: in every storage mode and
 * deployment shape it answers anyone (no session, no cookie, no login) the options a
 * front end gives Descope's SDK, each derived from a {@code descope.*} property (or the
 * chain's storage mode), in one shape whatever the mode, with nothing secret in it, and
 * cacheable ({@code Cache-Control: public}, an {@code ETag} that a revalidation answers
 * with {@code 304}).
 */
class SdkConfigurationEndpointTests {

	/** The origin of the single-page app the {@link #FRONT_END} deployments allow. */
	static final String SPA_ORIGIN = "https://spa.example.test";

	/**
	 * A deployment set up for a front end on another origin: every option the endpoint
	 * serves set to something other than its default, the cookies renamed, and CORS
	 * allowing {@link #SPA_ORIGIN}.
	 */
	static final Map<String, String> FRONT_END = Map.ofEntries(Map.entry("sample.cors.allowed-origins", SPA_ORIGIN),
			Map.entry("descope.base-static-url", "https://static.auth.example.test/pages"),
			Map.entry("descope.base-cdn-url", "https://cdn.auth.example.test"),
			Map.entry("descope.auto-refresh", "false"), Map.entry("descope.store-last-authenticated-user", "false"),
			Map.entry("descope.keep-last-authenticated-user-after-logout", "true"),
			Map.entry("descope.cookie.session-name", "APP_SESSION"),
			Map.entry("descope.cookie.refresh-name", "APP_REFRESH"), Map.entry("descope.cookie.same-site", "Strict"),
			Map.entry("descope.cookie.domain", "localhost"), Map.entry("descope.oidc.enabled", "true"),
			Map.entry("descope.oidc.application-id", "app-1"),
			Map.entry("descope.oidc.redirect-uri", "https://app.example.test/callback"),
			Map.entry("descope.oidc.scope", "openid email"));

	/** The options always there, in the order they are written. */
	private static final List<String> OPTIONS = List.of("projectId", "baseUrl", "persistTokens", "autoRefresh",
			"sessionTokenViaCookie", "refreshTokenViaCookie", "refreshCookieName", "storeLastAuthenticatedUser",
			"keepLastAuthenticatedUserAfterLogout", "oidcConfig");

	/** Each storage mode at the root, set up for a front end ({@link #FRONT_END}). */
	static Stream<Deployment> frontEnd() {
		return Deployment.all(FRONT_END).filter((d) -> d.shape() == Shape.ROOT);
	}

	// servlet only until the reactive GET /login/notp/config
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void configWhenDefaultsThenEveryOptionFromTheSettingsAnsweredToAnyone(Deployment deployment) {
		long sessions = deployment.sessionsCreated();

		Response config = deployment.browser().get("/login/notp/config", "application/json");

		assertThat(config.status()).as(config.body()).isEqualTo(200);
		assertThat(config.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode json = config.json();
		assertThat(names(json)).as("the same options in every mode").containsExactlyElementsOf(OPTIONS);
		assertThat(json.get("projectId").asString()).isEqualTo(deployment.emulator().projectId());
		assertThat(json.get("baseUrl").asString()).isEqualTo(withoutTrailingSlash(deployment.emulator().baseUrl()));
		boolean cookies = deployment.mode().keepsTokensInCookies();
		assertThat(json.get("persistTokens").asBoolean()).as("the SDK persists in every mode").isTrue();
		if (cookies) {
			JsonNode session = json.get("sessionTokenViaCookie");
			assertThat(names(session)).containsExactly("cookieName", "sameSite", "secure");
			assertThat(session.get("cookieName").asString()).isEqualTo("DS");
			assertThat(session.get("sameSite").asString()).isEqualTo("Lax");
			assertThat(session.get("secure").asBoolean()).isTrue();
		}
		else {
			assertThat(json.get("sessionTokenViaCookie").isBoolean()).isTrue();
			assertThat(json.get("sessionTokenViaCookie").asBoolean()).isFalse();
		}
		assertThat(json.get("refreshTokenViaCookie").asBoolean()).isFalse();
		assertThat(json.get("refreshCookieName").asString()).isEqualTo("DSR");
		assertThat(json.get("autoRefresh").asBoolean()).isTrue();
		assertThat(json.get("storeLastAuthenticatedUser").asBoolean()).isTrue();
		assertThat(json.get("keepLastAuthenticatedUserAfterLogout").asBoolean()).isFalse();
		assertThat(json.get("oidcConfig").isBoolean()).isTrue();
		assertThat(json.get("oidcConfig").asBoolean()).isFalse();
		// nothing secret: the flow-cookie key of the stateless mode is nowhere in it
		assertThat(config.body()).doesNotContain(StorageMode.FLOW_COOKIE_KEY).doesNotContainIgnoringCase("key");
		// public and cacheable, and shared caches may keep it: no cookie, no session
		assertThat(config.header("Cache-Control")).hasValue("public, max-age=300");
		assertThat(config.headerValues("Set-Cookie")).isEmpty();
		assertThat(deployment.sessionsCreated()).isEqualTo(sessions);
	}

	// servlet only until the reactive GET /login/notp/config
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void configWhenRevalidatedWithItsEtagThenNotModified(Deployment deployment) {
		Browser browser = deployment.browser();
		Response config = browser.get("/login/notp/config", "application/json");
		String etag = config.header("ETag").orElseThrow();
		assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

		Response again = browser.get("/login/notp/config", Map.of("Accept", "application/json", "If-None-Match", etag));
		Response weakly = browser.get("/login/notp/config",
				Map.of("Accept", "application/json", "If-None-Match", "\"other\", W/" + etag));
		Response changed = browser.get("/login/notp/config",
				Map.of("Accept", "application/json", "If-None-Match", "\"other\""));

		assertThat(again.status()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.header("ETag")).hasValue(etag);
		assertThat(again.header("Cache-Control")).hasValue("public, max-age=300");
		assertThat(weakly.status()).isEqualTo(304);
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.body()).isEqualTo(config.body());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frontEnd")
	void configWhenEveryOptionIsSetThenEachComesFromItsProperty(Deployment deployment) {
		Response config = deployment.browser().get("/login/notp/config", "application/json");

		assertThat(config.status()).as(config.body()).isEqualTo(200);
		JsonNode json = config.json();
		List<String> expected = new ArrayList<>(OPTIONS);
		expected.addAll(2, List.of("baseStaticUrl", "baseCdnUrl"));
		assertThat(names(json)).containsExactlyElementsOf(expected);
		assertThat(json.get("baseStaticUrl").asString()).isEqualTo("https://static.auth.example.test/pages");
		assertThat(json.get("baseCdnUrl").asString()).isEqualTo("https://cdn.auth.example.test");
		assertThat(json.get("autoRefresh").asBoolean()).isFalse();
		assertThat(json.get("storeLastAuthenticatedUser").asBoolean()).isFalse();
		assertThat(json.get("keepLastAuthenticatedUserAfterLogout").asBoolean()).isTrue();
		assertThat(json.get("refreshCookieName").asString()).isEqualTo("APP_REFRESH");
		if (deployment.mode().keepsTokensInCookies()) {
			JsonNode session = json.get("sessionTokenViaCookie");
			assertThat(names(session)).containsExactly("cookieName", "domain", "sameSite", "secure");
			assertThat(session.get("cookieName").asString()).isEqualTo("APP_SESSION");
			assertThat(session.get("domain").asString()).isEqualTo("localhost");
			assertThat(session.get("sameSite").asString()).isEqualTo("Strict");
			assertThat(session.get("secure").asBoolean()).isTrue();
		}
		else {
			assertThat(json.get("sessionTokenViaCookie").asBoolean()).isFalse();
		}
		JsonNode oidc = json.get("oidcConfig");
		assertThat(names(oidc)).containsExactly("applicationId", "redirectUri", "scope");
		assertThat(oidc.get("applicationId").asString()).isEqualTo("app-1");
		assertThat(oidc.get("redirectUri").asString()).isEqualTo("https://app.example.test/callback");
		assertThat(oidc.get("scope").asString()).isEqualTo("openid email");
	}

	private static List<String> names(JsonNode object) {
		assertThat(object.isObject()).as("%s is an object", object).isTrue();
		return new ArrayList<>(object.propertyNames());
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
