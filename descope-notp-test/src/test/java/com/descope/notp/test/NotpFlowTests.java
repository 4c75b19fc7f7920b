package com.descope.notp.test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotpFlowTests extends EmulatorTestSupport {

	@Test
	void startWhenCalledThenProjectIdBaseUrlAndKeyHaveDescopeShapes() {
		assertThat(emulator.projectId()).matches("P[A-Za-z0-9]{27}");
		assertThat(emulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
		assertThat(emulator.signingKey().getKeyID()).matches("SK[A-Za-z0-9]{27}");
		assertThat(emulator.signingKey().size()).isEqualTo(2048);
		assertThat(emulator.signingKey().isPrivate()).isTrue();
		assertThat(emulator.findUserByLoginId("+15555550100")).get()
			.extracting(EmulatedUser::name)
			.isEqualTo("Alice Admin");
		assertThat(emulator.findUserByLoginId("+1 555 555 0101")).get()
			.extracting(EmulatedUser::roles)
			.isEqualTo(List.of("user"));
		try (DescopeEmulator named = DescopeEmulator.start("P2aAc4T2V93bddihGEx2Ryhc8e5Z")) {
			assertThat(named.projectId()).isEqualTo("P2aAc4T2V93bddihGEx2Ryhc8e5Z");
			named.close();
		}
		assertThatThrownBy(() -> DescopeEmulator.start("P:bad")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void signInWhenStartedThenPendingRefRedirectUrlAndFlowRecorded() {
		JsonNode answer = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}");

		String ref = answer.get("pendingRef").stringValue();
		assertThat(ref).matches("[A-Za-z0-9]{32}");
		assertThat(answer.get("redirectUrl").stringValue())
			.matches(java.util.regex.Pattern.quote(emulator.baseUrl()) + "/notp/confirm/[A-Za-z0-9]{16}");
		assertThat(answer.get("image").stringValue()).doesNotStartWith("data:");
		PendingFlow flow = emulator.lastFlow();
		assertThat(flow.pendingRef()).isEqualTo(ref);
		assertThat(flow.method()).isEqualTo("signin");
		assertThat(flow.loginId()).isEqualTo("+15555550100");
		assertThat(flow.state()).isEqualTo("pending");
		assertThat(flow.requestBody().path("loginOptions").isObject()).isTrue();
		assertThat(flow.toString()).doesNotContain(ref);
		assertThat(emulator.flows()).containsExactly(flow);
	}

	@Test
	void lastFlowWhenNoneThenIllegalState() {
		assertThatThrownBy(emulator::lastFlow).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void pendingSessionWhenNotConfirmedThenPendingError() {
		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();

		HttpResponse<String> poll = http.poll(ref);

		assertThat(poll.statusCode()).isEqualTo(401);
		assertThat(poll.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode error = EmulatorHttp.json(poll);
		assertThat(error.path("errorCode").asString()).isEqualTo("E066103");
		assertThat(error.has("errorDescription")).isTrue();
		assertThat(error.has("errorMessage")).isTrue();
	}

	@Test
	void pendingSessionWhenConfirmedThenSessionVerifiesWithJwksAndCarriesClaims() throws Exception {
		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		emulator.confirm(ref);
		assertThat(emulator.lastFlow().state()).isEqualTo("confirmed");

		HttpResponse<String> poll = http.poll(ref);

		assertThat(poll.statusCode()).isEqualTo(200);
		JsonNode body = EmulatorHttp.json(poll);
		String sessionJwt = body.get("sessionJwt").stringValue();
		JWTClaimsSet claims = http.verify(sessionJwt);
		EmulatedUser alice = emulator.findUserByLoginId("+15555550100").orElseThrow();
		SignedJWT parsed = SignedJWT.parse(sessionJwt);
		assertThat(parsed.getHeader().getKeyID()).isEqualTo(emulator.signingKey().getKeyID());
		assertThat(parsed.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
		assertThat(claims.getIssuer()).isEqualTo(emulator.projectId());
		assertThat(claims.getSubject()).isEqualTo(alice.userId());
		assertThat(claims.getStringClaim("drn")).isEqualTo("DS");
		assertThat(claims.getStringListClaim("amr")).containsExactly("whatsapp");
		assertThat(claims.getStringListClaim("roles")).containsExactly("admin", "user");
		assertThat(claims.getStringListClaim("permissions")).containsExactly("reports:read");
		assertThat(claims.getJSONObjectClaim("tenants")).containsOnlyKeys("T1tenant");
		assertThat(claims.getClaim("su")).isNull();
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000L);
		Instant rexp = Instant.parse(claims.getStringClaim("rexp"));
		assertThat(rexp).isAfter(Instant.now().plus(Duration.ofDays(29)));

		JWTClaimsSet refresh = http.verify(body.get("refreshJwt").stringValue());
		assertThat(refresh.getStringClaim("drn")).isEqualTo("DSR");
		assertThat(refresh.getJWTID()).isNotBlank();
		assertThat(refresh.getExpirationTime().toInstant()).isEqualTo(rexp);

		assertThat(body.get("cookiePath").stringValue()).isEqualTo("/");
		assertThat(body.get("cookieDomain").stringValue()).isEmpty();
		assertThat(body.get("cookieExpiration").asLong()).isEqualTo(rexp.getEpochSecond());
		assertThat(body.get("cookieMaxAge").asLong()).isBetween(29L * 86400, 30L * 86400);
		assertThat(body.get("sessionExpiration").asLong())
			.isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
		assertThat(body.get("firstSeen").asBoolean()).isTrue();
		JsonNode user = body.get("user");
		assertThat(user.get("userId").stringValue()).isEqualTo(alice.userId());
		assertThat(user.get("loginIds").get(0).stringValue()).isEqualTo("+15555550100");
		assertThat(user.get("name").stringValue()).isEqualTo("Alice Admin");
		assertThat(user.get("phone").stringValue()).isEqualTo("+15555550100");
		assertThat(user.get("verifiedPhone").asBoolean()).isTrue();
		assertThat(user.get("roleNames").toString()).isEqualTo("[\"admin\",\"user\"]");
		assertThat(user.get("userTenants").get(0).get("tenantId").stringValue()).isEqualTo("T1tenant");
		assertThat(user.get("userTenants").get(0).get("roleNames").get(0).stringValue()).isEqualTo("tenant-admin");
		assertThat(user.get("status").stringValue()).isEqualTo("enabled");
		assertThat(emulator.lastFlow().state()).isEqualTo("redeemed");
	}

	@Test
	void pendingSessionWhenTheClockMovesWhileIssuingThenBothTokensShareOneIssueTime() throws Exception {
		// a moment just before a second ends, so the two tokens would straddle it; near
		// now, since the
		// tokens are verified against the system clock
		emulator.setClock(new TickingClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(999)));
		String ref = http.start("signin", "{\"loginId\":\"+15555550101\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		emulator.confirm(ref);

		JsonNode body = EmulatorHttp.json(http.poll(ref));

		JWTClaimsSet session = http.verify(body.get("sessionJwt").stringValue());
		JWTClaimsSet refresh = http.verify(body.get("refreshJwt").stringValue());
		assertThat(session.getIssueTime()).isEqualTo(refresh.getIssueTime());
	}

	@Test
	void pendingSessionWhenRedeemedTwiceThenRefused() {
		String ref = http.start("signin", "{\"loginId\":\"+15555550101\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		emulator.confirm(ref);
		assertThat(http.poll(ref).statusCode()).isEqualTo(200);

		HttpResponse<String> second = http.poll(ref);

		assertThat(second.statusCode()).isEqualTo(400);
		assertThat(EmulatorHttp.errorCode(second)).isEqualTo("E011003");
		assertThatThrownBy(() -> emulator.confirm(ref)).isInstanceOf(IllegalStateException.class);
		assertThat(EmulatorHttp.errorCode(http.poll("unknownRef"))).isEqualTo("E011003");
	}

	@Test
	void pendingSessionWhenExpiredThenExpiredError() {
		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		emulator.expire(ref);

		HttpResponse<String> poll = http.poll(ref);

		assertThat(poll.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(poll)).isEqualTo("E066104");
		assertThat(emulator.lastFlow().state()).isEqualTo("expired");
	}

	@Test
	void pendingSessionWhenOlderThanPendingFlowTtlThenExpiredError() {
		MovableClock clock = MovableClock.standingAt(Instant.now());
		emulator.setClock(clock);
		emulator.setPendingFlowTtl(Duration.ofMinutes(2));
		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		assertThat(emulator.lastFlow().createdAt()).isEqualTo(clock.instant());

		clock.advance(Duration.ofMinutes(2).minusMillis(1));
		assertThat(EmulatorHttp.errorCode(http.poll(ref))).as("just before the TTL").isEqualTo("E066103");
		assertThat(emulator.lastFlow().state()).isEqualTo("pending");
		clock.advance(Duration.ofMillis(1));

		assertThat(EmulatorHttp.errorCode(http.poll(ref))).as("at the TTL").isEqualTo("E066104");
		assertThat(emulator.lastFlow().state()).isEqualTo("expired");
		assertThatThrownBy(() -> emulator.confirm(ref)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void pendingSessionWhenHeldThenAnsweredAfterTheReleaseFromTheStateThen() throws Exception {
		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		CompletableFuture<HttpResponse<String>> poll;
		try (AnswerHold hold = emulator.holdAnswers("/v1/auth/notp/pending-session")) {
			assertThatThrownBy(() -> emulator.holdAnswers("/v1/auth/notp/pending-session"))
				.isInstanceOf(IllegalStateException.class);
			poll = CompletableFuture.supplyAsync(() -> http.poll(ref));
			hold.awaitHeld(1, Duration.ofSeconds(10));
			assertThat(emulator.calls()).as("recorded when it arrived")
				.extracting(RecordedCall::path)
				.containsExactly("/v1/auth/notp/whatsapp/signin", "/v1/auth/notp/pending-session");
			assertThat(poll).isNotDone();
			// pending when the call came, confirmed before it is answered
			emulator.confirm(ref);
		}

		assertThat(poll.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(http.poll(ref).statusCode()).as("no longer held, and redeemed").isEqualTo(400);
	}

	@Test
	void pendingSessionWhenFailedThenGivenErrorCode() {
		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		emulator.fail(ref, "E061103");

		HttpResponse<String> poll = http.poll(ref);

		assertThat(poll.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(poll)).isEqualTo("E061103");
		assertThat(EmulatorHttp.errorCode(http.poll(ref))).isEqualTo("E061103");
		assertThat(emulator.lastFlow().state()).isEqualTo("failed");
	}

	@Test
	void signUpWhenConfirmedThenCreatesUserNamedFromRequest() throws Exception {
		String ref = http
			.start("signup",
					"{\"loginId\":\"+15555550142\",\"user\":{\"name\":\"Carol New\",\"email\":\"carol@example.com\"},"
							+ "\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		assertThat(emulator.findUserByLoginId("+15555550142")).isEmpty();
		emulator.confirm(ref);

		HttpResponse<String> poll = http.poll(ref);

		assertThat(poll.statusCode()).isEqualTo(200);
		EmulatedUser carol = emulator.findUserByLoginId("+15555550142").orElseThrow();
		assertThat(carol.userId()).matches("U[A-Za-z0-9]{27}");
		assertThat(carol.name()).isEqualTo("Carol New");
		assertThat(carol.email()).isEqualTo("carol@example.com");
		assertThat(carol.roles()).isEmpty();
		JsonNode body = EmulatorHttp.json(poll);
		assertThat(body.get("firstSeen").asBoolean()).isTrue();
		JWTClaimsSet claims = http.verify(body.get("sessionJwt").stringValue());
		assertThat(claims.getSubject()).isEqualTo(carol.userId());
		assertThat(claims.getClaims()).doesNotContainKeys("roles", "permissions", "tenants");
	}

	@Test
	void signUpInWithEmptyLoginIdWhenConfirmedThenUserOfDefaultWhatsAppPhone() {
		String ref = http.start("signup-in", "{\"loginId\":\"\",\"loginOptions\":{}}").get("pendingRef").stringValue();
		assertThat(emulator.lastFlow().loginId()).isEmpty();
		emulator.confirm(ref);

		assertThat(http.poll(ref).statusCode()).isEqualTo(200);
		assertThat(emulator.findUserByLoginId(DescopeEmulator.DEFAULT_WHATSAPP_PHONE)).isPresent();
	}

	@Test
	void signUpInWithEmptyLoginIdWhenConfirmedFromKnownPhoneThenThatUser() throws Exception {
		String ref = http.start("signup-in", "{\"loginId\":\"\",\"loginOptions\":{}}").get("pendingRef").stringValue();
		emulator.confirm(ref, "+15555550101");

		JsonNode body = EmulatorHttp.json(http.poll(ref));
		assertThat(body.path("user").path("name").asString()).isEqualTo("Bob User");
	}

	@Test
	void signUpWhenUserExistsThenAlreadyExistsError() {
		HttpResponse<String> response = http.post("/v1/auth/notp/whatsapp/signup",
				"{\"loginId\":\"+15555550100\",\"user\":{\"name\":\"Again\"},\"loginOptions\":{}}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(EmulatorHttp.errorCode(response)).isEqualTo("E062107");
	}

	@Test
	void signInWhenUnknownUserThenUserNotFoundError() {
		HttpResponse<String> response = http.post("/v1/auth/notp/whatsapp/signin",
				"{\"loginId\":\"+15555550177\",\"loginOptions\":{}}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(EmulatorHttp.errorCode(response)).isEqualTo("E062108");
		assertThat(emulator.flows()).isEmpty();
	}

	@Test
	void signInWithEmptyLoginIdWhenConfirmedFromUnknownPhoneThenUserNotFoundOnPoll() {
		String ref = http.start("signin", "{\"loginId\":\"\",\"loginOptions\":{}}").get("pendingRef").stringValue();
		emulator.confirm(ref);

		HttpResponse<String> poll = http.poll(ref);

		assertThat(poll.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(poll)).isEqualTo("E062108");
		assertThat(emulator.lastFlow().state()).isEqualTo("failed");
	}

	@Test
	void confirmWhenPhoneDiffersFromLoginIdThenIllegalArgument() {
		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();

		assertThatThrownBy(() -> emulator.confirm(ref, "+15555550101")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> emulator.confirm("nope")).isInstanceOf(IllegalArgumentException.class);
		emulator.confirm(ref, "+1 (555) 555-0100");
		assertThat(emulator.lastFlow().state()).isEqualTo("confirmed");
	}

	@Test
	void startWhenMalformedJsonThenInvalidRequest() {
		HttpResponse<String> response = http.post("/v1/auth/notp/whatsapp/signin", "{\"loginId\":");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(EmulatorHttp.errorCode(response)).isEqualTo("E011003");
	}

	@Test
	void callWhenWrongOrMissingProjectIdThenUnauthorized() {
		HttpResponse<String> wrong = http.post("/v1/auth/notp/whatsapp/signin",
				"{\"loginId\":\"+15555550100\",\"loginOptions\":{}}", "Bearer P0000000000000000000000000000");
		HttpResponse<String> missing = http.request(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "/v1/auth/me")).GET());

		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(wrong)).isEqualTo("E062802");
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(missing)).isEqualTo("E062802");
		assertThat(emulator.flows()).isEmpty();
	}

	@Test
	void stepUpWhenNoRefreshTokenThenUnauthorized() {
		HttpResponse<String> response = http.post("/v1/auth/notp/whatsapp/signin",
				"{\"loginId\":\"+15555550100\",\"loginOptions\":{\"stepup\":true}}");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(response)).isEqualTo(EmulatorErrorCodes.INVALID_REFRESH_TOKEN);
	}

	@Test
	void stepUpWithMfaWhenRefreshTokenThenSessionMarkedStepUpAndMfa() throws Exception {
		EmulatedUser bob = emulator.findUserByLoginId("+15555550101").orElseThrow();
		String refresh = emulator.issueRefreshJwt(bob);
		HttpResponse<String> start = http.post("/v1/auth/notp/whatsapp/signin",
				"{\"loginId\":\"\",\"loginOptions\":{\"stepup\":true,\"mfa\":true}}",
				"Bearer " + emulator.projectId() + ":" + refresh);
		assertThat(start.statusCode()).isEqualTo(200);
		PendingFlow flow = emulator.lastFlow();
		assertThat(flow.stepup()).isTrue();
		assertThat(flow.mfa()).isTrue();
		assertThat(flow.loginId()).isEqualTo("+15555550101");
		emulator.confirm(flow.pendingRef());

		JsonNode body = EmulatorHttp.json(http.poll(flow.pendingRef()));

		JWTClaimsSet claims = http.verify(body.get("sessionJwt").stringValue());
		assertThat(claims.getSubject()).isEqualTo(bob.userId());
		assertThat(claims.getBooleanClaim("su")).isTrue();
		assertThat(claims.getStringListClaim("amr")).containsExactly("whatsapp", "mfa");
	}

	@Test
	void flowsWhenSeveralThenOldestFirstAndConcurrentStartsAllRecorded() throws Exception {
		List<Thread> threads = new java.util.ArrayList<>();
		try (AnswerHold hold = emulator.holdAnswers("/v1/auth/notp/whatsapp/signup-in")) {
			for (int i = 0; i < 8; i++) {
				Thread thread = new Thread(() -> http.start("signup-in", "{\"loginId\":\"\",\"loginOptions\":{}}"));
				thread.start();
				threads.add(thread);
			}
			// all eight in the emulator at once, then answered together
			hold.awaitHeld(8, Duration.ofSeconds(10));
			assertThat(emulator.flows()).isEmpty();
		}
		for (Thread t : threads) {
			t.join();
		}
		List<PendingFlow> flows = emulator.flows();
		assertThat(flows).hasSize(8);
		assertThat(flows).extracting(PendingFlow::pendingRef).doesNotHaveDuplicates();
		assertThat(flows).isSortedAccordingTo(java.util.Comparator.comparing(PendingFlow::createdAt));
		assertThat(emulator.calls()).hasSize(8);
	}

	/** A clock one second further on at every reading, as if each token took a second. */
	private static final class TickingClock extends Clock {

		private Instant next;

		TickingClock(Instant first) {
			this.next = first;
		}

		@Override
		public synchronized Instant instant() {
			Instant now = this.next;
			this.next = now.plusSeconds(1);
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
