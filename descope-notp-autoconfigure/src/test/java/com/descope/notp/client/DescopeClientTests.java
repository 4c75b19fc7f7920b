package com.descope.notp.client;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.RecordedCall;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DescopeClient} against a running {@link DescopeEmulator}: what goes on
 * the wire ({@code docs/descope-protocol.md}, "Calls the client makes") and how every
 * kind of answer is read. Waiting for a session is in {@link PendingSessionPollerTests}.
 */
class DescopeClientTests {

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final String ADMIN_PHONE = "+15555550100";

	private static final JsonMapper json = JsonMapper.builder().build();

	private DescopeEmulator emulator;

	private DescopeClient client;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId()).baseUrl(this.emulator.baseUrl()).build();
	}

	@AfterEach
	void stopEmulator() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void signInWhenNoOptionsThenSendsLoginIdAndEmptyLoginOptionsWithProjectIdBearer() {
		DescopeResponse<NotpLinkResponse> response = this.client.signIn(ADMIN_PHONE, LoginOptions.NONE, null);

		assertThat(response.ok()).isTrue();
		RecordedCall call = onlyCall();
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.path()).isEqualTo("/v1/auth/notp/whatsapp/signin");
		assertThat(call.body()).isEqualTo("{\"loginId\":\"+15555550100\",\"loginOptions\":{}}");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId());
		assertThat(call.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void signInWhenOptionsAndProviderIdThenSendsThemAsTheJsSdkDoes() {
		LoginOptions options = new LoginOptions(null, null, Map.of("k1", "v1"), Map.of("name", "Alice"), "tmpl1",
				"T1tenant", true, null, null);

		DescopeResponse<NotpLinkResponse> response = this.client
			.start(new NotpStartRequest(NotpMethod.SIGN_IN, ADMIN_PHONE, options, null, "provider1"), null);

		assertThat(response.ok()).isTrue();
		assertSameJson(onlyCall().body(),
				"""
						{"loginId":"+15555550100","loginOptions":{"customClaims":{"k1":"v1"},"templateOptions":{"name":"Alice"},\
						"templateId":"tmpl1","tenantId":"T1tenant","revokeOtherSessions":true},"providerId":"provider1"}""");
	}

	@Test
	void signInWhenStepUpThenSendsRefreshJwtAfterProjectIdInAuthorization() {
		String refreshJwt = this.emulator.issueRefreshJwt(admin());
		LoginOptions stepUp = new LoginOptions(true, null, null, null, null, null, null, null, null);

		DescopeResponse<NotpLinkResponse> response = this.client.signIn(ADMIN_PHONE, stepUp, refreshJwt);

		assertThat(response.ok()).isTrue();
		RecordedCall call = onlyCall();
		assertThat(call.path()).isEqualTo("/v1/auth/notp/whatsapp/signin");
		assertThat(call.body()).isEqualTo("{\"loginId\":\"+15555550100\",\"loginOptions\":{\"stepup\":true}}");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId() + ":" + refreshJwt);
		assertThat(this.emulator.lastFlow().stepup()).isTrue();
	}

	@Test
	void signInWhenStepUpOrMfaWithoutRefreshJwtThenFailsWithoutCallingDescope() {
		LoginOptions stepUp = new LoginOptions(true, null, null, null, null, null, null, null, null);
		LoginOptions mfa = new LoginOptions(null, true, null, null, null, null, null, null, null);

		for (DescopeResponse<NotpLinkResponse> response : List.of(this.client.signIn(ADMIN_PHONE, stepUp, null),
				this.client.signIn(ADMIN_PHONE, stepUp, " "), this.client.signIn(ADMIN_PHONE, mfa, ""))) {
			assertThat(response.ok()).isFalse();
			assertThat(response.code()).isZero();
			assertThat(response.error().errorCode()).isEqualTo("G030004");
			assertThat(response.data()).isNull();
		}
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void signUpWhenUserGivenThenSendsUserAndLoginOptionsToSignUp() {
		SignUpUser user = new SignUpUser("Carol New", null, null, null, null, "carol@example.com");

		DescopeResponse<NotpLinkResponse> response = this.client.signUp("+15555550102", user, LoginOptions.NONE);

		assertThat(response.ok()).isTrue();
		RecordedCall call = onlyCall();
		assertThat(call.path()).isEqualTo("/v1/auth/notp/whatsapp/signup");
		assertSameJson(call.body(),
				"""
						{"loginId":"+15555550102","user":{"name":"Carol New","email":"carol@example.com"},"loginOptions":{}}""");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId());
	}

	@Test
	void signUpOrInWhenLoginIdEmptyThenSendsEmptyLoginIdToSignUpIn() {
		DescopeResponse<NotpLinkResponse> response = this.client.signUpOrIn("", LoginOptions.NONE);

		assertThat(response.ok()).isTrue();
		RecordedCall call = onlyCall();
		assertThat(call.path()).isEqualTo("/v1/auth/notp/whatsapp/signup-in");
		assertThat(call.body()).isEqualTo("{\"loginId\":\"\",\"loginOptions\":{}}");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId());
	}

	@Test
	void signUpOrInWhenSignInOnlyOptionsGivenThenSendsOnlySignUpOptions() {
		LoginOptions options = new LoginOptions(true, true, Map.of("k1", "v1"), null, "tmpl1", "T1tenant", true,
				List.of("web"), "en");

		DescopeResponse<NotpLinkResponse> response = this.client.signUpOrIn(ADMIN_PHONE, options);

		assertThat(response.ok()).isTrue();
		RecordedCall call = onlyCall();
		assertSameJson(call.body(), """
				{"loginId":"+15555550100","loginOptions":{"customClaims":{"k1":"v1"},"templateId":"tmpl1",\
				"tenantId":"T1tenant","locale":"en"}}""");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId());
	}

	@Test
	void startWhenDescopeAnswersThenReturnsPendingRefRedirectUrlAndImage() {
		DescopeResponse<NotpLinkResponse> response = this.client.signIn(ADMIN_PHONE, LoginOptions.NONE, null);

		assertThat(response.ok()).isTrue();
		assertThat(response.code()).isEqualTo(200);
		assertThat(response.error()).isNull();
		NotpLinkResponse link = response.requireData();
		assertThat(link.pendingRef()).isEqualTo(this.emulator.lastFlow().pendingRef());
		assertThat(link.redirectUrl()).isEqualTo(this.emulator.lastFlow().redirectUrl());
		assertThat(link.image()).isNotBlank();
		assertThat(link.toString()).doesNotContain(link.pendingRef());
	}

	@Test
	void startWhenDescopeRefusesThenAnswersItsError() {
		DescopeResponse<NotpLinkResponse> response = this.client.signIn("+15555550177", LoginOptions.NONE, null);

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(400);
		assertThat(response.error().errorCode()).isEqualTo(DescopeErrorCodes.USER_NOT_FOUND);
		assertThat(response.isPending()).isFalse();
		assertThat(response.isTransientFailure()).isFalse();
	}

	@Test
	void getSessionWhenPendingThenIsPending() {
		String pendingRef = startSignIn();

		DescopeResponse<JwtResponse> response = this.client.getSession(pendingRef);

		assertThat(response.ok()).isFalse();
		assertThat(response.isPending()).isTrue();
		assertThat(response.isTransientFailure()).isFalse();
		assertThat(response.error().errorCode()).isEqualTo(DescopeErrorCodes.NOTP_PENDING);
		RecordedCall poll = lastCall();
		assertThat(poll.path()).isEqualTo(PENDING_SESSION);
		assertThat(poll.body()).isEqualTo("{\"pendingRef\":\"" + pendingRef + "\"}");
		assertThat(poll.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId());
	}

	@Test
	void getSessionWhenPolledManyTimesThenRequestBodiesAreWrittenByReusedThreads() {
		String pendingRef = startSignIn();
		this.client.getSession(pendingRef);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int polls = 50;

		long startedBefore = threads.getTotalStartedThreadCount();
		for (int i = 0; i < polls; i++) {
			assertThat(this.client.getSession(pendingRef).isPending()).isTrue();
		}
		long started = threads.getTotalStartedThreadCount() - startedBefore;

		// the JDK's HttpClient itself starts a thread per request when the common pool
		// has fewer
		// than two threads (machines with one or two CPUs); nothing else may
		int jdkThreadPerRequest = (ForkJoinPool.getCommonPoolParallelism() > 1) ? 0 : 1;
		assertThat(started).isLessThan((long) polls * jdkThreadPerRequest + 10);
	}

	@Test
	void getSessionWhenConfirmedThenReturnsSessionAndRefreshJwts() throws Exception {
		String pendingRef = startSignIn();
		this.emulator.confirm(pendingRef);

		DescopeResponse<JwtResponse> response = this.client.getSession(pendingRef);

		assertThat(response.ok()).isTrue();
		assertThat(response.isPending()).isFalse();
		JwtResponse session = response.requireData();
		assertThat(drn(session.sessionJwt())).isEqualTo("DS");
		assertThat(drn(session.refreshJwt())).isEqualTo("DSR");
		assertThat(session.user().userId()).isEqualTo(admin().userId());
		assertThat(session.user().loginIds()).containsExactly(ADMIN_PHONE);
		assertThat(session.toString()).doesNotContain(session.sessionJwt()).doesNotContain(session.refreshJwt());
	}

	@Test
	void getSessionWhenExpiredThenFailsAndIsNeitherPendingNorTransient() {
		String pendingRef = startSignIn();
		this.emulator.expire(pendingRef);

		DescopeResponse<JwtResponse> response = this.client.getSession(pendingRef);

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(401);
		assertThat(response.isPending()).isFalse();
		assertThat(response.isTransientFailure()).isFalse();
	}

	@Test
	void getSessionWhenTokensInCookiesThenReadsTokensFromSetCookie() throws Exception {
		this.emulator.setTokensInCookies(true);
		String pendingRef = startSignIn();
		this.emulator.confirm(pendingRef);

		DescopeResponse<JwtResponse> response = this.client.getSession(pendingRef);

		assertThat(response.ok()).isTrue();
		JwtResponse session = response.requireData();
		assertThat(session.hasSessionJwt()).isTrue();
		assertThat(drn(session.sessionJwt())).isEqualTo("DS");
		assertThat(drn(session.refreshJwt())).isEqualTo("DSR");
		assertThat(SignedJWT.parse(session.sessionJwt()).getJWTClaimsSet().getSubject()).isEqualTo(admin().userId());
	}

	@Test
	void getSessionWhenPendingRefBlankThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.getSession(""));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.getSession("  "));
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void refreshWhenRefreshJwtValidThenReturnsNewSessionJwt() throws Exception {
		String refreshJwt = this.emulator.issueRefreshJwt(admin());

		DescopeResponse<JwtResponse> response = this.client.refresh(refreshJwt);

		assertThat(response.ok()).isTrue();
		assertThat(drn(response.requireData().sessionJwt())).isEqualTo("DS");
		assertThat(response.requireData().refreshJwt()).isNull();
		RecordedCall call = onlyCall();
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.path()).isEqualTo("/v1/auth/refresh");
		assertThat(call.body()).isEqualTo("{}");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId() + ":" + refreshJwt);
	}

	@Test
	void logoutWhenRefreshJwtValidThenRevokesIt() {
		String refreshJwt = this.emulator.issueRefreshJwt(admin());

		DescopeResponse<JwtResponse> response = this.client.logout(refreshJwt);

		assertThat(response.ok()).isTrue();
		assertThat(response.requireData().hasSessionJwt()).isFalse();
		RecordedCall call = onlyCall();
		assertThat(call.path()).isEqualTo("/v1/auth/logout");
		assertThat(call.body()).isEqualTo("{}");
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId() + ":" + refreshJwt);
		DescopeResponse<JwtResponse> refreshed = this.client.refresh(refreshJwt);
		assertThat(refreshed.ok()).isFalse();
		assertThat(refreshed.code()).isEqualTo(401);
		assertThat(refreshed.error().errorCode()).isEqualTo("E064001");
	}

	@Test
	void meWhenRefreshJwtValidThenReturnsUserWithGetAndNoBody() {
		String refreshJwt = this.emulator.issueRefreshJwt(admin());

		DescopeResponse<DescopeUser> response = this.client.me(refreshJwt);

		assertThat(response.ok()).isTrue();
		DescopeUser user = response.requireData();
		assertThat(user.userId()).isEqualTo(admin().userId());
		assertThat(user.name()).isEqualTo("Alice Admin");
		assertThat(user.loginIds()).containsExactly(ADMIN_PHONE);
		RecordedCall call = onlyCall();
		assertThat(call.method()).isEqualTo("GET");
		assertThat(call.path()).isEqualTo("/v1/auth/me");
		assertThat(call.body()).isEmpty();
		assertThat(call.header("Content-Type")).isNull();
		assertThat(call.header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId() + ":" + refreshJwt);
	}

	@Test
	void refreshWhenRefreshJwtBlankThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.refresh(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.logout(""));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.me(""));
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void restClientBuilderWhenChangedAfterTheClientIsBuiltThenTheChangeDoesNotApply() {
		RestClient.Builder application = RestClient.builder().defaultHeader("X-Application", "shop");
		try (DescopeClient client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.restClientBuilder(application)
			.build()) {
			application.defaultHeader("X-Later", "yes");

			assertThat(client.signIn(ADMIN_PHONE, LoginOptions.NONE, null).ok()).isTrue();
		}

		RecordedCall call = onlyCall();
		assertThat(call.header("X-Application")).isEqualTo("shop");
		assertThat(call.header("X-Later")).isNull();
	}

	@Test
	void deferredRestClientBuilderWhenGivenThenAskedOnceAtTheFirstCallAndItsHeadersApply() {
		AtomicInteger asked = new AtomicInteger();
		try (DescopeClient client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.deferredRestClientBuilder(() -> {
				asked.incrementAndGet();
				return RestClient.builder().defaultHeader("X-Application", "shop");
			})
			.build()) {
			assertThat(asked).hasValue(0);

			assertThat(client.signIn(ADMIN_PHONE, LoginOptions.NONE, null).ok()).isTrue();
			assertThat(client.signIn(ADMIN_PHONE, LoginOptions.NONE, null).ok()).isTrue();
		}

		assertThat(asked).hasValue(1);
		assertThat(this.emulator.calls()).hasSize(2)
			.allSatisfy((call) -> assertThat(call.header("X-Application")).isEqualTo("shop"));
	}

	@Test
	void deferredRestClientBuilderWhenItGivesNoneThenAPlainOneIsUsed() {
		try (DescopeClient client = DescopeClient.builder(this.emulator.projectId())
			.baseUrl(this.emulator.baseUrl())
			.deferredRestClientBuilder(() -> null)
			.build()) {
			assertThat(client.signIn(ADMIN_PHONE, LoginOptions.NONE, null).ok()).isTrue();
		}

		assertThat(onlyCall().header("Authorization")).isEqualTo("Bearer " + this.emulator.projectId());
	}

	@Test
	void callWhenRateLimitedThenAnswersRetryAfterAndIsTransient() {
		String pendingRef = startSignIn();
		this.emulator.enqueueFailure(PENDING_SESSION, 429, Map.of("Retry-After", "7"), null);

		DescopeResponse<JwtResponse> response = this.client.getSession(pendingRef);

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(429);
		assertThat(response.isTransientFailure()).isTrue();
		assertThat(response.isPending()).isFalse();
		assertThat(response.error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(response.error().errorCode()).isEqualTo(DescopeErrorCodes.RATE_LIMITED);
	}

	@Test
	void callWhenSuccessBodyIsNotJsonThenInvalidResponse() {
		this.emulator.enqueueFailure("/v1/auth/refresh", 200, Map.of("Content-Type", "text/html"),
				"<html><body>Welcome to the captive portal</body></html>");

		DescopeResponse<JwtResponse> response = this.client.refresh(this.emulator.issueRefreshJwt(admin()));

		assertThat(response.ok()).isFalse();
		assertThat(response.code()).isEqualTo(200);
		assertThat(response.error().errorCode()).isEqualTo("G020002").isEqualTo(DescopeErrorCodes.INVALID_RESPONSE);
		assertThat(response.data()).isNull();
	}

	@Test
	void callWhenConnectionRefusedThenTransportFailureWithNoStatus() throws IOException {
		int closedPort = TestTokens.closedLoopbackPort();
		try (DescopeClient unreachable = DescopeClient.builder(this.emulator.projectId())
			.baseUrl("http://127.0.0.1:" + closedPort)
			.build()) {
			DescopeResponse<NotpLinkResponse> response = unreachable.signIn(ADMIN_PHONE, LoginOptions.NONE, null);

			assertThat(response.ok()).isFalse();
			assertThat(response.code()).isZero();
			assertThat(response.error().errorCode()).isEqualTo("G020001")
				.isEqualTo(DescopeErrorCodes.TRANSPORT_FAILURE);
			assertThat(response.isTransientFailure()).isTrue();
		}
	}

	private String startSignIn() {
		return this.client.signIn(ADMIN_PHONE, LoginOptions.NONE, null).requireData().pendingRef();
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId(ADMIN_PHONE).orElseThrow();
	}

	private RecordedCall onlyCall() {
		assertThat(this.emulator.calls()).hasSize(1);
		return this.emulator.calls().get(0);
	}

	private RecordedCall lastCall() {
		List<RecordedCall> calls = this.emulator.calls();
		return calls.get(calls.size() - 1);
	}

	private static String drn(String jwt) throws Exception {
		return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("drn");
	}

	private static void assertSameJson(String actual, String expected) {
		JsonNode actualNode = json.readTree(actual);
		assertThat(actualNode).isEqualTo(json.readTree(expected));
	}

}
