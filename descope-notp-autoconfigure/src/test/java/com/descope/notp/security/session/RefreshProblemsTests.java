package com.descope.notp.security.session;

import java.util.List;
import java.util.Map;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.RefreshResult;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.test.TestTokens;
import com.descope.notp.web.ProblemDetailsWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RefreshProblems}: the answer to each way a refresh can be unavailable,
 * each produced by a real {@code DescopeSessionManager} against the Descope emulator over
 * real HTTP (a failed answer, a rate limit, an unreachable Descope, keys that cannot be
 * fetched to check the new token).
 */
class RefreshProblemsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final ProblemDetailsWriter problems = new ProblemDetailsWriter(new BrowserNavigationRequestMatcher());

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@AfterEach
	void stopEmulator() {
		this.descope.close();
	}

	@Test
	void writeUnavailableWhenDescopeAnswered503Then503WithItsRetryAfter() throws Exception {
		this.descope.emulator().enqueueFailure(EmulatedDescope.REFRESH, 503, Map.of("Retry-After", "7"), null);

		RefreshProblems.writeUnavailable(this.problems, apiRequest(), this.response, refresh(this.descope.manager()));

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		assertThat(problem().get("type").asString()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
	}

	@Test
	void writeUnavailableWhenDescopeRateLimitedThen429WithItsRetryAfter() throws Exception {
		this.descope.emulator().enqueueFailure(EmulatedDescope.REFRESH, 429, Map.of("Retry-After", "9"), null);

		RefreshProblems.writeUnavailable(this.problems, apiRequest(), this.response, refresh(this.descope.manager()));

		assertThat(this.response.getStatus()).isEqualTo(429);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("9");
		assertThat(problem().get("type").asString()).isEqualTo("urn:descope-notp:problem:rate-limited");
	}

	@Test
	void writeUnavailableWhenDescopeCannotBeReachedThen503RetryingAfterOneSecond() throws Exception {
		try (DescopeClient unreachable = DescopeClient.builder(this.descope.emulator().projectId())
			.baseUrl("http://127.0.0.1:" + TestTokens.closedLoopbackPort())
			.retryBackoff(List.of())
			.build()) {
			RefreshResult.Unavailable unavailable = refresh(
					new DescopeSessionManager(unreachable, this.descope.decoder()));

			RefreshProblems.writeUnavailable(this.problems, apiRequest(), this.response, unavailable);
		}

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(problem().get("type").asString()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
	}

	@Test
	void writeUnavailableWhenTheKeysCannotBeFetchedToCheckTheNewTokenThen503SayingSo() throws Exception {
		RefreshResult.Unavailable unavailable = refresh(
				new DescopeSessionManager(this.descope.client(), this.descope.decoderWithUnreachableKeys()));
		assertThat(unavailable.answer()).isNull();

		RefreshProblems.writeUnavailable(this.problems, apiRequest(), this.response, unavailable);

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		JsonNode problem = problem();
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
		assertThat(problem.get("detail").asString()).contains("could not be checked");
	}

	@Test
	void writeUnavailableWhenABrowserNavigationThenTheErrorPageKeepingRetryAfter() throws Exception {
		this.descope.emulator().enqueueFailure(EmulatedDescope.REFRESH, 503, Map.of("Retry-After", "7"), null);
		MockHttpServletRequest navigation = new MockHttpServletRequest("GET", "/account");
		navigation.addHeader(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE);

		RefreshProblems.writeUnavailable(this.problems, navigation, this.response, refresh(this.descope.manager()));

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getErrorMessage()).isEqualTo("Descope is unavailable");
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		assertThat(this.response.getContentAsString()).isEmpty();
	}

	private RefreshResult.Unavailable refresh(DescopeSessionManager manager) {
		RefreshResult result = manager.refresh(this.descope.emulator().issueRefreshJwt(this.descope.alice()), null);
		assertThat(result).isInstanceOf(RefreshResult.Unavailable.class);
		return (RefreshResult.Unavailable) result;
	}

	private JsonNode problem() throws Exception {
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return JSON.readTree(this.response.getContentAsString());
	}

	private static MockHttpServletRequest apiRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/refresh");
		request.addHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		return request;
	}

}
