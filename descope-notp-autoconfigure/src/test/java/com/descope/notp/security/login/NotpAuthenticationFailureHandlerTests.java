package com.descope.notp.security.login;

import java.time.Duration;

import com.descope.notp.core.DescopeUnavailableException;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpFlowNotFoundException;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.web.ProblemDetailsWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NotpAuthenticationFailureHandler}: each failure of a completion is
 * answered as its own RFC 9457 problem (status, {@code type}, the members a client acts
 * on such as {@code field}, {@code errorCode} and {@code Retry-After}), never echoing an
 * unknown exception's message; browser navigations get the error page, or the login page
 * with {@code ?error} when the writer redirects them as {@code notpLogin()} sets it up.
 */
class NotpAuthenticationFailureHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final NotpAuthenticationFailureHandler handler = new NotpAuthenticationFailureHandler();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void onFailureWhenInvalidRequestThenBadRequestNamingTheField() throws Exception {
		JsonNode problem = fail(new NotpInvalidRequestException("pendingRef", "pendingRef is required"));

		assertThat(this.response.getStatus()).isEqualTo(400);
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:invalid-request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("field").asString()).isEqualTo("pendingRef");
		assertThat(problem.get("detail").asString()).isEqualTo("pendingRef is required");
		assertThat(problem.get("instance").asString()).isEqualTo("/login/notp/session");
	}

	@Test
	void onFailureWhenTheFlowIsNotThisSessionsThenUnauthorizedUnknownFlow() throws Exception {
		JsonNode problem = fail(new NotpFlowNotFoundException());

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:unknown-flow");
		assertThat(problem.has("field")).isFalse();
	}

	@Test
	void onFailureWhenDescopeEndedTheFlowThenUnauthorizedFlowFailedWithItsErrorCode() throws Exception {
		JsonNode problem = fail(
				new NotpAuthenticationFailedException("The login expired or was not confirmed", "E066104"));

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:flow-failed");
		assertThat(problem.get("errorCode").asString()).isEqualTo("E066104");
		assertThat(problem.get("detail").asString()).isEqualTo("The login expired or was not confirmed");
	}

	@Test
	void onFailureWhenTheFlowFailedWithoutAnErrorCodeThenNoErrorCodeMember() throws Exception {
		JsonNode problem = fail(
				new NotpAuthenticationFailedException("Descope's session token did not validate", null));

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:flow-failed");
		assertThat(problem.has("errorCode")).isFalse();
	}

	@Test
	void onFailureWhenDescopeRateLimitsThenTooManyRequestsWithItsWaitRoundedUpToWholeSeconds() throws Exception {
		JsonNode problem = fail(new DescopeUnavailableException("Descope could not complete the login now", true,
				Duration.ofMillis(2500)));

		assertThat(this.response.getStatus()).isEqualTo(429);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:rate-limited");
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("3");
	}

	@Test
	void onFailureWhenDescopeIsUnavailableThenServiceUnavailableRetryingAfterASecond() throws Exception {
		JsonNode problem = fail(
				new DescopeUnavailableException("Descope's signing keys could not be fetched", false, null));

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("1");
	}

	@Test
	void onFailureWhenAnyOtherExceptionThenUnauthorizedWithoutItsMessage() throws Exception {
		JsonNode problem = fail(new BadCredentialsException("internal detail: eyJhbGciOi.secret"));

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:unauthenticated");
		assertThat(problem.get("detail").asString()).isEqualTo("Login failed");
		assertThat(this.response.getContentAsString()).doesNotContain("eyJ", "BadCredentials");
	}

	@Test
	void onFailureWhenABrowserNavigationThenTheErrorPageWithTheProblemsStatusAndRetryAfterKept() throws Exception {
		MockHttpServletRequest navigation = navigation();

		this.handler.onAuthenticationFailure(navigation, this.response, new DescopeUnavailableException(
				"Descope could not complete the login now", false, Duration.ofSeconds(4)));

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getErrorMessage()).isEqualTo("Descope is unavailable");
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("4");
		assertThat(this.response.getContentAsString()).isEmpty();
	}

	@Test
	void onFailureWhenTheWriterRedirectsNavigationsThenNavigationsGoToTheLoginPageAndApiCallsGetTheProblem()
			throws Exception {
		this.handler.setProblemDetailsWriter(new ProblemDetailsWriter(new BrowserNavigationRequestMatcher())
			.redirectingNavigationsTo("/login/notp?error"));
		MockHttpServletRequest navigation = navigation();
		navigation.setContextPath("/app");
		navigation.setRequestURI("/app/login/notp/session");

		this.handler.onAuthenticationFailure(navigation, this.response, new NotpFlowNotFoundException());

		assertThat(this.response.getStatus()).isEqualTo(302);
		assertThat(this.response.getRedirectedUrl()).isEqualTo("/app/login/notp?error");
		MockHttpServletResponse api = new MockHttpServletResponse();
		this.handler.onAuthenticationFailure(apiCall(), api, new NotpFlowNotFoundException());
		assertThat(api.getStatus()).isEqualTo(401);
		assertThat(api.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	@Test
	void setProblemDetailsWriterWhenNullThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.handler.setProblemDetailsWriter(null));
	}

	private JsonNode fail(AuthenticationException exception) throws Exception {
		this.handler.onAuthenticationFailure(apiCall(), this.response, exception);
		return JSON.readTree(this.response.getContentAsByteArray());
	}

	private static MockHttpServletRequest apiCall() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/session");
		request.addHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
		return request;
	}

	/** An HTML form posted without script, as a browser sends it. */
	private static MockHttpServletRequest navigation() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/session");
		request.addHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		request.addHeader("Sec-Fetch-Mode", "navigate");
		request.addHeader("Sec-Fetch-Dest", "document");
		return request;
	}

}
