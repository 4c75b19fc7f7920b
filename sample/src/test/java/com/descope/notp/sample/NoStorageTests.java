package com.descope.notp.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stateless mode ({@code persist-tokens=false}): the server keeps neither tokens nor
 * an authenticated {@code SecurityContext}; the login answers the tokens in its body, the
 * client sends the session JWT as a bearer token and refreshes at
 * {@code POST /login/notp/refresh}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "descope.persist-tokens=false" })
class NoStorageTests extends SampleHttpTestSupport {

	private static final HttpClient DESCOPE = HttpClient.newHttpClient();

	@AfterEach
	void resetEmulator() {
		this.emulator.setRefreshTokenRotation(false);
	}

	@Test
	void loginWhenNothingPersistedThenTokensInTheBodyAndNothingKept() {
		Response done = SessionTestSupport.signIn(this.browser, this.emulator);

		JsonNode body = done.json();
		String sessionJwt = body.get("sessionJwt").asString();
		String refreshJwt = body.get("refreshJwt").asString();
		assertThat(SessionTestSupport.claims(sessionJwt).get("drn").asString()).isEqualTo("DS");
		assertThat(SessionTestSupport.claims(refreshJwt).get("drn").asString()).isEqualTo("DSR");
		assertThat(body.get("sessionExpiration").asLong())
			.isEqualTo(SessionTestSupport.claims(sessionJwt).get("exp").asLong())
			.isGreaterThan(Instant.now().getEpochSecond());
		assertThat(done.setCookie("DS")).isEmpty();
		assertThat(done.setCookie("DSR")).isEmpty();

		Response withSessionOnly = this.browser.get("/api/me", "application/json");
		assertThat(withSessionOnly.status()).isEqualTo(401);
		assertThat(this.browser.get("/api/me", "text/html").status()).isEqualTo(302);
		Response withBearer = this.browser.getWithBearer("/api/me", sessionJwt);
		assertThat(withBearer.status()).isEqualTo(200);
		assertThat(withBearer.json().get("userId").asString())
			.isEqualTo(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow().userId());
		assertThat(this.browser.getWithBearer("/api/admin", sessionJwt).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenBearerRefreshJwtWithoutCsrfThenNewSessionJwtAndNoRefreshJwt() {
		String refreshJwt = SessionTestSupport.signIn(this.browser, this.emulator).json().get("refreshJwt").asString();
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response refreshed = new Browser(this.port).postWithBearerWithoutCsrf("/login/notp/refresh", Map.of(),
				refreshJwt);

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before + 1);
		assertThat(SessionTestSupport.jwtSentTo(this.emulator,
				SessionTestSupport.lastCall(this.emulator, SessionTestSupport.REFRESH)))
			.isEqualTo(refreshJwt);
		String sessionJwt = refreshed.json().get("sessionJwt").asString();
		assertThat(SessionTestSupport.claims(sessionJwt).get("drn").asString()).isEqualTo("DS");
		assertThat(refreshed.json().has("refreshJwt")).isFalse();
		assertThat(refreshed.json().get("sessionExpiration").asLong())
			.isEqualTo(SessionTestSupport.claims(sessionJwt).get("exp").asLong());
		assertThat(refreshed.setCookie("DS")).isEmpty();
		assertThat(refreshed.setCookie("DSR")).isEmpty();
		assertThat(this.browser.getWithBearer("/api/me", sessionJwt).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenDescopeRotatesThenNewRefreshJwtAnsweredAndOldOneRevoked() {
		this.emulator.setRefreshTokenRotation(true);
		String refreshJwt = SessionTestSupport.signIn(this.browser, this.emulator).json().get("refreshJwt").asString();

		Response refreshed = this.browser.postWithBearer("/login/notp/refresh", Map.of(), refreshJwt);

		assertThat(refreshed.status()).isEqualTo(200);
		String rotated = refreshed.json().get("refreshJwt").asString();
		assertThat(SessionTestSupport.claims(rotated).get("drn").asString()).isEqualTo("DSR");
		assertThat(rotated).isNotEqualTo(refreshJwt);
		assertThat(this.browser.getWithBearer("/api/me", refreshed.json().get("sessionJwt").asString()).status())
			.isEqualTo(200);
		assertThat(refreshAtDescope(refreshJwt)).isEqualTo(401);
		Response again = this.browser.postWithBearer("/login/notp/refresh", Map.of(), rotated);
		assertThat(again.status()).isEqualTo(200);
	}

	@Test
	void refreshWhenRefreshJwtIsForgedOrASessionJwtThenUnauthorizedProblem() {
		String forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVeCIsImRybiI6IkRTUiJ9.c2lnbmF0dXJl";
		String sessionJwt = this.emulator
			.issueSessionJwt(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());
		for (String token : new String[] { forged, sessionJwt }) {
			Response refused = this.browser.postWithBearerWithoutCsrf("/login/notp/refresh", Map.of(), token);

			assertThat(refused.status()).isEqualTo(401);
			assertThat(SessionTestSupport.problemType(refused)).isEqualTo("urn:descope-notp:problem:invalid-token");
			assertThat(refused.body()).doesNotContain(token).doesNotContain("Exception");
		}
	}

	@Test
	void refreshWhenBearerIsNotShapedAsAJwtThenBadRequestAndNothingSent() {
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response refused = this.browser.postWithBearerWithoutCsrf("/login/notp/refresh", Map.of(), "garbage");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(SessionTestSupport.problemType(refused)).isEqualTo("urn:descope-notp:problem:invalid-request");
		assertThat(refused.json().get("field").asString()).isEqualTo("Authorization");
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before);
	}

	@Test
	void refreshWhenRefreshJwtRevokedThenUnauthorizedProblem() {
		String refreshJwt = this.emulator
			.issueRefreshJwt(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());
		assertThat(logoutAtDescope(refreshJwt)).isEqualTo(200);

		Response refused = this.browser.postWithBearerWithoutCsrf("/login/notp/refresh", Map.of(), refreshJwt);

		assertThat(refused.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(refused)).isEqualTo("urn:descope-notp:problem:invalid-token");
	}

	@Test
	void refreshWhenRefreshJwtInJsonBodyWithCsrfThenNewSessionJwt() {
		String refreshJwt = SessionTestSupport.signIn(this.browser, this.emulator).json().get("refreshJwt").asString();

		Response refreshed = this.browser.postJson("/login/notp/refresh", Map.of("refreshJwt", refreshJwt));

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(SessionTestSupport.jwtSentTo(this.emulator,
				SessionTestSupport.lastCall(this.emulator, SessionTestSupport.REFRESH)))
			.isEqualTo(refreshJwt);
		assertThat(this.browser.getWithBearer("/api/me", refreshed.json().get("sessionJwt").asString()).status())
			.isEqualTo(200);
	}

	@Test
	void refreshWhenRefreshJwtInBodyWithoutCsrfThenForbidden() {
		String refreshJwt = this.emulator
			.issueRefreshJwt(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response refused = this.browser.postJsonWithoutCsrf("/login/notp/refresh", Map.of("refreshJwt", refreshJwt));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before);
	}

	@Test
	void refreshWhenNoRefreshJwtSentThenUnauthorizedAndNothingSent() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH);

		Response refused = this.browser.postJson("/login/notp/refresh", Map.of());

		assertThat(refused.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(refused)).isEqualTo("urn:descope-notp:problem:unauthenticated");
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.REFRESH)).isEqualTo(before);
	}

	private int refreshAtDescope(String refreshJwt) {
		return postToDescope("/v1/auth/refresh", refreshJwt);
	}

	private int logoutAtDescope(String refreshJwt) {
		return postToDescope("/v1/auth/logout", refreshJwt);
	}

	private int postToDescope(String path, String refreshJwt) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
				.header("Authorization", "Bearer " + this.emulator.projectId() + ":" + refreshJwt)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build();
			return DESCOPE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
