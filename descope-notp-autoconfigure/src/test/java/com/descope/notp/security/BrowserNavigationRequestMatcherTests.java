package com.descope.notp.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrowserNavigationRequestMatcher}: what Chrome, Firefox and Safari send
 * for a page is a navigation; what scripts, subresources, probes and API clients send is
 * not.
 */
class BrowserNavigationRequestMatcherTests {

	private static final String CHROME_PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
			+ "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	private static final String FIREFOX_PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final BrowserNavigationRequestMatcher matcher = new BrowserNavigationRequestMatcher();

	@ParameterizedTest
	@ValueSource(strings = { CHROME_PAGE, FIREFOX_PAGE, "text/html", "application/xhtml+xml",
			"application/json, text/html;q=0.1" })
	void matchesWhenAcceptNamesHtmlThenNavigation(String accept) {
		assertThat(this.matcher.matches(request("GET", Map.of("Accept", accept)))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/json", "text/css,*/*;q=0.1", "image/avif,image/webp,*/*;q=0.8",
			"text/*", "application/*", "text/event-stream", "not a media type" })
	void matchesWhenAcceptDoesNotNameHtmlThenNotNavigation(String accept) {
		assertThat(this.matcher.matches(request("GET", Map.of("Accept", accept)))).isFalse();
	}

	@Test
	void matchesWhenNoAcceptThenNotNavigation() {
		assertThat(this.matcher.matches(request("GET", Map.of()))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "HEAD", "POST" })
	void matchesWhenFetchMetadataSaysDocumentNavigationThenNavigation(String method) {
		assertThat(this.matcher.matches(request(method,
				Map.of("Accept", CHROME_PAGE, "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document"))))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "PATCH", "DELETE", "OPTIONS" })
	void matchesWhenMethodNoFormCanSendThenNotNavigation(String method) {
		assertThat(this.matcher.matches(request(method, Map.of("Accept", CHROME_PAGE)))).isFalse();
	}

	@Test
	void matchesWhenAFetchAsksForHtmlThenNotNavigation() {
		assertThat(this.matcher.matches(
				request("GET", Map.of("Accept", "text/html", "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty"))))
			.isFalse();
	}

	@Test
	void matchesWhenAPageLoadsIntoAFrameThenNotNavigation() {
		Map<String, String> headers = Map.of("Accept", CHROME_PAGE, "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest",
				"iframe");
		assertThat(this.matcher.matches(request("GET", headers))).isFalse();
	}

	@Test
	void matchesWhenXmlHttpRequestThenNotNavigation() {
		assertThat(this.matcher
			.matches(request("GET", Map.of("Accept", "text/html, */*; q=0.01", "X-Requested-With", "XMLHttpRequest"))))
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "bearer abc", "Bearer", "Bearer a b" })
	void matchesWhenBearerAuthorizationThenNotNavigation(String authorization) {
		assertThat(this.matcher.matches(request("GET", Map.of("Accept", CHROME_PAGE, "Authorization", authorization))))
			.isFalse();
	}

	@Test
	void matchesWhenBasicAuthorizationThenStillNavigation() {
		assertThat(this.matcher.matches(request("GET", Map.of("Accept", CHROME_PAGE, "Authorization", "Basic dTpw"))))
			.isTrue();
	}

	private static MockHttpServletRequest request(String method, Map<String, String> headers) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/me");
		headers.forEach(request::addHeader);
		return request;
	}

}
