package com.descope.notp.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SessionEndpointsTests extends EmulatorTestSupport {

	private static final String ALICE = "+15555550100";

	private String bearer(String jwt) {
		return "Bearer " + emulator.projectId() + ":" + jwt;
	}

	@Test
	void refreshWhenValidRefreshTokenThenNewSessionWithoutRefreshJwt() throws Exception {
		String refreshJwt = http.signIn(ALICE).get("refreshJwt").stringValue();
		emulator.setSessionTokenTtl(Duration.ofMinutes(3));

		HttpResponse<String> response = http.post("/v1/auth/refresh", "{}", bearer(refreshJwt));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = EmulatorHttp.json(response);
		assertThat(body.has("refreshJwt")).isFalse();
		JWTClaimsSet claims = http.verify(body.get("sessionJwt").stringValue());
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(180_000L);
		assertThat(Instant.parse(claims.getStringClaim("rexp")))
			.isEqualTo(SignedJWT.parse(refreshJwt).getJWTClaimsSet().getExpirationTime().toInstant());
		assertThat(body.path("user").path("name").asString()).isEqualTo("Alice Admin");
	}

	@Test
	void refreshWhenRotationOnThenNewRefreshJwtAndOldOneRevoked() throws Exception {
		emulator.setRefreshTokenRotation(true);
		String first = http.signIn(ALICE).get("refreshJwt").stringValue();

		JsonNode body = EmulatorHttp.json(http.post("/v1/auth/refresh", "{}", bearer(first)));
		String second = body.get("refreshJwt").stringValue();

		assertThat(http.verify(second).getJWTID()).isNotEqualTo(http.verify(first).getJWTID());
		HttpResponse<String> reuse = http.post("/v1/auth/refresh", "{}", bearer(first));
		assertThat(reuse.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(reuse)).isEqualTo("E064001");
		assertThat(http.post("/v1/auth/refresh", "{}", bearer(second)).statusCode()).isEqualTo(200);
	}

	@Test
	void refreshWhenSessionJwtOrForeignOrMissingTokenThenUnauthorized() throws Exception {
		EmulatedUser alice = emulator.findUserByLoginId(ALICE).orElseThrow();
		String sessionJwt = emulator.issueSessionJwt(alice);
		String foreign;
		try (DescopeEmulator other = DescopeEmulator.start(emulator.projectId())) {
			foreign = other.issueRefreshJwt(alice);
		}

		for (String auth : List.of(bearer(sessionJwt), bearer(foreign), bearer("not.a.jwt"),
				"Bearer " + emulator.projectId())) {
			HttpResponse<String> response = http.post("/v1/auth/refresh", "{}", auth);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(EmulatorHttp.errorCode(response)).isEqualTo("E061003");
		}
		HttpResponse<String> lenient = http.post("/v1/auth/try-refresh", "{}", "Bearer " + emulator.projectId());
		assertThat(lenient.statusCode()).isEqualTo(200);
		assertThat(lenient.body()).isEqualTo("{}");
	}

	@Test
	void logoutWhenCalledThenRefreshTokenRevokedAndEmptyTokens() {
		String refreshJwt = http.signIn(ALICE).get("refreshJwt").stringValue();

		HttpResponse<String> logout = http.post("/v1/auth/logout", "{}", bearer(refreshJwt));

		assertThat(logout.statusCode()).isEqualTo(200);
		JsonNode body = EmulatorHttp.json(logout);
		assertThat(body.get("sessionJwt").stringValue()).isEmpty();
		assertThat(body.get("refreshJwt").stringValue()).isEmpty();
		HttpResponse<String> refresh = http.post("/v1/auth/refresh", "{}", bearer(refreshJwt));
		assertThat(refresh.statusCode()).isEqualTo(401);
		assertThat(EmulatorHttp.errorCode(refresh)).isEqualTo("E064001");
	}

	@Test
	void logoutAllWhenCalledThenEveryRefreshTokenOfTheUserRevoked() {
		String first = http.signIn(ALICE).get("refreshJwt").stringValue();
		String second = http.signIn(ALICE).get("refreshJwt").stringValue();
		String bobs = http.signIn("+15555550101").get("refreshJwt").stringValue();

		assertThat(http.post("/v1/auth/logoutall", "{}", bearer(second)).statusCode()).isEqualTo(200);

		assertThat(EmulatorHttp.errorCode(http.post("/v1/auth/refresh", "{}", bearer(first)))).isEqualTo("E064001");
		assertThat(EmulatorHttp.errorCode(http.post("/v1/auth/refresh", "{}", bearer(second)))).isEqualTo("E064001");
		assertThat(http.post("/v1/auth/refresh", "{}", bearer(bobs)).statusCode()).isEqualTo(200);
	}

	@Test
	void meWhenRefreshTokenThenResponseUser() {
		String refreshJwt = http.signIn(ALICE).get("refreshJwt").stringValue();

		HttpResponse<String> me = http.get("/v1/auth/me", bearer(refreshJwt));

		assertThat(me.statusCode()).isEqualTo(200);
		JsonNode user = EmulatorHttp.json(me);
		assertThat(user.get("name").stringValue()).isEqualTo("Alice Admin");
		assertThat(user.get("permissions").get(0).stringValue()).isEqualTo("reports:read");
		assertThat(user.get("userTenants").get(0).get("permissions").get(0).stringValue()).isEqualTo("billing:write");
		assertThat(http.get("/v1/auth/me", "Bearer " + emulator.projectId()).statusCode()).isEqualTo(401);
	}

	@Test
	void tokensInCookiesModeWhenLoginThenSetCookieAndEmptyBodyTokens() throws Exception {
		emulator.setTokensInCookies(true);
		// the cookies' lifetimes count down from the emulator's time, which stands still
		emulator.setClock(MovableClock.standingAt(Instant.now()));

		String ref = http.start("signin", "{\"loginId\":\"+15555550100\",\"loginOptions\":{}}")
			.get("pendingRef")
			.stringValue();
		emulator.confirm(ref);
		HttpResponse<String> poll = http.poll(ref);

		JsonNode body = EmulatorHttp.json(poll);
		assertThat(body.get("sessionJwt").stringValue()).isEmpty();
		assertThat(body.get("refreshJwt").stringValue()).isEmpty();
		List<String> cookies = poll.headers().allValues("Set-Cookie");
		assertThat(cookies).hasSize(2);
		String ds = cookies.stream().filter((c) -> c.startsWith("DS=")).findFirst().orElseThrow();
		String dsr = cookies.stream().filter((c) -> c.startsWith("DSR=")).findFirst().orElseThrow();
		assertThat(ds).endsWith("; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=Strict");
		assertThat(dsr).endsWith("; Path=/; Max-Age=2592000; HttpOnly; Secure; SameSite=Strict");
		assertThat(body.get("cookieMaxAge").asLong()).as("30 days").isEqualTo(2592000L);
		String sessionJwt = ds.substring(3, ds.indexOf(';'));
		String refreshJwt = dsr.substring(4, dsr.indexOf(';'));
		assertThat(http.verify(sessionJwt).getStringClaim("drn")).isEqualTo("DS");

		HttpResponse<String> viaCookie = http
			.request(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/auth/refresh"))
				.header("Authorization", "Bearer " + emulator.projectId())
				.header("Cookie", "DSR=" + refreshJwt)
				.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(viaCookie.statusCode()).isEqualTo(200);
		assertThat(viaCookie.headers().allValues("Set-Cookie")).singleElement().asString().startsWith("DS=");

		HttpResponse<String> logout = http.post("/v1/auth/logout", "{}", bearer(refreshJwt));
		assertThat(logout.headers().allValues("Set-Cookie")).containsExactlyInAnyOrder(
				"DS=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict",
				"DSR=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
	}

	@Test
	void issueSessionJwtWhenCustomizedThenClaimsChangedAndStillSigned() throws Exception {
		EmulatedUser bob = emulator.findUserByLoginId("+15555550101").orElseThrow();
		String expired = emulator.issueSessionJwt(bob,
				(c) -> c.expirationTime(Date.from(Instant.now().minusSeconds(60))).issuer("someone-else"));

		SignedJWT jwt = SignedJWT.parse(expired);

		assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(emulator.signingKey()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("someone-else");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isBefore(new Date());
		assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("user");
		assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKeys("permissions", "tenants");
	}

	@Test
	void keysWhenOtherProjectThenNotFoundAndNoAuthNeededForOwn() {
		HttpResponse<String> own = http
			.request(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/keys/" + emulator.projectId())).GET());
		HttpResponse<String> other = http
			.request(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/keys/Pother")).GET());

		assertThat(own.statusCode()).isEqualTo(200);
		JsonNode key = EmulatorHttp.json(own).get("keys").get(0);
		assertThat(key.get("kid").stringValue()).isEqualTo(emulator.signingKey().getKeyID());
		assertThat(key.get("alg").stringValue()).isEqualTo("RS256");
		assertThat(key.get("use").stringValue()).isEqualTo("sig");
		assertThat(key.has("d")).isFalse();
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(EmulatorHttp.errorCode(other)).isEqualTo("E000404");
	}

	@Test
	void enqueueFailureWhenQueuedThenNextCallsToThatPathGetItInOrder() {
		emulator.enqueueFailure("/v1/auth/notp/pending-session", 503, Map.of(), "");
		emulator.enqueueFailure("/v1/auth/notp/pending-session", 429, Map.of("Retry-After", "2"),
				"{\"errorCode\":\"E130429\"}");

		HttpResponse<String> first = http.poll("whatever");
		HttpResponse<String> other = http.post("/v1/auth/notp/whatsapp/signin",
				"{\"loginId\":\"+15555550100\",\"loginOptions\":{}}");
		HttpResponse<String> second = http.poll("whatever");
		HttpResponse<String> third = http.poll("whatever");

		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(429);
		assertThat(second.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(EmulatorHttp.errorCode(second)).isEqualTo("E130429");
		assertThat(third.statusCode()).isEqualTo(400);
		assertThat(emulator.calls()).hasSize(4);
	}

	@Test
	void callsWhenRecordedThenLowerCaseHeadersAndToStringWithoutTokens() {
		String refreshJwt = http.signIn(ALICE).get("refreshJwt").stringValue();
		http.get("/v1/auth/me", bearer(refreshJwt));

		RecordedCall me = emulator.calls().get(emulator.calls().size() - 1);

		assertThat(me.method()).isEqualTo("GET");
		assertThat(me.path()).isEqualTo("/v1/auth/me");
		assertThat(me.headers()).containsEntry("authorization", bearer(refreshJwt));
		assertThat(me.header("Authorization")).isEqualTo(bearer(refreshJwt));
		assertThat(me.toString()).doesNotContain(refreshJwt).contains("authorization=<redacted>");
		assertThat(emulator.calls()).extracting(RecordedCall::path)
			.containsExactly("/v1/auth/notp/whatsapp/signin", "/v1/auth/notp/pending-session", "/v1/auth/me");
		assertThat(emulator.toString()).doesNotContain(refreshJwt);
	}

	@Test
	void unknownPathThenNotFoundErrorBody() {
		HttpResponse<String> response = http.post("/v1/auth/nope", "{}");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(EmulatorHttp.errorCode(response)).isEqualTo("E000404");
		assertThat(http.get("/v1/auth/refresh", "Bearer " + emulator.projectId()).statusCode()).isEqualTo(405);
	}

}
