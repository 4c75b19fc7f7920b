package com.descope.notp.sample;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.DescopeUser;
import com.descope.notp.sample.Browser.Response;
import com.descope.notp.security.session.DescopeUserService;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import com.descope.notp.test.RecordedCall;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step-up: {@code GET /api/sensitive} needs the {@code FACTOR_WHATSAPP} authority issued
 * within the last five minutes. The emulator (which dates the tokens) and the application
 * ({@link ApplicationClockConfiguration}, {@code descopeFactors} among the rest) share a
 * clock the tests move forward, so the confirmation "ages" without waiting; a step-up
 * sign-in makes it recent again. Also the current user reloaded from Descope through
 * {@link DescopeUserService}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
@Import(ApplicationClockConfiguration.class)
class StepUpTests {

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	@Autowired
	MovableClock clock;

	Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
		this.emulator.setClock(this.clock);
	}

	@AfterEach
	void resetClockAndEmulator() {
		this.clock.reset();
		this.emulator.setClock(Clock.systemUTC());
		this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
	}

	@Test
	void sensitiveWhenJustSignedInThenAllowed() {
		SessionTestSupport.signIn(this.browser, this.emulator);

		Response sensitive = this.browser.get("/api/sensitive", "application/json");

		assertThat(sensitive.status()).isEqualTo(200);
		assertThat(sensitive.json().get("message").asString()).isEqualTo("Recently confirmed on WhatsApp");
	}

	@Test
	void sensitiveWhenConfirmationOlderThanFiveMinutesThenForbiddenUntilSteppedUp() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		assertThat(this.browser.get("/api/me", "application/json").json().get("steppedUp").asBoolean()).isFalse();

		this.clock.advance(Duration.ofMinutes(10));

		Response forbidden = this.browser.get("/api/sensitive", "application/json");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(SessionTestSupport.problemType(forbidden)).isEqualTo("urn:descope-notp:problem:forbidden");
		assertThat(this.browser.get("/api/me", "application/json").status()).isEqualTo(200);

		String pendingRef = SessionTestSupport.start(this.browser, Map.of("loginId", SessionTestSupport.ALICE, "method",
				"sign-in", "loginOptions", Map.of("stepup", true)));
		RecordedCall stepUpStart = SessionTestSupport.lastCall(this.emulator, "/v1/auth/notp/whatsapp/signin");
		String refreshJwt = SessionTestSupport.jwtSentTo(this.emulator, stepUpStart);
		assertThat(SessionTestSupport.claims(refreshJwt).get("drn").asString()).isEqualTo("DSR");
		assertThat(SessionTestSupport.claims(refreshJwt).get("sub").asString()).isEqualTo(aliceId());
		assertThat(stepUpStart.body()).contains("\"stepup\":true");
		this.emulator.confirm(pendingRef);
		assertThat(SessionTestSupport.poll(this.browser, pendingRef).status()).isEqualTo(200);

		assertThat(this.browser.get("/api/sensitive", "application/json").status()).isEqualTo(200);
		Response me = this.browser.get("/api/me", "application/json");
		assertThat(me.json().get("steppedUp").asBoolean()).isTrue();
		assertThat(me.json().get("phone").asString()).isEqualTo(SessionTestSupport.ALICE);
	}

	@Test
	void sensitiveWhenSessionRefreshedThenWhatsAppFactorKept() {
		this.emulator.setSessionTokenTtl(Duration.ofSeconds(15));
		SessionTestSupport.signIn(this.browser, this.emulator);
		this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
		long refreshes = SessionTestSupport.calls(this.emulator, "/v1/auth/refresh");

		Response sensitive = this.browser.get("/api/sensitive", "application/json");

		assertThat(sensitive.status()).isEqualTo(200);
		assertThat(SessionTestSupport.calls(this.emulator, "/v1/auth/refresh")).isEqualTo(refreshes + 1);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.browser.get("/api/sensitive", "application/json").status()).isEqualTo(403);
	}

	@Test
	void sensitiveWhenABearerSessionJwtOfAWhatsAppLoginThenAllowedUntilFiveMinutesOld() {
		String sessionJwt = this.emulator
			.issueSessionJwt(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());

		assertThat(this.browser.getWithBearer("/api/me", sessionJwt).status()).isEqualTo(200);
		assertThat(this.browser.getWithBearer("/api/sensitive", sessionJwt).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.browser.getWithBearer("/api/sensitive", sessionJwt).status()).isEqualTo(403);
	}

	@Test
	void sensitiveWhenABearerSessionJwtOfAnotherMethodThenForbidden() {
		String sessionJwt = this.emulator.issueSessionJwt(
				this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow(),
				(claims) -> claims.claim("amr", java.util.List.of("email")));

		assertThat(this.browser.getWithBearer("/api/me", sessionJwt).status()).isEqualTo(200);
		assertThat(this.browser.getWithBearer("/api/sensitive", sessionJwt).status()).isEqualTo(403);
	}

	@Test
	void refreshUserWhenSignedInThenLoadedFromDescopeWithTheStoredRefreshJwt() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.ME);

		Response user = this.browser.get("/test/descope-user", "application/json");

		assertThat(user.status()).isEqualTo(200);
		assertThat(user.json().get("userId").asString()).isEqualTo(aliceId());
		assertThat(user.json().get("name").asString()).isEqualTo("Alice Admin");
		assertThat(user.json().get("phone").asString()).isEqualTo(SessionTestSupport.ALICE);
		assertThat(user.json().get("currentUserId").asString()).isEqualTo(aliceId());
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.ME)).isEqualTo(before + 1);
		RecordedCall me = SessionTestSupport.lastCall(this.emulator, SessionTestSupport.ME);
		assertThat(me.method()).isEqualTo("GET");
		assertThat(SessionTestSupport.claims(SessionTestSupport.jwtSentTo(this.emulator, me)).get("drn").asString())
			.isEqualTo("DSR");
	}

	@Test
	void refreshUserWhenOnlyABearerSessionJwtThenNoRefreshJwtAndNothingSent() {
		String sessionJwt = this.emulator
			.issueSessionJwt(this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow());
		long before = SessionTestSupport.calls(this.emulator, SessionTestSupport.ME);

		Response user = this.browser.getWithBearer("/test/descope-user", sessionJwt);

		assertThat(user.status()).isEqualTo(401);
		assertThat(user.json().get("errorCode").asString()).isEqualTo("G030003");
		assertThat(user.json().get("currentUserId").asString()).isEqualTo(aliceId());
		assertThat(SessionTestSupport.calls(this.emulator, SessionTestSupport.ME)).isEqualTo(before);
	}

	private String aliceId() {
		return this.emulator.findUserByLoginId(SessionTestSupport.ALICE).orElseThrow().userId();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DescopeUserConfiguration {

		@Bean
		DescopeUserController descopeUserController(DescopeUserService users) {
			return new DescopeUserController(users);
		}

	}

	/** Test-only: {@link DescopeUserService#refreshUser} answered as JSON. */
	@RestController
	static class DescopeUserController {

		private final DescopeUserService users;

		DescopeUserController(DescopeUserService users) {
			this.users = users;
		}

		@GetMapping("/test/descope-user")
		ResponseEntity<Map<String, Object>> user(HttpServletRequest request) {
			DescopeResponse<DescopeUser> answer = this.users.refreshUser(request);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("currentUserId", this.users.currentUser().map((user) -> user.userId()).orElse(null));
			if (!answer.ok() || answer.data() == null) {
				body.put("errorCode", (answer.error() != null) ? answer.error().errorCode() : null);
				return ResponseEntity.status(answer.code()).body(body);
			}
			body.put("userId", answer.data().userId());
			body.put("name", answer.data().name());
			body.put("phone", answer.data().phone());
			return ResponseEntity.ok(body);
		}

	}

}
