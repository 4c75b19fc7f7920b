package com.descope.notp.security.session;

import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.web.ProblemDetailsWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeAccessDeniedHandler}: {@code 403} problem+json telling a
 * refused API call apart from a missing or wrong CSRF token, the error page or a redirect
 * for a browser navigation, and nothing written to a committed response.
 */
class DescopeAccessDeniedHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DescopeAccessDeniedHandler handler = new DescopeAccessDeniedHandler();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void handleWhenAnApiCallIsRefusedThen403Forbidden() throws Exception {
		this.handler.handle(apiRequest(), this.response, new AccessDeniedException("Access Denied"));

		assertThat(this.response.getStatus()).isEqualTo(403);
		JsonNode problem = problem();
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:forbidden");
		assertThat(problem.get("status").asInt()).isEqualTo(403);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/reports");
	}

	@Test
	void handleWhenTheCsrfTokenIsMissingOrWrongThen403InvalidCsrfTokenSayingHowToSendIt() throws Exception {
		MockHttpServletResponse wrong = new MockHttpServletResponse();
		CsrfException invalid = new InvalidCsrfTokenException(new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", "expected"),
				"actual");

		this.handler.handle(apiRequest(), this.response, new MissingCsrfTokenException(null));
		this.handler.handle(apiRequest(), wrong, invalid);

		for (MockHttpServletResponse answered : new MockHttpServletResponse[] { this.response, wrong }) {
			assertThat(answered.getStatus()).isEqualTo(403);
			JsonNode problem = JSON.readTree(answered.getContentAsString());
			assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:invalid-csrf-token");
			assertThat(problem.get("detail").asString()).contains("X-XSRF-TOKEN", "_csrf");
			assertThat(answered.getContentAsString()).doesNotContain("expected").doesNotContain("actual");
		}
	}

	@Test
	void handleWhenABrowserNavigationThenTheErrorPageWith403() throws Exception {
		this.handler.handle(navigation(), this.response, new AccessDeniedException("Access Denied"));

		assertThat(this.response.getStatus()).isEqualTo(403);
		assertThat(this.response.getErrorMessage()).isEqualTo("Forbidden");
		assertThat(this.response.getContentAsString()).isEmpty();
	}

	@Test
	void handleWhenTheWriterRedirectsNavigationsThenANavigationIsRedirectedAndAnApiCallStillGets403() throws Exception {
		this.handler.setProblemDetailsWriter(
				new ProblemDetailsWriter(new BrowserNavigationRequestMatcher()).redirectingNavigationsTo("/denied"));
		MockHttpServletResponse apiResponse = new MockHttpServletResponse();

		this.handler.handle(navigation(), this.response, new AccessDeniedException("Access Denied"));
		this.handler.handle(apiRequest(), apiResponse, new AccessDeniedException("Access Denied"));

		assertThat(this.response.getRedirectedUrl()).isEqualTo("/denied");
		assertThat(apiResponse.getStatus()).isEqualTo(403);
		assertThat(apiResponse.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	@Test
	void handleWhenTheResponseIsCommittedThenNothingIsWritten() throws Exception {
		this.response.setStatus(200);
		this.response.getWriter().write("partial");
		this.response.flushBuffer();

		this.handler.handle(apiRequest(), this.response, new AccessDeniedException("Access Denied"));

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.response.getContentAsString()).isEqualTo("partial");
	}

	private JsonNode problem() throws Exception {
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return JSON.readTree(this.response.getContentAsString());
	}

	private static MockHttpServletRequest apiRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/reports");
		request.addHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		return request;
	}

	private static MockHttpServletRequest navigation() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin");
		request.addHeader(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml");
		request.addHeader("Sec-Fetch-Mode", "navigate");
		request.addHeader("Sec-Fetch-Dest", "document");
		return request;
	}

}
