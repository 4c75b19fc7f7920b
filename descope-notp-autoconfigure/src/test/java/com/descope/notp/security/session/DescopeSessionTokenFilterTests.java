package com.descope.notp.security.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.descope.notp.client.JwtResponse;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.test.MovableClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeSessionTokenFilter}: what it decides on each request from the
 * stored tokens, the authentication already in place and a front end's {@code DS} cookie.
 * A real {@code DescopeSessionManager} and session-token decoder speak to the Descope
 * emulator over real HTTP with real RS256 tokens; the filter's clock is moved to put a
 * stored session JWT near or past its expiry (the decoder, on the system clock, still
 * accepts it), and the emulator's clock with it so that a refreshed token is dated from
 * then.
 */
class DescopeSessionTokenFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String REFRESH = EmulatedDescope.REFRESH;

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final MovableClock clock = MovableClock.standingAt(Instant.now());

	private final List<Object> events = new ArrayList<>();

	private final HttpSessionDescopeTokenRepository sessionTokens = new HttpSessionDescopeTokenRepository();

	private final HttpSessionSecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	private final DescopeJwtAuthenticationConverter converter = new DescopeJwtAuthenticationConverter();

	private final MockHttpSession session = new MockHttpSession();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final RecordingChain chain = new RecordingChain();

	@BeforeEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@AfterEach
	void tearDown() {
		SecurityContextHolder.clearContext();
		this.descope.close();
	}

	@Test
	void doFilterWhenNoStoredTokensThenPassesThroughUnauthenticatedCreatingNoSession() throws Exception {
		MockHttpServletRequest request = apiRequest(null);

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isTrue();
		assertThat(this.chain.authentication).isNull();
		assertThat(request.getSession(false)).isNull();
		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		assertThat(this.descope.emulator().calls()).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenStoredTokensAreValidThenTheSessionsAuthenticationIsKeptAsItIs() throws Exception {
		Authentication login = signInWithHttpSession();
		MockHttpServletRequest request = loadSession(apiRequest(this.session));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isTrue();
		assertThat(this.chain.authentication).isSameAs(login);
		assertThat(this.descope.calls(REFRESH)).isZero();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenStoredTokensAreValidAndNoAuthenticationIsLoadedThenAuthenticatedAndSavedInTheHttpSession()
			throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest request = apiRequest(this.session);
		this.sessionTokens.saveTokens(tokens, request, this.response);

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(authentication) -> {
					assertThat(authentication.getName()).isEqualTo(this.descope.alice().userId());
					assertThat(authentication.getToken().getTokenValue()).isEqualTo(tokens.sessionJwt());
					assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities()))
						.contains("ROLE_admin", "ROLE_user");
				});
		assertThat(savedAuthentication()).isSameAs(this.chain.authentication);
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenValidTokensAreInCookiesThenAuthenticatedAndNothingIsKeptOnTheServer() throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest request = apiRequest(null);
		request.setCookies(new Cookie("DS", tokens.sessionJwt()), new Cookie("DSR", tokens.refreshJwt()));

		filter(cookieTokens(), DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(authentication) -> assertThat(authentication.getToken().getTokenValue())
					.isEqualTo(tokens.sessionJwt()));
		assertThat(request.getSession(false)).isNull();
		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
	}

	@Test
	void doFilterWhenNearExpiryWithAutoRefreshThenRefreshedOnceStoredAndTheLoginsUserDetailsKept() throws Exception {
		DescopeTokens tokens = tokensOf(signInWithHttpSession());
		moveTimeTo(tokens.sessionExpiresAt().minusSeconds(10));
		MockHttpServletRequest request = loadSession(apiRequest(this.session));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isTrue();
		assertThat(this.descope.calls(REFRESH)).isOne();
		DescopeTokens stored = this.sessionTokens.loadTokens(request);
		assertThat(stored.sessionJwt()).isNotEqualTo(tokens.sessionJwt());
		assertThat(stored.refreshJwt()).isEqualTo(tokens.refreshJwt());
		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(authentication) -> {
					assertThat(authentication.getToken().getTokenValue()).isEqualTo(stored.sessionJwt());
					assertThat(authentication.getPrincipal().name()).as("the login's user details")
						.isEqualTo("Alice Admin");
				});
		assertThat(savedAuthentication()).isSameAs(this.chain.authentication);
		assertThat(this.events).singleElement().isInstanceOfSatisfying(DescopeSessionTokenEvent.class, (event) -> {
			assertThat(event.getChange()).isEqualTo(DescopeSessionTokenEvent.Change.REFRESHED);
			assertThat(event.getUserId()).isEqualTo(this.descope.alice().userId());
			assertThat(event.getSessionExpiresAt()).isEqualTo(stored.sessionExpiresAt());
		});

		RecordingChain next = new RecordingChain();
		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(loadSession(apiRequest(this.session)),
				new MockHttpServletResponse(), next);

		assertThat(this.descope.calls(REFRESH)).as("the refreshed token is used as it is").isOne();
		assertThat(next.authentication).isSameAs(this.chain.authentication);
	}

	@Test
	void doFilterWhenTwoRequestsCarryTheSameOldCookiesThenDescopeIsAskedOnceAndBothGetTheSameNewToken()
			throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		moveTimeTo(tokens.sessionExpiresAt().minusSeconds(10));
		DescopeSessionTokenFilter filter = filter(cookieTokens(), DescopeSessionSettings.DEFAULTS);
		List<String> newSessionCookies = new ArrayList<>();

		for (int i = 0; i < 2; i++) {
			MockHttpServletRequest request = apiRequest(null);
			request.setCookies(new Cookie("DS", tokens.sessionJwt()), new Cookie("DSR", tokens.refreshJwt()));
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request, response, new RecordingChain());
			newSessionCookies.add(sessionCookie(response));
		}

		assertThat(this.descope.calls(REFRESH)).isOne();
		assertThat(newSessionCookies.get(0)).isNotEqualTo(tokens.sessionJwt()).isEqualTo(newSessionCookies.get(1));
	}

	@Test
	void doFilterWhenOnlyTheRefreshJwtIsLeftInCookiesThenRefreshedAndTheNewSessionJwtSet() throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest request = apiRequest(null);
		request.setCookies(new Cookie("DSR", tokens.refreshJwt()));

		filter(cookieTokens(), DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		String sessionJwt = sessionCookie(this.response);
		assertThat(sessionJwt).startsWith("eyJ");
		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(authentication) -> assertThat(authentication.getToken().getTokenValue()).isEqualTo(sessionJwt));
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenTheStoredSessionJwtNoLongerValidatesThenRefreshedWithTheRefreshJwt() throws Exception {
		String expired = this.descope.emulator()
			.issueSessionJwt(this.descope.alice(),
					(claims) -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));
		DescopeTokens tokens = new DescopeTokens(expired,
				this.descope.emulator().issueRefreshJwt(this.descope.alice()));
		MockHttpServletRequest request = apiRequest(this.session);
		this.sessionTokens.saveTokens(tokens, request, this.response);

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.descope.calls(REFRESH)).isOne();
		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(authentication) -> assertThat(authentication.getToken().getTokenValue())
					.isEqualTo(this.sessionTokens.loadTokens(request).sessionJwt())
					.isNotEqualTo(expired));
	}

	@Test
	void doFilterWhenNearExpiryWithoutAutoRefreshThenTheTokenIsUsedAsItIs() throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest request = apiRequest(this.session);
		this.sessionTokens.saveTokens(tokens, request, this.response);
		this.clock.set(tokens.sessionExpiresAt().minusSeconds(10));

		filter(this.sessionTokens, noAutoRefresh()).doFilter(request, this.response, this.chain);

		assertThat(this.descope.calls(REFRESH)).isZero();
		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(authentication) -> assertThat(authentication.getToken().getTokenValue())
					.isEqualTo(tokens.sessionJwt()));
	}

	@Test
	void doFilterWhenExpiredWithoutAutoRefreshThenTheSessionIsClearedAndTheRequestGoesOnUnauthenticated()
			throws Exception {
		DescopeTokens tokens = tokensOf(signInWithHttpSession());
		this.clock.set(tokens.sessionExpiresAt().plusSeconds(1));
		MockHttpServletRequest request = loadSession(apiRequest(this.session));

		filter(this.sessionTokens, noAutoRefresh()).doFilter(request, this.response, this.chain);

		assertSignedOut(request);
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenExpiredAndNoRefreshJwtIsStoredThenTheSessionIsCleared() throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest request = apiRequest(this.session);
		this.sessionTokens.saveTokens(new DescopeTokens(tokens.sessionJwt(), null), request, this.response);
		this.clock.set(tokens.sessionExpiresAt().plusSeconds(1));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isTrue();
		assertThat(this.chain.authentication).isNull();
		assertThat(this.sessionTokens.loadTokens(request)).isNull();
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenDescopeRefusesTheRefreshThenTheSessionIsClearedAndTheRequestGoesOnUnauthenticated()
			throws Exception {
		DescopeTokens tokens = tokensOf(signInWithHttpSession());
		// revoked elsewhere, for example by a logout in another browser
		assertThat(this.descope.client().logout(tokens.refreshJwt()).ok()).isTrue();
		moveTimeTo(tokens.sessionExpiresAt().minusSeconds(10));
		MockHttpServletRequest request = loadSession(apiRequest(this.session));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.descope.calls(REFRESH)).isOne();
		assertSignedOut(request);
	}

	@Test
	void doFilterWhenAnotherInstanceRotatedTheRefreshJwtOfASharedSessionThenItsStoredTokensAreUsed() throws Exception {
		DescopeTokens mine = tokensOf(signInWithHttpSession());
		this.descope.emulator().setRefreshTokenRotation(true);
		moveTimeTo(mine.sessionExpiresAt().plusSeconds(1));
		// the other instance refreshed first (Descope revoked the refresh JWT this
		// request
		// holds) and stored its tokens in the shared session
		DescopeTokens theirs = refreshElsewhere(mine);
		MockHttpServletRequest request = loadSession(apiRequest(this.session));
		sharedStoreHolding(request, theirs);

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.descope.calls(REFRESH)).as("the other instance's refresh and this one's").isEqualTo(2);
		assertThat(this.chain.called).isTrue();
		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(user) -> assertThat(user.getToken().getTokenValue()).isEqualTo(theirs.sessionJwt()));
		assertThat(this.sessionTokens.loadTokens(request)).isEqualTo(theirs);
		assertThat(savedAuthentication()).isSameAs(this.chain.authentication);
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenASharedSessionsRefreshIsRefusedWhileItsSessionJwtIsValidThenThatTokenIsUsedAndNothingCleared()
			throws Exception {
		Authentication login = signInWithHttpSession();
		DescopeTokens mine = tokensOf(login);
		this.descope.emulator().setRefreshTokenRotation(true);
		moveTimeTo(mine.sessionExpiresAt().minusSeconds(10));
		// the other instance has refreshed, and not stored its tokens yet
		refreshElsewhere(mine);
		MockHttpServletRequest request = loadSession(apiRequest(this.session));
		sharedStoreHolding(request, mine);

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isTrue();
		assertThat(this.chain.authentication).isSameAs(login);
		assertThat(this.sessionTokens.loadTokens(request)).isEqualTo(mine);
		assertThat(savedAuthentication()).isNotNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenASharedSessionsExpiredTokenIsRefusedAndNoOtherInstanceRefreshedItThenSignedOut() throws Exception {
		DescopeTokens mine = tokensOf(signInWithHttpSession());
		assertThat(this.descope.client().logout(mine.refreshJwt()).ok()).isTrue();
		moveTimeTo(mine.sessionExpiresAt().plusSeconds(1));
		MockHttpServletRequest request = loadSession(apiRequest(this.session));
		sharedStoreHolding(request, mine);

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertSignedOut(request);
	}

	@Test
	void doFilterWhenDescopeIsUnavailableThen503ProblemAndTheSessionIsKept() throws Exception {
		Authentication login = signInWithHttpSession();
		DescopeTokens tokens = tokensOf(login);
		moveTimeTo(tokens.sessionExpiresAt().minusSeconds(10));
		this.descope.emulator().enqueueFailure(REFRESH, 503, Map.of("Retry-After", "7"), null);
		MockHttpServletRequest request = loadSession(apiRequest(this.session));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = JSON.readTree(this.response.getContentAsString());
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:descope-unavailable");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/me");
		assertThat(this.sessionTokens.loadTokens(request)).isEqualTo(tokens);
		assertThat(savedAuthentication()).isEqualTo(login);
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenDescopeIsUnavailableForABrowserNavigationThenTheErrorPageWith503() throws Exception {
		DescopeTokens tokens = tokensOf(signInWithHttpSession());
		moveTimeTo(tokens.sessionExpiresAt().minusSeconds(10));
		this.descope.emulator().enqueueFailure(REFRESH, 503, Map.of("Retry-After", "7"), null);
		MockHttpServletRequest request = loadSession(navigation(this.session));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getErrorMessage()).isEqualTo("Descope is unavailable");
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		assertThat(this.response.getContentAsString()).isEmpty();
		assertThat(this.sessionTokens.loadTokens(request)).isEqualTo(tokens);
	}

	@Test
	void doFilterWhenTheStoredTokenCannotBeCheckedBecauseTheKeysCannotBeFetchedThen503AndTheTokensKept()
			throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest request = apiRequest(this.session);
		this.sessionTokens.saveTokens(tokens, request, this.response);
		DescopeSessionTokenFilter filter = filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS,
				this.descope.decoderWithUnreachableKeys());

		filter.doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(this.sessionTokens.loadTokens(request)).isEqualTo(tokens);
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenAnotherAuthenticationIsInPlaceThenLeftAloneWhateverTheStoredTokens() throws Exception {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest request = apiRequest(this.session);
		this.sessionTokens.saveTokens(tokens, request, this.response);
		this.clock.set(tokens.sessionExpiresAt().plusSeconds(1));
		Authentication other = UsernamePasswordAuthenticationToken.authenticated("operator", null,
				AuthorityUtils.createAuthorityList("ROLE_OPERATOR"));
		SecurityContextHolder.setContext(new SecurityContextImpl(other));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.authentication).isSameAs(other);
		assertThat(this.sessionTokens.loadTokens(request)).isEqualTo(tokens);
		assertThat(this.descope.calls(REFRESH)).isZero();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenABearerRequestThenLeftToTheBearerTokenFilter() throws Exception {
		Authentication login = signInWithHttpSession();
		DescopeTokens tokens = tokensOf(login);
		this.clock.set(tokens.sessionExpiresAt().plusSeconds(1));
		MockHttpServletRequest request = loadSession(apiRequest(this.session));
		request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + this.descope.emulator()
			.issueSessionJwt(this.descope.emulator().findUserByLoginId("+15555550101").orElseThrow()));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.authentication).as("not cleared though expired").isSameAs(login);
		assertThat(this.sessionTokens.loadTokens(request)).isEqualTo(tokens);
		assertThat(this.descope.calls(REFRESH)).isZero();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenTheSessionsTokensWereRemovedAndItsAuthenticationExpiredThenCleared() throws Exception {
		DescopeTokens tokens = tokensOf(signInWithHttpSession());
		this.session.removeAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE);
		this.clock.set(tokens.sessionExpiresAt().plusSeconds(1));
		MockHttpServletRequest request = loadSession(apiRequest(this.session));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertSignedOut(request);
	}

	@Test
	void doFilterWhenTheSessionsTokensWereRemovedButItsAuthenticationIsValidThenKept() throws Exception {
		Authentication login = signInWithHttpSession();
		this.session.removeAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE);
		MockHttpServletRequest request = loadSession(apiRequest(this.session));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.authentication).isSameAs(login);
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenAFrontEndsDsCookieValidatesThenAuthenticatedWithNothingStored() throws Exception {
		String sessionJwt = this.descope.emulator().issueSessionJwt(this.descope.alice());
		MockHttpServletRequest request = apiRequest(null);
		request.setCookies(new Cookie("DS", sessionJwt));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.authentication).isInstanceOfSatisfying(DescopeAuthenticationToken.class,
				(authentication) -> {
					assertThat(authentication.getName()).isEqualTo(this.descope.alice().userId());
					assertThat(authentication.getToken().getTokenValue()).isEqualTo(sessionJwt);
				});
		assertThat(request.getSession(false)).isNull();
		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void doFilterWhenAFrontEndsDsCookieIsStaleThenIgnoredAndTheCookieLeftToItsSdk() throws Exception {
		String stale = this.descope.emulator()
			.issueSessionJwt(this.descope.alice(),
					(claims) -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));
		MockHttpServletRequest request = apiRequest(null);
		request.setCookies(new Cookie("DS", stale));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isTrue();
		assertThat(this.chain.authentication).isNull();
		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		assertThat(this.descope.calls(REFRESH)).isZero();
	}

	@Test
	void doFilterWhenAFrontEndsDsCookieCannotBeCheckedThen503() throws Exception {
		MockHttpServletRequest request = apiRequest(null);
		request.setCookies(new Cookie("DS", this.descope.emulator().issueSessionJwt(this.descope.alice())));
		DescopeSessionTokenFilter filter = filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS,
				this.descope.decoderWithUnreachableKeys());

		filter.doFilter(request, this.response, this.chain);

		assertThat(this.chain.called).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(503);
		assertThat(this.response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void doFilterWhenTheSessionCookieNameIsSetThenTheFrontEndsCookieIsReadUnderIt() throws Exception {
		String sessionJwt = this.descope.emulator().issueSessionJwt(this.descope.alice());
		DescopeSessionTokenFilter filter = filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS);
		filter.setSessionCookieName("APP_DS");
		MockHttpServletRequest underDs = apiRequest(null);
		underDs.setCookies(new Cookie("DS", sessionJwt));
		MockHttpServletRequest underAppDs = apiRequest(null);
		underAppDs.setCookies(new Cookie("APP_DS", sessionJwt));

		filter.doFilter(underDs, this.response, this.chain);
		SecurityContextHolder.clearContext();
		RecordingChain named = new RecordingChain();
		filter.doFilter(underAppDs, new MockHttpServletResponse(), named);

		assertThat(this.chain.authentication).isNull();
		assertThat(named.authentication).isInstanceOf(DescopeAuthenticationToken.class);
	}

	@Test
	void doFilterWhenASignedInSessionAlsoCarriesADsCookieThenTheStoredTokensWin() throws Exception {
		Authentication login = signInWithHttpSession();
		MockHttpServletRequest request = loadSession(apiRequest(this.session));
		request.setCookies(new Cookie("DS", this.descope.emulator()
			.issueSessionJwt(this.descope.emulator().findUserByLoginId("+15555550101").orElseThrow())));

		filter(this.sessionTokens, DescopeSessionSettings.DEFAULTS).doFilter(request, this.response, this.chain);

		assertThat(this.chain.authentication).isSameAs(login);
	}

	private DescopeSessionTokenFilter filter(DescopeTokenRepository repository, DescopeSessionSettings settings) {
		return filter(repository, settings, this.descope.decoder());
	}

	private DescopeSessionTokenFilter filter(DescopeTokenRepository repository, DescopeSessionSettings settings,
			JwtDecoder decoder) {
		DescopeSessionTokenFilter filter = new DescopeSessionTokenFilter(repository, decoder, this.converter,
				this.descope.manager(), settings, this.contextRepository, this.events::add);
		filter.setClock(this.clock);
		return filter;
	}

	private static DescopeSessionSettings noAutoRefresh() {
		return new DescopeSessionSettings(false, DescopeSessionSettings.DEFAULTS.refreshThreshold(), true, false);
	}

	private static CookieDescopeTokenRepository cookieTokens() {
		return new CookieDescopeTokenRepository(DescopeCookieSettings.DEFAULTS);
	}

	/**
	 * Signs Alice in as a login in the HTTP-session mode leaves it: the tokens stored and
	 * the authentication (with the user details Descope answered) saved in the session.
	 * @return the login's authentication
	 */
	private Authentication signInWithHttpSession() {
		DescopeTokens tokens = this.descope.signIn();
		Jwt jwt = this.descope.decoder().decode(tokens.sessionJwt());
		DescopeAuthenticationToken authentication = this.converter.convert(jwt,
				this.descope.client().me(tokens.refreshJwt()).requireData(), tokens.refreshJwt());
		MockHttpServletRequest login = new MockHttpServletRequest("POST", "/login/notp/session");
		login.setSession(this.session);
		MockHttpServletResponse loginResponse = new MockHttpServletResponse();
		this.sessionTokens.saveTokens(tokens, login, loginResponse);
		this.contextRepository.saveContext(new SecurityContextImpl(authentication), login, loginResponse);
		return authentication;
	}

	/**
	 * Refreshes the session as another instance of the application does, with its own
	 * upstream call.
	 * @param tokens the session's tokens
	 * @return the tokens that instance stores
	 */
	private DescopeTokens refreshElsewhere(DescopeTokens tokens) {
		JwtResponse answer = this.descope.client().refresh(tokens.refreshJwt()).requireData();
		Jwt jwt = this.descope.decoder().decode(answer.sessionJwt());
		return DescopeTokens.from(answer, jwt.getExpiresAt(), tokens, this.clock.instant());
	}

	/**
	 * Puts the request's HTTP session in a shared store, as Spring Session does, where
	 * its tokens are now {@code stored}, whatever the request's own copy holds.
	 * @param request the request, whose session is the copy
	 * @param stored the tokens in the store
	 */
	private void sharedStoreHolding(MockHttpServletRequest request, DescopeTokens stored) {
		MapSessionRepository store = new MapSessionRepository(new ConcurrentHashMap<>());
		MapSession session = new MapSession(this.session.getId());
		session.setAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE, stored);
		store.save(session);
		request.setAttribute(SessionRepositoryFilter.SESSION_REPOSITORY_ATTR, store);
	}

	private DescopeTokens tokensOf(Authentication login) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(this.session);
		DescopeTokens tokens = this.sessionTokens.loadTokens(request);
		assertThat(tokens.sessionJwt()).isEqualTo(((DescopeAuthenticationToken) login).getToken().getTokenValue());
		return tokens;
	}

	/**
	 * Loads the session's {@code SecurityContext} into the holder, as
	 * {@code SecurityContextHolderFilter} does before this filter.
	 * @param request the request
	 * @return the request
	 */
	private MockHttpServletRequest loadSession(MockHttpServletRequest request) {
		SecurityContextHolder.setContext(this.contextRepository.loadDeferredContext(request).get());
		return request;
	}

	private @Nullable Authentication savedAuthentication() {
		MockHttpServletRequest later = new MockHttpServletRequest();
		later.setSession(this.session);
		return this.contextRepository.loadDeferredContext(later).get().getAuthentication();
	}

	/**
	 * Moves the filter's clock and the emulator's to the same instant, as if time had
	 * passed; the decoder, on the system clock, still accepts the stored token.
	 * @param instant the new time
	 */
	private void moveTimeTo(Instant instant) {
		this.clock.set(instant);
		this.descope.emulator().setClock(Clock.fixed(instant, ZoneOffset.UTC));
	}

	private void assertSignedOut(MockHttpServletRequest request) {
		assertThat(this.chain.called).isTrue();
		assertThat(this.chain.authentication).isNull();
		assertThat(this.sessionTokens.loadTokens(request)).isNull();
		assertThat(savedAuthentication()).as("the session's SecurityContext is cleared too").isNull();
		assertThat(this.events).singleElement().isInstanceOfSatisfying(DescopeSessionTokenEvent.class, (event) -> {
			assertThat(event.getChange()).isEqualTo(DescopeSessionTokenEvent.Change.CLEARED);
			assertThat(event.getUserId()).isEqualTo(this.descope.alice().userId());
		});
	}

	private static MockHttpServletRequest apiRequest(@Nullable MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.addHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		if (session != null) {
			request.setSession(session);
		}
		return request;
	}

	private static MockHttpServletRequest navigation(MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/account");
		request.addHeader(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml");
		request.addHeader("Sec-Fetch-Mode", "navigate");
		request.addHeader("Sec-Fetch-Dest", "document");
		request.setSession(session);
		return request;
	}

	private static String sessionCookie(MockHttpServletResponse response) {
		return response.getHeaders(HttpHeaders.SET_COOKIE)
			.stream()
			.filter((cookie) -> cookie.startsWith("DS="))
			.map((cookie) -> cookie.substring(3, cookie.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

	/** Records whether the request reached the rest of the chain, and as whom. */
	private static final class RecordingChain implements FilterChain {

		boolean called;

		@Nullable Authentication authentication;

		@Override
		public void doFilter(ServletRequest request, ServletResponse response) {
			this.called = true;
			this.authentication = SecurityContextHolder.getContext().getAuthentication();
		}

	}

}
