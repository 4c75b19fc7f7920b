package com.descope.notp.security.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpStartResult;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NotpAuthenticationFilter}, in the manner of Spring Security's
 * {@code OneTimeTokenAuthenticationFilterTests}: the {@code pendingRef} goes from the
 * converter through the claim on this session's flow to the {@code AuthenticationManager}
 * and on to the success or failure handler; the flow is forgotten once Descope ended it
 * and given back otherwise, and a client polling ten times per polling interval reaches
 * Descope once per interval (the others answer "pending"); on success the session id
 * changes and the {@code SecurityContext} is saved through the
 * {@code SecurityContextRepository}. Real collaborators throughout:
 * {@link NotpAuthenticationProvider} with a real {@link DescopeClient} and
 * {@code JwtDecoder} against the Descope emulator over real HTTP, the HTTP-session flow,
 * token and context repositories, and the starter's handlers.
 */
class NotpAuthenticationFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BOB = "+15555550101";

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private DescopeEmulator emulator;

	private DescopeClient client;

	private AuthenticationManager authenticationManager;

	private static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

	private final MovableClock clock = MovableClock.followingSystemTime();

	private final HttpSessionPendingFlowRepository flows = new HttpSessionPendingFlowRepository(5, POLLING_INTERVAL,
			this.clock);

	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private NotpAuthenticationFilter filter;

	private final MockHttpSession session = new MockHttpSession();

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.retryBackoff(List.of())
			.build();
		this.authenticationManager = new ProviderManager(new NotpAuthenticationProvider(this.client,
				DescopeJwtDecoderBuilder
					.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(),
							this.emulator.projectId())
					.build(),
				new DescopeJwtAuthenticationConverter()));
		this.filter = filter(this.authenticationManager);
	}

	@AfterEach
	void stopEmulator() {
		SecurityContextHolder.clearContext();
		this.client.close();
		this.emulator.close();
	}

	@Test
	void doFilterWhenNotAPostToTheSessionUrlThenPassedOnAndNothingSent() throws Exception {
		String pendingRef = start(this.session);
		MockHttpServletRequest get = completion(this.session, pendingRef);
		get.setMethod("GET");
		MockHttpServletRequest elsewhere = completion(this.session, pendingRef);
		elsewhere.setRequestURI("/login/notp");

		for (MockHttpServletRequest request : List.of(get, elsewhere)) {
			MockFilterChain chain = new MockFilterChain();
			MockHttpServletResponse response = new MockHttpServletResponse();

			this.filter.doFilter(request, response, chain);

			assertThat(chain.getRequest()).isSameAs(request);
			assertThat(response.getContentAsString()).isEmpty();
		}
		assertThat(pendingSessionCalls()).isZero();
		assertThat(this.flows.loadFlow(pendingRef, completion(this.session, pendingRef)).claimedAt()).isNull();
	}

	@Test
	void doFilterWhenTheLoginWasConfirmedThenTheSessionIdChangesTheContextIsSavedAndTheFlowForgotten()
			throws Exception {
		String pendingRef = start(this.session);
		String idBefore = this.session.getId();
		this.emulator.confirm(pendingRef);
		MockHttpServletRequest request = completion(this.session, pendingRef);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		assertThat(JSON.readTree(response.getContentAsByteArray()).get("status").asString()).isEqualTo("authenticated");
		assertThat(chain.getRequest()).as("the chain stops at a completion").isNull();
		assertThat(this.session.getId()).isNotEqualTo(idBefore);
		SecurityContext saved = (SecurityContext) this.session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		assertThat(saved).isNotNull();
		assertThat(saved.getAuthentication()).isInstanceOfSatisfying(DescopeAuthenticationToken.class, (user) -> {
			assertThat(user.getPrincipal().loginIds()).containsExactly(BOB);
			assertThat(user.getDetails()).isInstanceOf(WebAuthenticationDetails.class);
		});
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(saved.getAuthentication());
		assertThat(this.flows.loadFlow(pendingRef, request)).isNull();
		assertThat(pendingSessionCalls()).isEqualTo(1);
	}

	@Test
	void doFilterWhenTheContextRepositoryKeepsItForTheRequestOnlyThenNothingIsSavedInTheSession() throws Exception {
		RequestAttributeSecurityContextRepository perRequest = new RequestAttributeSecurityContextRepository();
		this.filter.setSecurityContextRepository(perRequest);
		String pendingRef = start(this.session);
		this.emulator.confirm(pendingRef);
		MockHttpServletRequest request = completion(this.session, pendingRef);

		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

		assertThat(this.session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.isNull();
		assertThat(perRequest.loadDeferredContext(request).get().getAuthentication())
			.isInstanceOf(DescopeAuthenticationToken.class);
	}

	@Test
	void doFilterWhenThePendingRefIsRedeemedAgainThenUnknownFlowWithoutAskingDescopeAgain() throws Exception {
		String pendingRef = start(this.session);
		this.emulator.confirm(pendingRef);
		this.filter.doFilter(completion(this.session, pendingRef), new MockHttpServletResponse(),
				new MockFilterChain());
		SecurityContextHolder.clearContext();

		MockHttpServletResponse again = complete(this.session, pendingRef);

		assertThat(problem(again, 401).get("type").asString()).isEqualTo("urn:descope-notp:problem:unknown-flow");
		assertThat(pendingSessionCalls()).isEqualTo(1);
	}

	@Test
	void doFilterWhenNotConfirmedYetThenAcceptedPendingAndTheFlowIsGivenBackUnchanged() throws Exception {
		String pendingRef = start(this.session);
		String idBefore = this.session.getId();

		MockHttpServletResponse response = complete(this.session, pendingRef);

		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(JSON.readTree(response.getContentAsByteArray()).properties()).singleElement().satisfies((member) -> {
			assertThat(member.getKey()).isEqualTo("status");
			assertThat(member.getValue().asString()).isEqualTo("pending");
		});
		assertThat(this.session.getId()).isEqualTo(idBefore);
		assertThat(this.session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.isNull();
		assertThat(this.flows.loadFlow(pendingRef, completion(this.session, pendingRef)).claimedAt()).isNull();

		this.emulator.confirm(pendingRef);
		this.clock.advance(POLLING_INTERVAL);
		assertThat(complete(this.session, pendingRef).getStatus()).isEqualTo(200);
	}

	@Test
	void doFilterWhenPolledTenTimesPerIntervalThenDescopeIsAskedOncePerIntervalAndTheRestArePending() throws Exception {
		this.clock.standStill();
		String pendingRef = start(this.session);

		for (int interval = 1; interval <= 3; interval++) {
			for (int poll = 0; poll < 10; poll++) {
				MockHttpServletResponse response = complete(this.session, pendingRef);
				assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
				this.clock.advance(POLLING_INTERVAL.dividedBy(10));
			}
			assertThat(pendingSessionCalls()).as("calls to Descope after %d intervals", interval).isEqualTo(interval);
		}
		this.emulator.confirm(pendingRef);
		assertThat(complete(this.session, pendingRef).getStatus()).isEqualTo(200);
		assertThat(pendingSessionCalls()).isEqualTo(4);
	}

	@Test
	void doFilterWhenAnotherSessionStartedTheFlowThenUnknownFlowWithoutAskingDescopeAndTheOwnerCanStillFinish()
			throws Exception {
		String pendingRef = start(this.session);
		this.emulator.confirm(pendingRef);

		MockHttpServletResponse stranger = complete(new MockHttpSession(), pendingRef);

		assertThat(problem(stranger, 401).get("type").asString()).isEqualTo("urn:descope-notp:problem:unknown-flow");
		assertThat(pendingSessionCalls()).isZero();
		assertThat(complete(this.session, pendingRef).getStatus()).isEqualTo(200);
	}

	@Test
	void doFilterWhenDescopeEndedTheFlowThenFlowFailedWithItsCodeAndTheFlowIsForgotten() throws Exception {
		String pendingRef = start(this.session);
		this.emulator.expire(pendingRef);

		MockHttpServletResponse response = complete(this.session, pendingRef);

		JsonNode problem = problem(response, 401);
		assertThat(problem.get("type").asString()).isEqualTo("urn:descope-notp:problem:flow-failed");
		assertThat(problem.get("errorCode").asString()).isEqualTo("E066104");
		assertThat(this.flows.loadFlow(pendingRef, completion(this.session, pendingRef))).isNull();
		assertThat(this.session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.isNull();
	}

	@Test
	void doFilterWhenDescopeIsUnavailableThenServiceUnavailableAndTheFlowIsKeptForTheNextAttempt() throws Exception {
		String pendingRef = start(this.session);
		this.emulator.confirm(pendingRef);
		this.emulator.enqueueFailure(PENDING_SESSION, 503, Map.of("Retry-After", "2"), null);

		MockHttpServletResponse unavailable = complete(this.session, pendingRef);

		assertThat(problem(unavailable, 503).get("type").asString())
			.isEqualTo("urn:descope-notp:problem:descope-unavailable");
		assertThat(unavailable.getHeader("Retry-After")).isEqualTo("2");
		assertThat(this.flows.loadFlow(pendingRef, completion(this.session, pendingRef)).claimedAt()).isNull();
		this.clock.advance(POLLING_INTERVAL);
		assertThat(complete(this.session, pendingRef).getStatus()).isEqualTo(200);
	}

	/**
	 * Forces the overlap: the first attempt holds the claim inside the
	 * {@code AuthenticationManager}, before it asks Descope, until the second attempt has
	 * been answered; a second attempt let through would ask Descope. (The timeout guards
	 * against a hang; it checks no speed.)
	 */
	@Test
	@Timeout(value = 1, unit = TimeUnit.MINUTES)
	void doFilterWhenAnotherAttemptOfTheSessionHoldsTheFlowThenAcceptedPendingWithoutAskingDescope() throws Exception {
		String pendingRef = start(this.session);
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch letGo = new CountDownLatch(1);
		AtomicBoolean firstCall = new AtomicBoolean(true);
		NotpAuthenticationFilter gated = filter((authentication) -> {
			if (firstCall.getAndSet(false)) {
				holding.countDown();
				await(letGo);
			}
			return this.authenticationManager.authenticate(authentication);
		});
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
			MockHttpServletResponse response = new MockHttpServletResponse();
			try {
				gated.doFilter(completion(this.session, pendingRef), response, new MockFilterChain());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return response;
		});
		holding.await();

		MockHttpServletResponse second = new MockHttpServletResponse();
		gated.doFilter(completion(this.session, pendingRef), second, new MockFilterChain());

		assertThat(second.getStatus()).isEqualTo(202);
		assertThat(pendingSessionCalls()).isZero();
		this.emulator.confirm(pendingRef);
		letGo.countDown();
		assertThat(first.get().getStatus()).isEqualTo(200);
		assertThat(pendingSessionCalls()).isEqualTo(1);
	}

	@Test
	void doFilterWhenThePendingRefIsMalformedThenBadRequestNamingItAndNothingSent() throws Exception {
		start(this.session);

		MockHttpServletResponse response = complete(this.session, "not a ref");

		JsonNode problem = problem(response, 400);
		assertThat(problem.get("field").asString()).isEqualTo("pendingRef");
		assertThat(pendingSessionCalls()).isZero();
	}

	@Test
	void doFilterWhenTheConverterAnswersNoNotpTokenThenBadRequestNamingThePendingRefAndNothingSent() throws Exception {
		String pendingRef = start(this.session);
		for (AuthenticationConverter converter : List.<AuthenticationConverter>of((request) -> null,
				(request) -> UsernamePasswordAuthenticationToken.unauthenticated("user", pendingRef))) {
			this.filter.setAuthenticationConverter(converter);

			MockHttpServletResponse response = complete(this.session, pendingRef);

			assertThat(problem(response, 400).get("field").asString()).isEqualTo("pendingRef");
		}
		assertThat(pendingSessionCalls()).isZero();
		assertThat(this.flows.loadFlow(pendingRef, completion(this.session, pendingRef)).claimedAt()).isNull();
	}

	@Test
	void doFilterWhenTheBodyCannotBeReadThenItsIoExceptionIsThrownAndNoFlowIsClaimed() throws Exception {
		String pendingRef = start(this.session);
		IOException reset = new IOException("connection reset");
		MockHttpServletRequest request = new NotpAuthenticationConverterTests.BrokenBodyRequest(reset);
		request.setSession(this.session);

		assertThatIOException()
			.isThrownBy(() -> this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain()))
			.isSameAs(reset);
		assertThat(this.flows.loadFlow(pendingRef, request).claimedAt()).isNull();
	}

	@Test
	void setAuthenticationConverterWhenNullThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.filter.setAuthenticationConverter(null));
	}

	@Test
	void doFilterWhenTheFlowWasRedeemedAndTheSessionIsSignedInByItThenAuthenticatedAgainWithoutAskingDescope()
			throws Exception {
		String pendingRef = start(this.session);
		this.emulator.confirm(pendingRef);
		assertThat(complete(this.session, pendingRef).getStatus()).isEqualTo(200);
		String signedInId = this.session.getId();
		SecurityContext signedIn = (SecurityContext) this.session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		// the next request reads the session's context, as SecurityContextHolderFilter
		// does
		SecurityContextHolder.setContext(signedIn);

		MockHttpServletResponse again = complete(this.session, pendingRef);

		assertThat(again.getStatus()).as(again.getContentAsString()).isEqualTo(200);
		JsonNode body = JSON.readTree(again.getContentAsByteArray());
		assertThat(body.get("status").asString()).isEqualTo("authenticated");
		assertThat(body.get("user").get("loginIds").get(0).asString()).isEqualTo(BOB);
		assertThat(pendingSessionCalls()).isEqualTo(1);
		assertThat(this.session.getId()).as("no second session id change").isEqualTo(signedInId);
		assertThat(SecurityContextHolder.getContext()).isSameAs(signedIn);
	}

	@Test
	void doFilterWhenDescopeNoLongerKnowsALiveFlowOfAnUnsharedSessionThenUnknownFlowAndTheFlowIsForgotten()
			throws Exception {
		String pendingRef = start(this.session);
		this.emulator.confirm(pendingRef);
		// a copy of the flow was redeemed elsewhere (a replay): no other instance shares
		// this session, and this one never redeemed it
		assertThat(this.client.getSession(pendingRef).ok()).isTrue();

		MockHttpServletResponse response = complete(this.session, pendingRef);

		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(401);
		assertThat(JSON.readTree(response.getContentAsByteArray()).get("type").asString())
			.isEqualTo("urn:descope-notp:problem:unknown-flow");
		assertThat(
				this.flows.claimFlow(pendingRef, completion(this.session, pendingRef), new MockHttpServletResponse()))
			.isEqualTo(FlowClaim.UNKNOWN);
		assertThat(this.session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.isNull();
	}

	@Test
	void doFilterWhenAnotherInstanceRedeemedTheFlowOfASharedSessionThenPendingAndTheStoredSessionIsLeftAsItWas()
			throws Exception {
		MapSessionRepository store = new MapSessionRepository(new ConcurrentHashMap<>());
		SessionRepositoryFilter<MapSession> springSession = new SessionRepositoryFilter<>(store);
		springSession.setHttpSessionIdResolver(HeaderHttpSessionIdResolver.xAuthToken());
		MockHttpServletResponse started = new MockHttpServletResponse();
		String[] pendingRef = new String[1];
		springSession.doFilter(new MockHttpServletRequest("POST", "/login/notp"), started,
				(request, response) -> pendingRef[0] = start((HttpServletRequest) request));
		String sessionId = started.getHeader("X-Auth-Token");
		Session before = store.findById(sessionId);
		this.emulator.confirm(pendingRef[0]);
		// the other instance's poll, which Descope answered with the session
		assertThat(this.client.getSession(pendingRef[0]).ok()).isTrue();
		MockHttpServletRequest request = completion(null, pendingRef[0]);
		request.addHeader("X-Auth-Token", sessionId);
		MockHttpServletResponse response = new MockHttpServletResponse();

		springSession.doFilter(request, response, (req, res) -> this.filter.doFilter(req, res, new MockFilterChain()));

		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
		Session after = store.findById(sessionId);
		assertThat(after.getLastAccessedTime()).as("this request's copy was not saved")
			.isEqualTo(before.getLastAccessedTime());
		assertThat((Object) after.getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE))
			.isEqualTo(before.getAttribute(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE));
		assertThat(response.getHeader("X-Auth-Token")).isNull();
	}

	private NotpAuthenticationFilter filter(AuthenticationManager manager) {
		NotpAuthenticationFilter filter = new NotpAuthenticationFilter(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login/notp/session"), manager,
				this.flows);
		filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
		filter.setSecurityContextRepository(this.contexts);
		filter.setAuthenticationSuccessHandler(
				new NotpAuthenticationSuccessHandler(new HttpSessionDescopeTokenRepository()));
		filter.setAuthenticationFailureHandler(new NotpAuthenticationFailureHandler());
		return filter;
	}

	/**
	 * Starts a flow at Descope and binds it to the session, as the start filter does.
	 */
	private String start(MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");
		request.setSession(session);
		return start(request);
	}

	private String start(HttpServletRequest request) {
		NotpStartResult result = new NotpLoginService(this.client, Duration.ofMinutes(10))
			.start(NotpStartRequest.of(NotpMethod.SIGN_IN, BOB), null, null);
		NotpStartResult.Started started = (NotpStartResult.Started) result;
		this.flows.saveFlow(started.flow(), request, new MockHttpServletResponse());
		return started.link().pendingRef();
	}

	private MockHttpServletResponse complete(MockHttpSession session, String pendingRef) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(completion(session, pendingRef), response, chain);
		assertThat(chain.getRequest()).isNull();
		return response;
	}

	private long pendingSessionCalls() {
		return this.emulator.calls().stream().filter((call) -> call.path().equals(PENDING_SESSION)).count();
	}

	private static JsonNode problem(MockHttpServletResponse response, int status) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return JSON.readTree(response.getContentAsByteArray());
	}

	private static MockHttpServletRequest completion(@Nullable MockHttpSession session, String pendingRef) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/session");
		if (session != null) {
			request.setSession(session);
		}
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.addHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
		request.setContent(("{\"pendingRef\":\"" + pendingRef + "\"}").getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
