package com.descope.notp.security.login;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.descope.notp.security.session.NoDescopeTokenRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.web.filter.ForwardedHeaderFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NotpAuthenticationSuccessHandler}'s {@code redirectUrl}: the page
 * first asked for, from an {@link HttpSessionRequestCache}, only when it is a path of
 * this application; else the default target.
 */
class NotpAuthenticationSuccessHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

	private final NotpAuthenticationSuccessHandler handler = new NotpAuthenticationSuccessHandler(
			new NoDescopeTokenRepository());

	private final MockHttpServletRequest request = completionRequest();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	NotpAuthenticationSuccessHandlerTests() {
		this.handler.setRequestCache(this.requestCache);
	}

	@Test
	void successWhenNothingWasSavedThenDefaultTarget() throws Exception {
		assertThat(redirectUrl()).isEqualTo("/");
	}

	@Test
	void successWhenAPageOfThisApplicationWasSavedThenItsPathWithoutTheContinueMarker() throws Exception {
		MockHttpServletRequest first = new MockHttpServletRequest("GET", "/api/me");
		first.setSession(this.request.getSession());
		first.setQueryString("tab=roles&continue");
		this.requestCache.saveRequest(first, new MockHttpServletResponse());

		assertThat(redirectUrl()).isEqualTo("/api/me?tab=roles");
		assertThat(this.requestCache.getRequest(this.request, this.response)).as("the saved request is used once")
			.isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/me", "/api/me?x=1", "/api/me?next=https://evil.example", "/a%20b/c",
			"http://localhost/api/me", "http://LOCALHOST:8080/api/me?continue", "https://localhost/api/me",
			"/api/me?next=%2F%2Fevil" })
	void successWhenSavedUrlIsOfThisOriginThenItsPathAndQuery(String saved) throws Exception {
		save(saved);

		String expected = saved.replaceFirst("^https?://[^/]+", "").replace("?continue", "");
		assertThat(redirectUrl()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil", "//evil.example/api/me", "/\\evil", "\\\\evil", "\\/evil", "https://evil",
			"http://http://evil", "https:evil", "https:/evil", "%2F%2Fevil", "/%2F%2Fevil", "/%2f%2fevil", "/%5Cevil",
			"/%5cevil", "/%09/evil", "/%0D%0ALocation:%20//evil", "/%ZZ", "javascript:alert(1)", "JavaScript:alert(1)",
			"javascript://localhost/%0Aalert(1)", "data:text/html,<script>alert(1)</script>",
			"http://evil.example/api/me", "https://evil.example:443/api/me?continue",
			"http://localhost.evil.example/api/me", "http://localhost@evil.example/api/me",
			"http://evil_host.example/api/me", "ftp://localhost/api/me", "", " /api/me", "/api/me ", "/\t/evil",
			"/api/me\r\nLocation: //evil", "api/me", "." })
	void successWhenSavedUrlLeavesThisOriginOrIsMalformedThenDefaultTarget(String saved) throws Exception {
		save(saved);

		assertThat(redirectUrl()).isEqualTo("/");
	}

	@Test
	void successWhenRequestWasSavedUnderAForgedHostHeaderThenDefaultTarget() throws Exception {
		MockHttpServletRequest first = new MockHttpServletRequest("GET", "/api/me");
		first.setServerName("evil.example");
		first.setSession(this.request.getSession());
		this.requestCache.saveRequest(first, new MockHttpServletResponse());

		assertThat(redirectUrl()).isEqualTo("/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil", "//evil.example/api/me", "/\\evil", "/%2F%2Fevil", "/%5Cevil" })
	void successWhenSavedRequestUriIsHostileThenDefaultTarget(String requestUri) throws Exception {
		MockHttpServletRequest first = new MockHttpServletRequest("GET", requestUri);
		first.setSession(this.request.getSession());
		this.requestCache.saveRequest(first, new MockHttpServletResponse());

		assertThat(redirectUrl()).isEqualTo("/");
	}

	@Test
	void successWhenDefaultTargetConfiguredThenUsedInPlaceOfAHostileSavedUrl() throws Exception {
		this.handler.setDefaultTargetUrl("/home");
		save("//evil");

		assertThat(redirectUrl()).isEqualTo("/home");
	}

	@Test
	void successWhenNothingWasSavedUnderAContextPathThenDefaultTargetUnderIt() throws Exception {
		this.request.setContextPath("/app");
		this.request.setRequestURI("/app/login/notp/session");

		assertThat(redirectUrl()).isEqualTo("/app/");
	}

	@Test
	void successWhenDefaultTargetConfiguredUnderAForwardedPrefixThenUnderThePrefix() throws Exception {
		this.handler.setDefaultTargetUrl("/home?tab=1");
		HttpServletRequest proxied = forwarded(this.request, "/edge/app");

		assertThat(redirectUrl(proxied)).isEqualTo("/edge/app/home?tab=1");
	}

	@Test
	void successWhenAPageWasSavedUnderAContextPathThenItsPathIsNotPrefixedTwice() throws Exception {
		this.request.setContextPath("/app");
		MockHttpServletRequest first = new MockHttpServletRequest("GET", "/app/api/me");
		first.setContextPath("/app");
		first.setSession(this.request.getSession());
		this.requestCache.saveRequest(first, new MockHttpServletResponse());

		assertThat(redirectUrl()).isEqualTo("/app/api/me");
	}

	@Test
	void successWhenAForgedForwardedPrefixWouldMakeTheDefaultTargetLeaveThisOriginThenTheBareDefaultTarget()
			throws Exception {
		HttpServletRequest proxied = forwarded(this.request, "//evil.example");
		assertThat(proxied.getContextPath()).isEqualTo("//evil.example");

		assertThat(redirectUrl(proxied)).isEqualTo("/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil", "/\\evil", "https://evil", "javascript:alert(1)", "/%2F%2Fevil", "home", "" })
	void setDefaultTargetUrlWhenNotASameOriginPathThenRefused(String target) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.handler.setDefaultTargetUrl(target));
	}

	private void save(String redirectUrl) {
		this.request.getSession().setAttribute("SPRING_SECURITY_SAVED_REQUEST", new SimpleSavedRequest(redirectUrl));
		assertThat(this.requestCache.getRequest(this.request, this.response)).isNotNull();
	}

	private String redirectUrl() throws Exception {
		return redirectUrl(this.request);
	}

	private String redirectUrl(HttpServletRequest request) throws Exception {
		this.handler.onAuthenticationSuccess(request, this.response,
				new TestingAuthenticationToken("user", null, List.of()));
		assertThat(this.response.getStatus()).isEqualTo(200);
		JsonNode body = JSON.readTree(this.response.getContentAsByteArray());
		assertThat(body.get("status").asString()).isEqualTo("authenticated");
		return body.get("redirectUrl").asString();
	}

	/**
	 * The request as Spring's {@link ForwardedHeaderFilter} hands it on behind a proxy
	 * that sends {@code X-Forwarded-Prefix}.
	 */
	private static HttpServletRequest forwarded(MockHttpServletRequest request, String prefix) throws Exception {
		request.addHeader("X-Forwarded-Prefix", prefix);
		AtomicReference<HttpServletRequest> forwarded = new AtomicReference<>();
		new ForwardedHeaderFilter().doFilter(request, new MockHttpServletResponse(),
				(wrapped, response) -> forwarded.set((HttpServletRequest) wrapped));
		return forwarded.get();
	}

	private static MockHttpServletRequest completionRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/session");
		request.setServerName("localhost");
		request.setServerPort(8080);
		request.getSession();
		return request;
	}

}
