package com.descope.notp.security.session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotpRefreshFilter}: where it takes the refresh JWT from (bearer, body,
 * else the stored tokens), what it answers and stores for each outcome, and that a
 * refused stored session is signed out while a refused sent token touches nothing stored.
 * A real {@code DescopeSessionManager} speaks to the Descope emulator over real HTTP with
 * real RS256 tokens.
 */
class NotpRefreshFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String REFRESH = EmulatedDescope.REFRESH;

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final List<Object> events = new ArrayList<>();

	private final HttpSessionDescopeTokenRepository tokens = new HttpSessionDescopeTokenRepository();

	private final HttpSessionSecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	private final NotpRefreshFilter filter = new NotpRefreshFilter(this.descope.manager(), this.tokens,
			this.events::add);

	private final MockHttpSession session = new MockHttpSession();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final MockFilterChain chain = new MockFilterChain();

	@BeforeEach
	void clearContext() {
		SecurityContextHolder.clearContext();
		this.filter.setSecurityContextRepository(this.contextRepository);
	}

	@AfterEach
	void tearDown() {
		SecurityContextHolder.clearContext();
		this.descope.close();
	}

	@Test
	void doFilterWhenNotARefreshRequestThenPassesThrough() throws Exception {
		String refreshJwt = this.descope.emulator().issueRefreshJwt(this.descope.alice());
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/login/notp/refresh");
		get.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt);
		MockHttpServletRequest elsewhere = new MockHttpServletRequest("POST", "/api/refresh");
		elsewhere.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt);

		for (MockHttpServletRequest request : List.of(get, elsewhere)) {
			MockFilterChain chain = new MockFilterChain();
			this.filter.doFilter(request, new MockHttpServletResponse(), chain);
			assertThat(chain.getRequest()).isSameAs(request);
		}
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenTheRefreshJwtIsABearerTokenThenTheNewSessionJwtIsAnsweredAndNothingStored() throws Exception {
		String refreshJwt = this.descope.emulator().issueRefreshJwt(this.descope.alice());
		MockHttpServletRequest request = refreshRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt);

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(200);
		JsonNode body = JSON.readTree(this.response.getContentAsString());
		Jwt jwt = this.descope.decoder().decode(body.get("sessionJwt").asString());
		assertThat(jwt.getSubject()).isEqualTo(this.descope.alice().userId());
		assertThat(body.get("sessionExpiration").asLong()).isEqualTo(jwt.getExpiresAt().getEpochSecond());
		assertThat(body.has("refreshJwt")).as("not rotated, so not answered").isFalse();
		assertThat(this.tokens.loadTokens(request)).isNull();
		assertThat(this.events).singleElement().isInstanceOfSatisfying(DescopeSessionTokenEvent.class, (event) -> {
			assertThat(event.getChange()).isEqualTo(DescopeSessionTokenEvent.Change.REFRESHED);
			assertThat(event.getUserId()).isEqualTo(this.descope.alice().userId());
			assertThat(event.getSessionExpiresAt()).isEqualTo(jwt.getExpiresAt());
		});
	}

	@Test
	void doFilterWhenDescopeRotatesTheRefreshJwtThenTheNewOneIsAnswered() throws Exception {
		this.descope.emulator().setRefreshTokenRotation(true);
		String refreshJwt = this.descope.emulator().issueRefreshJwt(this.descope.alice());
		MockHttpServletRequest request = refreshRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt);

		this.filter.doFilter(request, this.response, this.chain);

		JsonNode body = JSON.readTree(this.response.getContentAsString());
		assertThat(body.get("refreshJwt").asString()).startsWith("eyJ").isNotEqualTo(refreshJwt);
	}

	@Test
	void doFilterWhenTheRefreshJwtIsInAJsonBodyThenRefreshed() throws Exception {
		MockHttpServletRequest request = refreshRequest();
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.setContent(JSON
			.writeValueAsBytes(Map.of("refreshJwt", this.descope.emulator().issueRefreshJwt(this.descope.alice()))));

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(JSON.readTree(this.response.getContentAsString()).get("sessionJwt").asString()).startsWith("eyJ");
	}

	@Test
	void doFilterWhenTheRefreshJwtIsAFormParameterThenRefreshed() throws Exception {
		MockHttpServletRequest request = refreshRequest();
		request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		request.addParameter("refreshJwt", this.descope.emulator().issueRefreshJwt(this.descope.alice()));

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(JSON.readTree(this.response.getContentAsString()).get("sessionJwt").asString()).startsWith("eyJ");
	}

	@Test
	void doFilterWhenNothingIsSentThenTheStoredTokensAreRefreshedAndStoredAndNoTokenIsAnswered() throws Exception {
		DescopeTokens stored = signIn();
		// a minute later, so that the new session JWT differs from the stored one
		this.descope.emulator().setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
		MockHttpServletRequest request = refreshRequest();

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(200);
		DescopeTokens refreshed = this.tokens.loadTokens(request);
		assertThat(refreshed.sessionJwt()).isNotEqualTo(stored.sessionJwt());
		assertThat(refreshed.refreshJwt()).isEqualTo(stored.refreshJwt());
		JsonNode body = JSON.readTree(this.response.getContentAsString());
		assertThat(body.get("status").asString()).isEqualTo("refreshed");
		assertThat(body.get("sessionExpiration").asLong()).isEqualTo(refreshed.sessionExpiresAt().getEpochSecond());
		assertThat(body.has("sessionJwt")).isFalse();
		assertThat(body.has("refreshJwt")).isFalse();
	}

	@Test
	void doFilterWhenNoRefreshJwtIsSentNorStoredThen401() throws Exception {
		MockHttpServletRequest request = refreshRequest();

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(problemType()).isEqualTo("urn:descope-notp:problem:unauthenticated");
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenTheBearerTokenIsNotShapedAsAJwtThen400NamingTheHeader() throws Exception {
		MockHttpServletRequest request = refreshRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(400);
		JsonNode problem = JSON.readTree(this.response.getContentAsString());
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:invalid-request");
		assertThat(problem.get("field").asString()).isEqualTo("Authorization");
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenASentRefreshJwtIsRefusedThen401AndTheStoredSessionIsUntouched() throws Exception {
		DescopeTokens stored = signIn();
		String revoked = this.descope.emulator().issueRefreshJwt(this.descope.alice());
		assertThat(this.descope.client().logout(revoked).ok()).isTrue();
		MockHttpServletRequest request = refreshRequest();
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + revoked);

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(problemType()).isEqualTo("urn:descope-notp:problem:invalid-token");
		assertThat(this.tokens.loadTokens(request)).isEqualTo(stored);
		assertThat(savedAuthentication()).isNotNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenTheStoredRefreshJwtIsRefusedThen401AndTheStoredSessionIsSignedOutKeepingTheHttpSession()
			throws Exception {
		DescopeTokens stored = signIn();
		this.session.setAttribute("pending-login", "kept");
		assertThat(this.descope.client().logout(stored.refreshJwt()).ok()).isTrue();
		MockHttpServletRequest request = refreshRequest();

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(problemType()).isEqualTo("urn:descope-notp:problem:invalid-token");
		assertThat(this.tokens.loadTokens(request)).isNull();
		assertThat(savedAuthentication()).isNull();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
		assertThat(this.session.isInvalid()).isFalse();
		assertThat(this.session.getAttribute("pending-login")).isEqualTo("kept");
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(DescopeSessionTokenEvent.class,
					(event) -> assertThat(event.getChange()).isEqualTo(DescopeSessionTokenEvent.Change.CLEARED));
	}

	@Test
	void doFilterWhenDescopeIsUnavailableThen503WithItsRetryAfterAndTheStoredTokensKept() throws Exception {
		DescopeTokens stored = signIn();
		this.descope.emulator().enqueueFailure(REFRESH, 503, Map.of("Retry-After", "7"), null);
		MockHttpServletRequest request = refreshRequest();

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		assertThat(problemType()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
		assertThat(this.tokens.loadTokens(request)).isEqualTo(stored);
		assertThat(savedAuthentication()).isNotNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenTheRequestMatcherIsSetThenRefreshesThereOnly() throws Exception {
		this.filter.setRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/auth/refresh"));
		String refreshJwt = this.descope.emulator().issueRefreshJwt(this.descope.alice());
		MockHttpServletRequest custom = new MockHttpServletRequest("POST", "/auth/refresh");
		custom.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt);
		MockHttpServletRequest standard = refreshRequest();
		standard.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt);

		this.filter.doFilter(standard, new MockHttpServletResponse(), this.chain);
		this.filter.doFilter(custom, this.response, new MockFilterChain());

		assertThat(this.chain.getRequest()).isSameAs(standard);
		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.descope.calls(REFRESH)).isOne();
	}

	/**
	 * Signs Alice in as a login in the HTTP-session mode leaves it: the tokens stored and
	 * the authentication saved in the session.
	 * @return the stored tokens
	 */
	private DescopeTokens signIn() {
		DescopeTokens stored = this.descope.signIn();
		MockHttpServletRequest login = new MockHttpServletRequest("POST", "/login/notp/session");
		login.setSession(this.session);
		MockHttpServletResponse loginResponse = new MockHttpServletResponse();
		this.tokens.saveTokens(stored, login, loginResponse);
		DescopeAuthenticationToken authentication = new DescopeJwtAuthenticationConverter()
			.convert(this.descope.decoder().decode(stored.sessionJwt()));
		this.contextRepository.saveContext(new SecurityContextImpl(authentication), login, loginResponse);
		SecurityContextHolder.setContext(new SecurityContextImpl(authentication));
		return stored;
	}

	private Object savedAuthentication() {
		MockHttpServletRequest later = new MockHttpServletRequest();
		later.setSession(this.session);
		return this.contextRepository.loadDeferredContext(later).get().getAuthentication();
	}

	private MockHttpServletRequest refreshRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/refresh");
		request.addHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		request.setSession(this.session);
		return request;
	}

	private String problemType() throws Exception {
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return JSON.readTree(this.response.getContentAsString()).get("type").asString();
	}

}
