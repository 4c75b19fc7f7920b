package com.descope.notp.security.login;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpStartResult;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.security.session.CookieDescopeTokenRepository;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotpAuthenticationFilter} on a {@link CookiePendingFlowRepository}:
 * the completion finds the flow in the browser's cookie, on this instance or on another
 * one with the same keys and no shared state, creates no HTTP session, and takes the flow
 * out of the cookie once Descope ended it; a copy of the old cookie replayed after the
 * login (on either instance) is answered {@code 401} {@code unknown-flow}, because
 * Descope answers the session once and its refusal of a redeemed {@code pendingRef} is an
 * unknown flow. A client polling ten times per polling interval reaches Descope once per
 * interval. Real collaborators: {@link NotpAuthenticationProvider} with a real
 * {@link DescopeClient} and decoder against the Descope emulator over HTTP.
 */
class CookiePendingFlowCompletionTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

	private final MovableClock clock = MovableClock.followingSystemTime();

	private final List<byte[]> keys = List.of(key());

	private final CookiePendingFlowRepository nodeA = repository();

	private final CookiePendingFlowRepository nodeB = repository();

	private DescopeEmulator emulator;

	private DescopeClient client;

	private NotpAuthenticationFilter filterA;

	private NotpAuthenticationFilter filterB;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.retryBackoff(List.of())
			.build();
		this.filterA = filter(this.nodeA);
		this.filterB = filter(this.nodeB);
	}

	@AfterEach
	void stopEmulator() {
		SecurityContextHolder.clearContext();
		this.client.close();
		this.emulator.close();
	}

	@Test
	void doFilterWhenStartedOnOneInstanceAndConfirmedThenAnotherCompletesItWithoutASession() throws Exception {
		String pendingRef = start(this.nodeA);
		assertThat(complete(this.filterB, pendingRef).getStatus()).isEqualTo(202);
		this.emulator.confirm(pendingRef);
		this.clock.advance(POLLING_INTERVAL);

		MockHttpServletRequest request = completion(pendingRef);
		MockHttpServletResponse response = complete(this.filterB, request);

		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		assertThat(JSON.readTree(response.getContentAsByteArray()).get("status").asString()).isEqualTo("authenticated");
		assertThat(request.getSession(false)).isNull();
		assertThat(this.cookies).doesNotContainKey(CookiePendingFlowRepository.FLOWS_COOKIE)
			.containsKeys("DS", "DSR", CookiePendingFlowRepository.BROWSER_COOKIE);
	}

	@Test
	void doFilterWhenPolledTenTimesPerIntervalThenDescopeIsAskedOncePerIntervalAndTheRestArePending() throws Exception {
		this.clock.standStill();
		String pendingRef = start(this.nodeA);

		for (int interval = 1; interval <= 3; interval++) {
			for (int poll = 0; poll < 10; poll++) {
				MockHttpServletResponse response = complete(this.filterA, pendingRef);
				assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
				this.clock.advance(POLLING_INTERVAL.dividedBy(10));
			}
			assertThat(pendingSessionCalls()).as("calls to Descope after %d intervals", interval).isEqualTo(interval);
		}
		this.emulator.confirm(pendingRef);
		assertThat(complete(this.filterA, pendingRef).getStatus()).isEqualTo(200);
		assertThat(pendingSessionCalls()).isEqualTo(4);
	}

	@Test
	void doFilterWhenACopyOfTheCookieIsReplayedAfterTheLoginThenUnknownFlowOnEveryInstance() throws Exception {
		String pendingRef = start(this.nodeA);
		Map<String, String> copy = new LinkedHashMap<>(this.cookies);
		this.emulator.confirm(pendingRef);
		assertThat(complete(this.filterA, pendingRef).getStatus()).isEqualTo(200);
		assertThat(problem(complete(this.filterA, pendingRef), 401).get("type").asString())
			.isEqualTo("urn:descope-notp:problem:unknown-flow");
		long polls = pendingSessionCalls();

		for (NotpAuthenticationFilter filter : List.of(this.filterA, this.filterB)) {
			this.cookies.clear();
			this.cookies.putAll(copy);
			MockHttpServletResponse replayed = complete(filter, pendingRef);

			assertThat(problem(replayed, 401).get("type").asString())
				.isEqualTo("urn:descope-notp:problem:unknown-flow");
			assertThat(this.cookies).doesNotContainKey(CookiePendingFlowRepository.FLOWS_COOKIE);
		}
		assertThat(pendingSessionCalls()).as("each replay asked Descope, which refused it").isEqualTo(polls + 2);
	}

	@Test
	void doFilterWhenTheFlowExpiredOnTheApplicationsClockThenUnknownFlowWithoutAskingDescope() throws Exception {
		String pendingRef = start(this.nodeA);
		this.emulator.confirm(pendingRef);

		this.clock.advance(Duration.ofMinutes(10));

		assertThat(problem(complete(this.filterB, pendingRef), 401).get("type").asString())
			.isEqualTo("urn:descope-notp:problem:unknown-flow");
		assertThat(pendingSessionCalls()).isZero();
	}

	@Test
	void doFilterWhenTheCookiesComeFromAnotherBrowserThenUnknownFlowWithoutAskingDescope() throws Exception {
		String pendingRef = start(this.nodeA);
		String flows = this.cookies.get(CookiePendingFlowRepository.FLOWS_COOKIE);
		this.cookies.clear();
		start(this.nodeB);
		this.cookies.put(CookiePendingFlowRepository.FLOWS_COOKIE, flows);
		this.emulator.confirm(pendingRef);

		assertThat(problem(complete(this.filterB, pendingRef), 401).get("type").asString())
			.isEqualTo("urn:descope-notp:problem:unknown-flow");
		assertThat(pendingSessionCalls()).isZero();
	}

	private CookiePendingFlowRepository repository() {
		return new CookiePendingFlowRepository(this.keys, DescopeCookieSettings.DEFAULTS, 5, POLLING_INTERVAL,
				this.clock);
	}

	private NotpAuthenticationFilter filter(CookiePendingFlowRepository flows) {
		ProviderManager manager = new ProviderManager(new NotpAuthenticationProvider(this.client,
				DescopeJwtDecoderBuilder
					.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(),
							this.emulator.projectId())
					.build(),
				new DescopeJwtAuthenticationConverter()));
		NotpAuthenticationFilter filter = new NotpAuthenticationFilter(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login/notp/session"), manager,
				flows);
		filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
		filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		filter.setAuthenticationSuccessHandler(
				new NotpAuthenticationSuccessHandler(new CookieDescopeTokenRepository(DescopeCookieSettings.DEFAULTS)));
		filter.setAuthenticationFailureHandler(new NotpAuthenticationFailureHandler());
		return filter;
	}

	/**
	 * Starts a flow at Descope and keeps it in this browser's cookie, as the start filter
	 * does.
	 */
	private String start(CookiePendingFlowRepository flows) {
		NotpLoginService service = new NotpLoginService(this.client, Duration.ofMinutes(10));
		service.setClock(this.clock);
		NotpStartResult.Started started = (NotpStartResult.Started) service
			.start(NotpStartRequest.of(NotpMethod.SIGN_UP_OR_IN, "+15555550101"), null, null);
		MockHttpServletRequest request = request("/login/notp");
		MockHttpServletResponse response = new MockHttpServletResponse();
		flows.saveFlow(started.flow(), request, response);
		receive(response);
		assertThat(request.getSession(false)).isNull();
		return started.link().pendingRef();
	}

	private MockHttpServletResponse complete(NotpAuthenticationFilter filter, String pendingRef) throws Exception {
		return complete(filter, completion(pendingRef));
	}

	private MockHttpServletResponse complete(NotpAuthenticationFilter filter, MockHttpServletRequest request)
			throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(request.getSession(false)).isNull();
		receive(response);
		return response;
	}

	private MockHttpServletRequest completion(String pendingRef) {
		MockHttpServletRequest request = request("/login/notp/session");
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.addHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
		request.setContent(("{\"pendingRef\":\"" + pendingRef + "\"}").getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		if (!this.cookies.isEmpty()) {
			request.setCookies(this.cookies.entrySet()
				.stream()
				.map((cookie) -> new Cookie(cookie.getKey(), cookie.getValue()))
				.toArray(Cookie[]::new));
		}
		return request;
	}

	private void receive(MockHttpServletResponse response) {
		for (String header : response.getHeaders(HttpHeaders.SET_COOKIE)) {
			String pair = header.split(";", 2)[0];
			String name = pair.substring(0, pair.indexOf('='));
			if (header.contains("Max-Age=0")) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, pair.substring(pair.indexOf('=') + 1));
			}
		}
	}

	private long pendingSessionCalls() {
		return this.emulator.calls().stream().filter((call) -> call.path().equals(PENDING_SESSION)).count();
	}

	private static JsonNode problem(MockHttpServletResponse response, int status) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return JSON.readTree(response.getContentAsByteArray());
	}

	private static byte[] key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
