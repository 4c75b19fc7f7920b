package com.descope.notp.security.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.security.DescopeBearerTokenResolver;
import com.descope.notp.web.ProblemDetailsWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DescopeAuthenticationEntryPoint}: the RFC 6750
 * {@code WWW-Authenticate} challenge and problem+json body for a missing, refused or
 * malformed bearer token, the {@code 503} when the token could not be checked, and the
 * error page or redirect for a browser navigation. The refusals are the ones the real
 * resolver and {@code JwtAuthenticationProvider} raise for tokens of the Descope
 * emulator.
 */
class DescopeAuthenticationEntryPointTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final DescopeAuthenticationEntryPoint entryPoint = new DescopeAuthenticationEntryPoint();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@AfterEach
	void stopEmulator() {
		this.descope.close();
	}

	@Test
	void commenceWhenNoCredentialsThen401WithABareBearerChallenge() throws Exception {
		this.entryPoint.commence(apiRequest(), this.response,
				new InsufficientAuthenticationException("Full authentication is required"));

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"descope\"");
		JsonNode problem = problem();
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:unauthenticated");
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/me");
	}

	@Test
	void commenceWhenTheBearerTokenIsRefusedThen401InvalidTokenNotEchoingIt() throws Exception {
		String expired = this.descope.emulator()
			.issueSessionJwt(this.descope.alice(),
					(claims) -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));
		MockHttpServletRequest request = apiRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + expired);

		AuthenticationException refused = refusal(this.descope.decoder(), expired);
		assertThat(refused).isInstanceOf(InvalidBearerTokenException.class);

		this.entryPoint.commence(request, this.response, refused);

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo(
				"Bearer realm=\"descope\", error=\"invalid_token\", error_description=\"The session token is invalid or expired\"");
		JsonNode problem = problem();
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:invalid-token");
		assertThat(problem.get("detail").asString()).isEqualTo("The session token is invalid or expired");
		assertThat(this.response.getContentAsString()).doesNotContain(expired);
	}

	@Test
	void commenceWhenTheBearerHeaderIsMalformedThen401InvalidTokenSayingSo() throws Exception {
		MockHttpServletRequest request = apiRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer a b");
		AuthenticationException malformed = assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> new DescopeBearerTokenResolver().resolve(request))
			.actual();

		this.entryPoint.commence(request, this.response, malformed);

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo(
				"Bearer realm=\"descope\", error=\"invalid_token\", error_description=\"The Authorization header is not a well-formed bearer token\"");
		assertThat(problem().get("type").asString()).isEqualTo("urn:descope-notp:problem:invalid-token");
	}

	@Test
	void commenceWhenTheTokenCouldNotBeCheckedThen503WithRetryAfterAndNoChallenge() throws Exception {
		String token = this.descope.emulator().issueSessionJwt(this.descope.alice());
		MockHttpServletRequest request = apiRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);

		AuthenticationException unchecked = refusal(this.descope.decoderWithUnreachableKeys(), token);
		assertThat(unchecked).isInstanceOf(AuthenticationServiceException.class);

		this.entryPoint.commence(request, this.response, unchecked);

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(this.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();
		assertThat(problem().get("type").asString()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
	}

	@Test
	void commenceWhenTheRealmNameIsSetThenTheChallengeNamesIt() throws Exception {
		this.entryPoint.setRealmName("orders-api");

		this.entryPoint.commence(apiRequest(), this.response, new InsufficientAuthenticationException("none"));

		assertThat(this.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"orders-api\"");
	}

	@Test
	void commenceWhenABrowserNavigationThenTheErrorPageWith401KeepingTheChallenge() throws Exception {
		this.entryPoint.commence(navigation(), this.response, new InsufficientAuthenticationException("none"));

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(this.response.getErrorMessage()).isEqualTo("Authentication required");
		assertThat(this.response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"descope\"");
		assertThat(this.response.getContentAsString()).isEmpty();
	}

	@Test
	void commenceWhenTheWriterRedirectsNavigationsThenANavigationIsRedirectedAndAnApiCallStillGets401()
			throws Exception {
		this.entryPoint.setProblemDetailsWriter(new ProblemDetailsWriter(new BrowserNavigationRequestMatcher())
			.redirectingNavigationsTo("/login/notp?error"));
		MockHttpServletResponse apiResponse = new MockHttpServletResponse();

		this.entryPoint.commence(navigation(), this.response, new InsufficientAuthenticationException("none"));
		this.entryPoint.commence(apiRequest(), apiResponse, new InsufficientAuthenticationException("none"));

		assertThat(this.response.getStatus()).isEqualTo(302);
		assertThat(this.response.getRedirectedUrl()).isEqualTo("/login/notp?error");
		assertThat(apiResponse.getStatus()).isEqualTo(401);
		assertThat(apiResponse.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	/**
	 * What Spring Security's {@code JwtAuthenticationProvider} throws for a bearer token
	 * the decoder refuses or cannot check.
	 * @param decoder the decoder
	 * @param token the token
	 * @return the exception
	 */
	private static AuthenticationException refusal(JwtDecoder decoder, String token) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(new DescopeJwtAuthenticationConverter());
		return assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(token)))
			.actual();
	}

	private JsonNode problem() throws Exception {
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return JSON.readTree(this.response.getContentAsString());
	}

	private static MockHttpServletRequest apiRequest() {
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
