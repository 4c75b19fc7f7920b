package com.descope.notp.security.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SessionStoreUnavailableFilter}: a session store out of reach (what Spring Data
 * Redis throws when Redis refuses the connection or a command times out, also wrapped in
 * a {@code ServletException}) becomes {@code 503} with {@code Retry-After}, problem+json
 * to an API call and the error page to a browser navigation, with whatever the request
 * had written or set discarded; any other failure, and one after the answer was
 * committed, goes on as it was.
 */
class SessionStoreUnavailableFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SessionStoreUnavailableFilter filter = new SessionStoreUnavailableFilter();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void doFilterWhenACommandToTheStoreTimesOutThen503ProblemWithRetryAfter() throws Exception {
		FilterChain chain = (request, response) -> {
			((HttpServletResponse) response).setHeader("X-Half-Written", "yes");
			throw new QueryTimeoutException("Redis command timed out");
		};

		this.filter.doFilter(api(), this.response, chain);

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(this.response.getHeader("X-Half-Written")).isNull();
		JsonNode problem = JSON.readTree(this.response.getContentAsByteArray());
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:session-store-unavailable");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/me");
	}

	@Test
	void doFilterWhenTheStoreRefusesTheConnectionInsideAServletExceptionForANavigationThenTheErrorPageWith503()
			throws Exception {
		FilterChain chain = (request, response) -> {
			throw new ServletException(new RedisConnectionFailureException("Unable to connect"));
		};

		this.filter.doFilter(navigation(), this.response, chain);

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getErrorMessage()).isEqualTo("Sessions are unavailable");
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void doFilterWhenAnotherFailureThenItGoesOnUnchanged() {
		DataIntegrityViolationException other = new DataIntegrityViolationException("not an outage");
		FilterChain chain = (request, response) -> {
			throw other;
		};

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.filter.doFilter(api(), this.response, chain))
			.isSameAs(other);
	}

	@Test
	void doFilterWhenTheAnswerWasCommittedThenTheFailureGoesOn() {
		FilterChain chain = (request, response) -> {
			response.flushBuffer();
			throw new QueryTimeoutException("Redis command timed out");
		};

		assertThatExceptionOfType(QueryTimeoutException.class)
			.isThrownBy(() -> this.filter.doFilter(api(), this.response, chain));
	}

	private static MockHttpServletRequest api() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.addHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		return request;
	}

	private static MockHttpServletRequest navigation() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/account");
		request.addHeader(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml");
		request.addHeader("Sec-Fetch-Mode", "navigate");
		request.addHeader("Sec-Fetch-Dest", "document");
		return request;
	}

}
