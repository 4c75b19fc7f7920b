package com.descope.notp.sample;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.AnswerHold;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole WhatsApp login through the sample's real filter chain, over real HTTP,
 * against the Descope emulator over real HTTP: start, pending, confirm, authenticated,
 * then the secured endpoints with the session, a bearer token or the {@code DS} cookie.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
@Import(ApplicationClockConfiguration.class)
class NotpLoginFlowTests extends SampleHttpTestSupport {

	/**
	 * {@code descope.notp.polling-interval}, by default: the least time between two polls
	 * Descope sees.
	 */
	private static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

	@Autowired
	private MovableClock applicationClock;

	@AfterEach
	void resetTheApplicationClock() {
		this.applicationClock.reset();
	}

	private static final String ALICE = "+15555550100";

	private static final String BOB = "+15555550101";

	@ParameterizedTest(name = "{0} as {1}")
	@CsvSource({ "sign-in, +15555550100, +15555550100, 200", "sign-up, NEW, NEW, 403",
			"sign-up-or-in, '', +15555550101, 403", "sign-up-or-in, +15555550100, +15555550100, 200" })
	void loginWhenConfirmedOnWhatsAppThenSecuredEndpointsServeTheUser(String method, String loginId,
			String confirmingPhone, int adminStatus) throws Exception {
		String phone = "NEW".equals(loginId) ? newPhone() : loginId;
		String confirmer = "NEW".equals(confirmingPhone) ? phone : confirmingPhone;
		Response firstVisit = this.browser.get("/api/me", "text/html");
		assertThat(firstVisit.status()).isEqualTo(302);
		assertThat(firstVisit.header("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login/notp"));

		Map<String, Object> start = new LinkedHashMap<>();
		start.put("loginId", phone);
		start.put("method", method);
		if (method.equals("sign-up")) {
			start.put("user", Map.of("name", "Carol New", "email", "carol@example.com"));
		}
		Response started = this.browser.postJson("/login/notp", start);
		assertThat(started.status()).isEqualTo(200);
		JsonNode link = started.json();
		String pendingRef = link.get("pendingRef").asString();
		assertThat(link.get("redirectUrl").asString()).startsWith(this.emulator.baseUrl());
		assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(link.get("image").asString()))))
			.isNotNull();

		Response pending = poll(pendingRef);
		assertThat(pending.status()).isEqualTo(202);
		assertThat(pending.json().get("status").asString()).isEqualTo("pending");

		String sessionBefore = this.browser.cookie("JSESSIONID").orElseThrow();
		this.emulator.confirm(pendingRef, confirmer);
		this.applicationClock.advance(POLLING_INTERVAL);
		Response done = poll(pendingRef);
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.json().get("status").asString()).isEqualTo("authenticated");
		assertThat(done.json().get("redirectUrl").asString()).isEqualTo("/api/me");
		assertThat(this.browser.cookie("JSESSIONID")).isPresent().get().isNotEqualTo(sessionBefore);

		Response me = this.browser.get("/api/me", "application/json");
		assertThat(me.status()).isEqualTo(200);
		JsonNode user = me.json();
		assertThat(user.get("userId").asString()).startsWith("U");
		assertThat(user.get("loginIds").get(0).asString()).isEqualTo(confirmer);
		assertThat(user.get("phone").asString()).isEqualTo(confirmer);
		assertThat(user.get("authenticationMethods").get(0).asString()).isEqualTo("whatsapp");
		if (method.equals("sign-up")) {
			assertThat(user.get("name").asString()).isEqualTo("Carol New");
		}
		assertThat(this.browser.get("/api/admin", "application/json").status()).isEqualTo(adminStatus);
	}

	@Test
	void startWhenFormPostedThenAnswersTheFlow() {
		Response started = this.browser.postForm("/login/notp", Map.of("loginId", ALICE, "method", "sign-in"));
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.json().get("pendingRef").asString()).isNotBlank();
	}

	@Test
	void requestWhenBearerSessionJwtThenAuthenticatedWithRoles() {
		String admin = this.emulator.issueSessionJwt(user(ALICE));
		String plain = this.emulator.issueSessionJwt(user(BOB));
		Response me = this.browser.getWithBearer("/api/me", admin);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("roles").toString()).contains("admin");
		assertThat(me.headers().getOrDefault("set-cookie", java.util.List.of()))
			.noneMatch((cookie) -> cookie.startsWith("JSESSIONID"));
		assertThat(this.browser.getWithBearer("/api/admin", admin).status()).isEqualTo(200);
		Response forbidden = this.browser.getWithBearer("/api/admin", plain);
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:forbidden");
	}

	@Test
	void postWhenBearerTokenAndNoCsrfTokenThenCsrfDoesNotApply() {
		Response response = this.browser.postWithBearerWithoutCsrf("/login/notp",
				Map.of("loginId", ALICE, "method", "sign-in"), this.emulator.issueSessionJwt(user(ALICE)));
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void logoutWhenSignedInThenBackToLoginPageAndSignedOut() {
		String pendingRef = start(ALICE);
		this.emulator.confirm(pendingRef);
		assertThat(poll(pendingRef).status()).isEqualTo(200);
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);
		Response logout = this.browser.postForm("/logout", Map.of());
		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.header("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login/notp?logout"));
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(401);
	}

	@Test
	void requestWhenSessionJwtInDsCookieThenAuthenticated() {
		this.browser.setCookie("DS", this.emulator.issueSessionJwt(user(ALICE)));
		assertThat(this.browser.get("/api/admin", "application/json").status()).isEqualTo(200);
	}

	@Test
	void requestWhenSignedInAndDsCookieInvalidThenSessionStillServes() {
		signIn(ALICE);
		this.browser.setCookie("DS", "junk");
		assertThat(this.browser.get("/api/admin", "application/json").status()).isEqualTo(200);
	}

	@Test
	void requestWhenSignedInAndAnotherUsersDsCookieThenSessionUserKept() {
		signIn(ALICE);
		this.browser.setCookie("DS", this.emulator.issueSessionJwt(user(BOB)));
		assertThat(this.browser.get("/api/admin", "application/json").status()).isEqualTo(200);
	}

	@Test
	void requestWhenOnlyAnInvalidDsCookieThenTreatedAsSignedOut() {
		this.browser.setCookie("DS", "junk");
		assertThat(this.browser.get("/api/me", "text/html").status()).isEqualTo(302);
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(401);
		assertThat(this.browser.get("/", "text/html").status()).isEqualTo(200);
	}

	@Test
	void completeWhenPolledConcurrentlyAfterConfirmThenRedeemedOnceWithOneDescopeCall() throws Exception {
		String pendingRef = start(ALICE);
		this.emulator.confirm(pendingRef);
		long pollsBefore = pendingSessionCalls();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CompletionService<Integer> polls = new ExecutorCompletionService<>(pool);
			List<Integer> meanwhile = new ArrayList<>();
			try (AnswerHold descope = this.emulator.holdAnswers("/v1/auth/notp/pending-session")) {
				for (int i = 0; i < 8; i++) {
					polls.submit(() -> poll(pendingRef).status());
				}
				// one poll holds the flow and waits on Descope; the seven others are
				// answered while it waits
				descope.awaitHeld(1, Duration.ofSeconds(10));
				for (int i = 0; i < 7; i++) {
					meanwhile.add(answered(polls));
				}
				assertThat(pendingSessionCalls() - pollsBefore).isEqualTo(1);
			}
			assertThat(meanwhile).as("pending while the first poll is with Descope").hasSize(7).containsOnly(202);
			assertThat(answered(polls)).as("the poll Descope answered").isEqualTo(200);
			assertThat(pendingSessionCalls() - pollsBefore).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void startWhenBodyIsNotJsonOrFormThenBadRequestAndNothingSent() {
		long startsBefore = startCalls();
		Response response = this.browser.postRaw("/login/notp", "text/plain", "{\"loginId\":\"bad\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("Content-Type");
		assertThat(startCalls()).isEqualTo(startsBefore);
	}

	@Test
	void stepUpWhenLoginIdIsAnotherUsersThenBadRequestAndNothingSent() {
		signIn(ALICE);
		long startsBefore = startCalls();
		Response response = this.browser.postJson("/login/notp",
				Map.of("loginId", BOB, "method", "sign-in", "loginOptions", Map.of("mfa", true)));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("loginId");
		assertThat(startCalls()).isEqualTo(startsBefore);
	}

	@Test
	void stepUpWhenSignedInThenStartsWithTheRefreshJwt() {
		signIn(ALICE);
		Response response = this.browser.postJson("/login/notp",
				Map.of("loginId", ALICE, "method", "sign-in", "loginOptions", Map.of("stepup", true)));
		assertThat(response.status()).isEqualTo(200);
		String authorization = this.emulator.calls().get(this.emulator.calls().size() - 1).header("Authorization");
		assertThat(authorization).startsWith("Bearer " + this.emulator.projectId() + ":ey");
		String pendingRef = response.json().get("pendingRef").asString();
		this.emulator.confirm(pendingRef);
		assertThat(poll(pendingRef).status()).isEqualTo(200);
		assertThat(this.browser.get("/api/me", "application/json").json().get("steppedUp").asBoolean()).isTrue();
	}

	@Test
	void stepUpWhenNotSignedInThenUnauthorized() {
		Response response = this.browser.postJson("/login/notp",
				Map.of("loginId", ALICE, "method", "sign-in", "loginOptions", Map.of("stepup", true)));
		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void requestWhenJwtExpiredThenUnauthorizedWithBearerChallenge() {
		String expired = this.emulator.issueSessionJwt(user(ALICE),
				(claims) -> claims.issueTime(Date.from(Instant.now().minusSeconds(1200)))
					.expirationTime(Date.from(Instant.now().minusSeconds(600))));
		Response response = this.browser.getWithBearer("/api/me", expired);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).doesNotContain(expired).doesNotContain("Exception");
	}

	@Test
	void requestWhenJwtForgedWithAnotherKeyThenUnauthorized() throws Exception {
		RSAKey attacker = new RSAKeyGenerator(2048).keyID(this.emulator.signingKey().getKeyID()).generate();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.emulator.projectId())
			.subject("Uforged")
			.claim("drn", "DS")
			.claim("roles", java.util.List.of("admin"))
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.build();
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		forged.sign(new RSASSASigner(attacker));
		assertThat(this.browser.getWithBearer("/api/admin", forged.serialize()).status()).isEqualTo(401);
	}

	@Test
	void requestWhenRefreshJwtUsedAsSessionJwtThenUnauthorized() {
		assertThat(this.browser.getWithBearer("/api/me", this.emulator.issueRefreshJwt(user(ALICE))).status())
			.isEqualTo(401);
	}

	@Test
	void completeWhenFlowExpiredThenUnauthorizedAndForgotten() {
		String pendingRef = start(ALICE);
		this.emulator.expire(pendingRef);
		Response expired = poll(pendingRef);
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:flow-failed");
		Response again = poll(pendingRef);
		assertThat(again.status()).isEqualTo(401);
		assertThat(again.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:unknown-flow");
	}

	@Test
	void completeWhenPendingRefFromAnotherSessionThenRefusedWithoutCallingDescope() {
		String pendingRef = start(ALICE);
		this.emulator.confirm(pendingRef);
		long pollsBefore = pendingSessionCalls();
		Browser thief = new Browser(this.port);
		Response stolen = thief.postJson("/login/notp/session", Map.of("pendingRef", pendingRef));
		assertThat(stolen.status()).isEqualTo(401);
		assertThat(stolen.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:unknown-flow");
		assertThat(pendingSessionCalls()).isEqualTo(pollsBefore);
		assertThat(thief.get("/api/me", "application/json").status()).isEqualTo(401);
		assertThat(poll(pendingRef).status()).isEqualTo(200);
	}

	@Test
	void completeWhenPendingRefRedeemedTwiceThenTheSecondIsAnsweredFromTheSessionWithoutAskingDescope() {
		String pendingRef = start(ALICE);
		this.emulator.confirm(pendingRef);
		assertThat(poll(pendingRef).status()).isEqualTo(200);
		long polls = pendingSessionCalls();

		Response again = poll(pendingRef);

		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().get("status").asString()).isEqualTo("authenticated");
		assertThat(pendingSessionCalls()).as("not asked again").isEqualTo(polls);
	}

	@Test
	void startWhenLoginIdInvalidThenBadRequestAndNothingSent() {
		long startsBefore = this.emulator.calls().stream().filter((c) -> c.path().contains("/whatsapp/")).count();
		Response response = this.browser.postJson("/login/notp", Map.of("loginId", "not a phone"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("loginId");
		assertThat(response.body()).doesNotContain("Exception");
		assertThat(this.emulator.calls().stream().filter((c) -> c.path().contains("/whatsapp/")).count())
			.isEqualTo(startsBefore);
	}

	@Test
	void startWhenCsrfTokenMissingThenForbiddenProblem() {
		Response response = this.browser.postJsonWithoutCsrf("/login/notp", Map.of("loginId", ALICE));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("type").asString()).isEqualTo("urn:descope-notp:problem:invalid-csrf-token");
	}

	@Test
	void loginPageWhenRequestedThenServesTheFormWithCsrfToken() {
		Response page = this.browser.get("/login/notp", "text/html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<label for=\"loginId\">", "csrfToken", "/login/notp/session")
			.doesNotContain("http://", "https://");
	}

	private void signIn(String phone) {
		String pendingRef = start(phone);
		this.emulator.confirm(pendingRef);
		assertThat(poll(pendingRef).status()).isEqualTo(200);
	}

	private long startCalls() {
		return this.emulator.calls().stream().filter((c) -> c.path().contains("/whatsapp/")).count();
	}

	private String start(String loginId) {
		Response started = this.browser.postJson("/login/notp", Map.of("loginId", loginId, "method", "sign-in"));
		assertThat(started.status()).isEqualTo(200);
		return started.json().get("pendingRef").asString();
	}

	private Response poll(String pendingRef) {
		return this.browser.postJson("/login/notp/session", Map.of("pendingRef", pendingRef));
	}

	/** The status of the next poll to finish, waiting for it at most 10 s. */
	private static int answered(CompletionService<Integer> polls) throws Exception {
		Future<Integer> done = polls.poll(10, TimeUnit.SECONDS);
		assertThat(done).as("a poll answered").isNotNull();
		return done.get();
	}

	private long pendingSessionCalls() {
		return this.emulator.calls().stream().filter((c) -> c.path().equals("/v1/auth/notp/pending-session")).count();
	}

	private EmulatedUser user(String phone) {
		return this.emulator.findUserByLoginId(phone).orElseThrow();
	}

	private static String newPhone() {
		long digits = Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000L);
		return String.format("+1555%07d", digits);
	}

}
