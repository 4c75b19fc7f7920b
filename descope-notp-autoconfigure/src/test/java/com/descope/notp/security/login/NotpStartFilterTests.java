package com.descope.notp.security.login;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.limits.InMemoryKeyedRateLimiter;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.limits.RateLimit;
import com.descope.notp.limits.StartLimits;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import com.descope.notp.test.RecordedCall;
import com.descope.notp.web.NotpStartRequestReader;
import com.descope.notp.web.PhoneNumberNormalizer;
import com.descope.notp.web.ProblemDetailsWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NotpStartFilter}, in the manner of Spring Security's
 * {@code GenerateOneTimeTokenFilterTests}: which requests it takes, and how it answers
 * each outcome of a start (started, refused before Descope (bad input, a step-up's
 * checks, a denied region, a rate limit), refused or failed by Descope), with a real
 * {@link DescopeClient} against the Descope emulator over real HTTP and the real
 * pending-flow and token repositories. What starting decides on no web stack is
 * {@code NotpLoginServiceTests}'; the mapping of Descope's failures,
 * {@code DescopeFailureResponseTests}' (sample).
 */
class NotpStartFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// near the real time: the repository under test judges a flow's expiry by the system
	// clock
	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(3);

	private static final String ALICE = "+15555550100";

	private static final String BOB = "+15555550101";

	private DescopeEmulator emulator;

	private DescopeClient client;

	private final HttpSessionPendingFlowRepository flows = new HttpSessionPendingFlowRepository();

	private final HttpSessionDescopeTokenRepository tokens = new HttpSessionDescopeTokenRepository();

	private final FixedContextStrategy contexts = new FixedContextStrategy();

	private NotpStartFilter filter;

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final MockFilterChain chain = new MockFilterChain();

	private NotpLoginService loginService;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.retryBackoff(List.of())
			.build();
		this.loginService = new NotpLoginService(this.client, FLOW_TIMEOUT);
		this.loginService.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
		this.filter = new NotpStartFilter(this.loginService,
				new DefaultNotpStartRequestResolver(
						new NotpStartRequestReader(new PhoneNumberNormalizer(null), NotpMethod.SIGN_UP_OR_IN)),
				this.flows, this.tokens);
		this.filter.setSecurityContextHolderStrategy(this.contexts);
	}

	@AfterEach
	void stopEmulator() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void doFilterWhenNotAPostThenPassedOnAndNothingSentToDescope() throws Exception {
		MockHttpServletRequest request = json("{\"loginId\":\"" + BOB + "\"}");
		request.setMethod("GET");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isSameAs(request);
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void doFilterWhenAnotherPathThenPassedOnAndNothingSentToDescope() throws Exception {
		MockHttpServletRequest request = json("{\"pendingRef\":\"ref-1\"}");
		request.setRequestURI("/login/notp/session");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isSameAs(request);
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void doFilterWhenDescopeStartsTheFlowThenItIsBoundToThisSessionDatedByTheClockAndAnswered() throws Exception {
		MockHttpServletRequest request = json("{\"loginId\":\"" + BOB + "\",\"method\":\"sign-in\"}");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.chain.getRequest()).isNull();
		String pendingRef = JSON.readTree(this.response.getContentAsByteArray()).get("pendingRef").asString();
		assertThat(pendingRef).isEqualTo(this.emulator.lastFlow().pendingRef());
		assertThat(this.emulator.lastFlow().loginId()).isEqualTo(BOB);
		PendingFlow flow = this.flows.loadFlow(pendingRef, request);
		assertThat(flow).isEqualTo(new PendingFlow(pendingRef, NotpMethod.SIGN_IN, NOW, NOW.plus(FLOW_TIMEOUT)));
	}

	@Test
	void doFilterWhenAStartSuccessHandlerIsSetThenItAnswersTheFlowAlreadyBound() throws Exception {
		MockHttpServletRequest request = json("{\"loginId\":\"" + BOB + "\"}");
		AtomicReference<PendingFlow> boundWhenCalled = new AtomicReference<>();
		AtomicReference<NotpLinkResponse> answered = new AtomicReference<>();
		this.filter.setSuccessHandler((req, res, link) -> {
			boundWhenCalled.set(this.flows.loadFlow(link.pendingRef(), req));
			answered.set(link);
			res.setStatus(201);
		});

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(201);
		assertThat(this.response.getContentAsString()).isEmpty();
		assertThat(answered.get().pendingRef()).isEqualTo(this.emulator.lastFlow().pendingRef());
		assertThat(answered.get().redirectUrl()).startsWith(this.emulator.baseUrl() + "/notp/confirm/");
		assertThat(boundWhenCalled.get()).isNotNull();
	}

	@Test
	void doFilterWhenTheLoginIdIsInvalidThenBadRequestProblemNamingItAndNothingSentOrBound() throws Exception {
		MockHttpServletRequest request = json("{\"loginId\":\"call me\"}");

		this.filter.doFilter(request, this.response, this.chain);

		JsonNode problem = problem(400, "invalid-request");
		assertThat(problem.get("field").asString()).isEqualTo("loginId");
		assertThat(problem.get("instance").asString()).isEqualTo("/login/notp");
		assertThat(this.response.getContentAsString()).doesNotContain("call me");
		assertThat(this.emulator.calls()).isEmpty();
		assertThat(request.getSession(false)).isNull();
		assertThat(this.chain.getRequest()).isNull();
	}

	@Test
	void doFilterWhenTheAddressHadItsStartsThenTooManyRequestsWithRetryAfterInSecondsAndNothingSentOrBound()
			throws Exception {
		MovableClock clock = MovableClock.standingAt(NOW);
		this.loginService.setStartGuard(new NotpStartGuard(
				new StartLimits(new RateLimit(2, Duration.ofMinutes(1)), null, null, Set.of(), Set.of()),
				new InMemoryKeyedRateLimiter(100, clock), null));
		for (int i = 0; i < 2; i++) {
			MockHttpServletResponse started = new MockHttpServletResponse();
			this.filter.doFilter(fromAddress(json("{\"loginId\":\"" + BOB + "\"}"), "203.0.113.7"), started,
					new MockFilterChain());
			assertThat(started.getStatus()).isEqualTo(200);
		}
		clock.advance(Duration.ofMillis(15_500));
		MockHttpServletRequest request = fromAddress(json("{\"loginId\":\"" + ALICE + "\"}"), "203.0.113.7");

		this.filter.doFilter(request, this.response, this.chain);

		JsonNode problem = problem(429, "rate-limited");
		assertThat(problem.get("detail").asString()).contains("address");
		assertThat(this.response.getHeader("Retry-After")).as("44.5 s, rounded up").isEqualTo("45");
		assertThat(this.emulator.calls()).hasSize(2);
		assertThat(request.getSession(false)).isNull();
		MockHttpServletResponse elsewhere = new MockHttpServletResponse();
		this.filter.doFilter(fromAddress(json("{\"loginId\":\"" + ALICE + "\"}"), "203.0.113.8"), elsewhere,
				new MockFilterChain());
		assertThat(elsewhere.getStatus()).as("another address").isEqualTo(200);
	}

	@Test
	void doFilterWhenTheNumbersRegionIsDeniedThenBadRequestNamingLoginIdAndNothingSentOrBound() throws Exception {
		this.loginService.setStartGuard(new NotpStartGuard(new StartLimits(null, null, null, Set.of(), Set.of("JM")),
				new InMemoryKeyedRateLimiter(), null));
		MockHttpServletRequest request = json("{\"loginId\":\"+1 876 523 0123\"}");

		this.filter.doFilter(request, this.response, this.chain);

		JsonNode problem = problem(400, "invalid-request");
		assertThat(problem.get("field").asString()).isEqualTo("loginId");
		assertThat(problem.get("detail").asString()).contains("country");
		assertThat(this.response.getContentAsString()).doesNotContain("876");
		assertThat(this.emulator.calls()).isEmpty();
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenTheResolverAnswersNullThenPassedOnAndNothingSentToDescope() throws Exception {
		NotpStartFilter declining = new NotpStartFilter(this.loginService, (req) -> null, this.flows, this.tokens);
		MockHttpServletRequest request = json("{\"loginId\":\"" + BOB + "\"}");

		declining.doFilter(request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isSameAs(request);
		assertThat(this.response.getContentAsString()).isEmpty();
		assertThat(this.emulator.calls()).isEmpty();
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenAStepUpHasNoSignedInUserThenUnauthorizedProblemAndNothingSent() throws Exception {
		MockHttpServletRequest request = json(stepUp(""));

		this.filter.doFilter(request, this.response, this.chain);

		problem(401, "unauthenticated");
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void doFilterWhenAStepUpNamesAnotherNumberThanTheSignedInUsersThenBadRequestNamingLoginIdAndNothingSent()
			throws Exception {
		MockHttpServletRequest request = json(stepUp(BOB));
		signIn(request, ALICE);

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(problem(400, "invalid-request").get("field").asString()).isEqualTo("loginId");
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void doFilterWhenAStepUpOfTheSignedInUserThenDescopeGetsTheStoredRefreshJwt() throws Exception {
		MockHttpServletRequest request = json(stepUp(ALICE));
		String refreshJwt = signIn(request, ALICE);

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).as(this.response.getContentAsString()).isEqualTo(200);
		assertThat(startCall().header("Authorization")).endsWith(":" + refreshJwt);
	}

	@Test
	void doFilterWhenNotAStepUpThenTheStoredRefreshJwtIsNotSent() throws Exception {
		MockHttpServletRequest request = json("{\"loginId\":\"" + ALICE + "\",\"method\":\"sign-in\"}");
		signIn(request, ALICE);

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(startCall().header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId());
	}

	@Test
	void doFilterWhenDescopeRefusesAStepUpsRefreshJwtThenUnauthorizedAndNothingBound() throws Exception {
		MockHttpServletRequest request = json(stepUp(""));
		request.getSession()
			.setAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE,
					new DescopeTokens(null, "revoked-or-unknown"));

		this.filter.doFilter(request, this.response, this.chain);

		problem(401, "unauthenticated");
		assertThat(this.emulator.calls()).hasSize(1);
		assertThat(request.getSession().getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE)).isNull();
	}

	@Test
	void doFilterWhenDescopeRefusesTheStartThenBadRequestWithItsErrorCodeAndNothingBound() throws Exception {
		this.emulator.enqueueFailure("/v1/auth/notp/whatsapp/signin", 400, null,
				"{\"errorCode\":\"E062108\",\"errorDescription\":\"User not found\"}");
		MockHttpServletRequest request = json("{\"loginId\":\"+15555550177\",\"method\":\"sign-in\"}");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(problem(400, "rejected-by-descope").get("errorCode").asString()).isEqualTo("E062108");
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenDescopeIsUnavailableThenServiceUnavailableWithRetryAfterAndNothingBound() throws Exception {
		this.emulator.enqueueFailure("/v1/auth/notp/whatsapp/signup-in", 503, Map.of("Retry-After", "2"), null);
		MockHttpServletRequest request = json("{\"loginId\":\"" + BOB + "\"}");

		this.filter.doFilter(request, this.response, this.chain);

		problem(503, "descope-unavailable");
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("2");
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenDescopeAnswersOkWithoutAPendingRefThenServiceUnavailableAndNothingBound() throws Exception {
		this.emulator.enqueueFailure("/v1/auth/notp/whatsapp/signup-in", 200,
				Map.of("Content-Type", "application/json"), "{\"redirectUrl\":\"https://wa.me/1\"}");
		MockHttpServletRequest request = json("{\"loginId\":\"" + BOB + "\"}");

		this.filter.doFilter(request, this.response, this.chain);

		JsonNode problem = problem(503, "descope-unavailable");
		assertThat(problem.get("detail").asString()).isEqualTo("Descope answered no pendingRef");
		assertThat(this.response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void doFilterWhenTheWriterRedirectsNavigationsThenAnInvalidFormGoesBackToTheLoginPage() throws Exception {
		this.filter.setProblemDetailsWriter(new ProblemDetailsWriter(new BrowserNavigationRequestMatcher())
			.redirectingNavigationsTo("/login/notp?error"));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");
		request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		request.addParameter("loginId", "call me");
		request.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

		this.filter.doFilter(request, this.response, this.chain);

		assertThat(this.response.getRedirectedUrl()).isEqualTo("/login/notp?error");
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void doFilterWhenARequestMatcherIsSetThenOnlyItsRequestsStartAFlow() throws Exception {
		this.filter.setRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/signin"));
		MockHttpServletRequest atTheDefault = json("{\"loginId\":\"" + BOB + "\"}");

		this.filter.doFilter(atTheDefault, this.response, this.chain);

		assertThat(this.chain.getRequest()).isSameAs(atTheDefault);
		assertThat(this.emulator.calls()).isEmpty();

		MockHttpServletRequest atTheNewUrl = json("{\"loginId\":\"" + BOB + "\"}");
		atTheNewUrl.setRequestURI("/signin");
		MockHttpServletResponse started = new MockHttpServletResponse();
		this.filter.doFilter(atTheNewUrl, started, new MockFilterChain());

		assertThat(started.getStatus()).isEqualTo(200);
		assertThat(this.emulator.calls()).hasSize(1);
	}

	@Test
	void settersWhenNullThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.filter.setRequestMatcher(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.filter.setSuccessHandler(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.filter.setProblemDetailsWriter(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.filter.setSecurityContextHolderStrategy(null));
	}

	/**
	 * Signs the request's session in as the given user: tokens in the HTTP session (a
	 * refresh JWT the emulator accepts) and the user in the filter's security context.
	 */
	private String signIn(MockHttpServletRequest request, String loginId) {
		String refreshJwt = this.emulator.issueRefreshJwt(this.emulator.findUserByLoginId(loginId).orElseThrow());
		this.tokens.saveTokens(new DescopeTokens(null, refreshJwt), request, this.response);
		DescopePrincipal user = new DescopePrincipal("U2" + loginId.substring(1), List.of(loginId), null, loginId, null,
				List.of(), List.of(), Map.of(), List.of("whatsapp"), false);
		this.contexts.setContext(new SecurityContextImpl(new TestingAuthenticationToken(user, null, "ROLE_user")));
		return refreshJwt;
	}

	private RecordedCall startCall() {
		assertThat(this.emulator.calls()).hasSize(1);
		RecordedCall call = this.emulator.calls().get(0);
		assertThat(call.path()).startsWith("/v1/auth/notp/whatsapp/");
		return call;
	}

	private JsonNode problem(int status, String type) throws Exception {
		assertThat(this.response.getStatus()).as(this.response.getContentAsString()).isEqualTo(status);
		assertThat(this.response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(this.chain.getRequest()).isNull();
		JsonNode problem = JSON.readTree(this.response.getContentAsByteArray());
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		return problem;
	}

	private static String stepUp(String loginId) {
		return "{\"loginId\":\"" + loginId + "\",\"method\":\"sign-in\",\"loginOptions\":{\"stepup\":true}}";
	}

	private static MockHttpServletRequest fromAddress(MockHttpServletRequest request, String address) {
		request.setRemoteAddr(address);
		return request;
	}

	private static MockHttpServletRequest json(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.addHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	/** The one security context of a single-threaded test. */
	private static final class FixedContextStrategy implements SecurityContextHolderStrategy {

		private SecurityContext context = new SecurityContextImpl();

		@Override
		public void clearContext() {
			this.context = new SecurityContextImpl();
		}

		@Override
		public SecurityContext getContext() {
			return this.context;
		}

		@Override
		public void setContext(SecurityContext context) {
			this.context = context;
		}

		@Override
		public SecurityContext createEmptyContext() {
			return new SecurityContextImpl();
		}

	}

}
