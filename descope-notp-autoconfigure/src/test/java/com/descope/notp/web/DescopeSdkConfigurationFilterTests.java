package com.descope.notp.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DescopeSdkConfigurationFilter} and the JSON of {@link DescopeSdkConfiguration}:
 * only {@code GET} of its path is answered, under the context path; the body is the SDKs'
 * shape (unset URLs and cookie domains left out, cookies and OIDC {@code false} or their
 * object, OIDC {@code true} with no member set); the {@code ETag} follows the options and
 * {@code If-None-Match} gets {@code 304}; the cache lifetime is settable.
 */
class DescopeSdkConfigurationFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DescopeSdkConfiguration BEARER = DescopeSdkConfiguration.of("P2aAc4T2V93bddihGEx2Ryhc8e5Z",
			"https://api.descope.com");

	@Test
	void getWhenItsPathThenTheOptionsInTheSdksShape() throws Exception {
		MockHttpServletResponse response = get(new DescopeSdkConfigurationFilter("/login/notp/config", BEARER),
				request("GET", "", "/login/notp/config"));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getContentAsString()).isEqualTo("{\"projectId\":\"P2aAc4T2V93bddihGEx2Ryhc8e5Z\","
				+ "\"baseUrl\":\"https://api.descope.com\",\"persistTokens\":true,\"autoRefresh\":true,"
				+ "\"sessionTokenViaCookie\":false,\"refreshTokenViaCookie\":false,\"refreshCookieName\":\"DSR\","
				+ "\"storeLastAuthenticatedUser\":true,\"keepLastAuthenticatedUserAfterLogout\":false,"
				+ "\"oidcConfig\":false}");
	}

	@Test
	void getWhenUnderAContextPathThenAnsweredThere() throws Exception {
		MockHttpServletResponse response = get(new DescopeSdkConfigurationFilter("/login/notp/config", BEARER),
				request("GET", "/app", "/app/login/notp/config"));

		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void requestWhenAnotherPathOrMethodThenPassedOn() throws Exception {
		DescopeSdkConfigurationFilter filter = new DescopeSdkConfigurationFilter("/login/notp/config", BEARER);
		for (MockHttpServletRequest request : new MockHttpServletRequest[] { request("POST", "", "/login/notp/config"),
				request("GET", "", "/login/notp"), request("GET", "", "/login/notp/config/x") }) {
			MockFilterChain chain = new MockFilterChain();
			filter.doFilter(request, new MockHttpServletResponse(), chain);
			assertThat(chain.getRequest()).as(request.getMethod() + " " + request.getRequestURI()).isSameAs(request);
		}
	}

	@Test
	void optionsWhenCookiesAndOidcSetThenTheirObjectsWithOnlyTheMembersSet() {
		DescopeSdkConfiguration cookies = BEARER
			.withTokenStorage(true, new DescopeSdkConfiguration.TokenCookie("S", null, "Lax", false), null, "R")
			.withFrontEnd(null, " ", new DescopeSdkConfiguration.OidcConfig("app-1", null, null, null, ""));

		JsonNode json = JSON.valueToTree(cookies.options());

		assertThat(json.get("sessionTokenViaCookie").toString())
			.isEqualTo("{\"cookieName\":\"S\",\"sameSite\":\"Lax\",\"secure\":false}");
		assertThat(json.get("refreshCookieName").asString()).isEqualTo("R");
		assertThat(json.has("baseStaticUrl")).isFalse();
		assertThat(json.has("baseCdnUrl")).isFalse();
		assertThat(json.get("oidcConfig").toString()).isEqualTo("{\"applicationId\":\"app-1\"}");
		JsonNode defaultOidc = JSON.valueToTree(
				BEARER.withFrontEnd(null, null, new DescopeSdkConfiguration.OidcConfig(null, null, null, null, null))
					.options());
		assertThat(defaultOidc.get("oidcConfig").isBoolean()).isTrue();
		assertThat(defaultOidc.get("oidcConfig").asBoolean()).isTrue();
	}

	@Test
	void optionsWhenTokensAreNotPersistedThenNoCookieMayCarryThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> BEARER.withTokenStorage(false,
				new DescopeSdkConfiguration.TokenCookie("DS", null, "Lax", true), null, "DSR"));
	}

	@Test
	void getWhenRevalidatedThenNotModifiedUntilTheOptionsChange() throws Exception {
		DescopeSdkConfigurationFilter filter = new DescopeSdkConfigurationFilter("/login/notp/config", BEARER);
		String etag = get(filter, request("GET", "", "/login/notp/config")).getHeader("ETag");
		MockHttpServletRequest revalidation = request("GET", "", "/login/notp/config");
		revalidation.addHeader("If-None-Match", etag);

		MockHttpServletResponse notModified = get(filter, revalidation);
		MockHttpServletResponse changed = get(
				new DescopeSdkConfigurationFilter("/login/notp/config", BEARER.withSession(false, true, false)),
				revalidation);

		assertThat(notModified.getStatus()).isEqualTo(304);
		assertThat(notModified.getContentAsByteArray()).isEmpty();
		assertThat(changed.getStatus()).isEqualTo(200);
		assertThat(changed.getHeader("ETag")).isNotEqualTo(etag);
	}

	@Test
	void getWhenMaxAgeSetThenCacheControlSaysIt() throws Exception {
		DescopeSdkConfigurationFilter filter = new DescopeSdkConfigurationFilter("/login/notp/config", BEARER);
		filter.setMaxAge(Duration.ofHours(1));

		assertThat(get(filter, request("GET", "", "/login/notp/config")).getHeader("Cache-Control"))
			.isEqualTo("public, max-age=3600");
	}

	private static MockHttpServletRequest request(String method, String contextPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.setContextPath(contextPath);
		return request;
	}

	private static MockHttpServletResponse get(DescopeSdkConfigurationFilter filter, MockHttpServletRequest request)
			throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
