package com.descope.notp.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.Deployment.StorageMode;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WhatsApp factor ({@code FACTOR_WHATSAPP}) and its time hold in every storage mode
 * and deployment shape: an {@code Authentication} rebuilt from the tokens on a later
 * request (from the HTTP session, the {@code DS}/{@code DSR} cookies or a bearer token,
 * after an automatic refresh) carries the same authorities, factor time and stepped-up
 * state as the one built at login, and a refresh never makes the confirmation look newer
 * than it was. The sample's {@code GET /api/sensitive} needs a confirmation within five
 * minutes. The emulator dates the tokens with a clock the tests set in the past, so a
 * confirmation "ages" without waiting.
 */
class FactorsEverywhereTests {

	// servlet only until the reactive login endpoints (start, poll) and factors
	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#servlet")
	void signInWhenAnyModeThenEveryLaterRequestCarriesTheSameFactorDatedAtTheConfirmation(Deployment deployment) {
		deployment.resetEmulator();
		Browser browser = deployment.browser();
		Instant before = Instant.now().minusSeconds(1);

		deployment.signIn(browser, SessionTestSupport.ALICE);

		JsonNode first = authentication(browser);
		JsonNode second = authentication(browser);
		assertThat(first.get("type").asString()).isEqualTo("DescopeAuthenticationToken");
		assertThat(first.get("authorities").valueStream().map(JsonNode::asString)).contains("FACTOR_WHATSAPP",
				"ROLE_admin");
		Instant confirmed = Instant.ofEpochSecond(first.get("factors").get("FACTOR_WHATSAPP").asLong());
		assertThat(confirmed).isBetween(before, Instant.now());
		assertThat(first.get("principal").get("steppedUp").asBoolean()).isFalse();
		assertThat(second).isEqualTo(first);
		assertThat(browser.get("/api/sensitive", "application/json").status()).isEqualTo(200);
	}

	/**
	 * Every deployment, with a confirmation four minutes old (allowed) and six minutes
	 * old (not).
	 */
	static Stream<Arguments> confirmationAges() {
		// servlet only until the reactive login endpoints (start, poll) and factors
		return Deployment.servlet()
			.flatMap((deployment) -> Stream.of(Arguments.of(deployment, 4, 200), Arguments.of(deployment, 6, 403)));
	}

	@ParameterizedTest(name = "{0}, confirmed {1} minutes ago")
	@MethodSource("confirmationAges")
	void sensitiveWhenConfirmedMinutesAgoThenAnsweredByThatAgeAlsoAfterTheSessionIsRefreshed(Deployment deployment,
			int minutes, int status) {
		Browser browser = signedInAgo(deployment, Duration.ofMinutes(minutes));
		long refreshes = SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH);

		Response sensitive = browser.get("/api/sensitive", "application/json");

		assertThat(sensitive.status()).as(sensitive.body()).isEqualTo(status);
		assertRefreshedWhenStored(deployment, refreshes);
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);
		Instant confirmed = Instant.now().minus(Duration.ofMinutes(minutes));
		assertThat(confirmedAt(browser)).isBetween(confirmed.minusSeconds(2), confirmed.plusSeconds(1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#persisting")
	void stepUpWhenConfirmationIsOldThenRecentAgainAndSteppedUpOnEveryLaterRequest(Deployment deployment) {
		Browser browser = signedInAgo(deployment, Duration.ofMinutes(6));
		assertThat(browser.get("/api/sensitive", "application/json").status()).isEqualTo(403);

		String pendingRef = SessionTestSupport.start(browser, Map.of("loginId", SessionTestSupport.ALICE, "method",
				"sign-in", "loginOptions", Map.of("stepup", true)));
		deployment.emulator().confirm(pendingRef);
		assertThat(SessionTestSupport.poll(browser, pendingRef).status()).isEqualTo(200);

		assertThat(browser.get("/api/sensitive", "application/json").status()).isEqualTo(200);
		JsonNode steppedUp = authentication(browser);
		assertThat(steppedUp.get("principal").get("steppedUp").asBoolean()).isTrue();
		assertThat(confirmedAt(browser)).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
		assertThat(authentication(browser)).isEqualTo(steppedUp);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("com.descope.notp.sample.Deployment#persisting")
	void refreshWhenDescopeRotatesTheRefreshJwtThenTheConfirmationKeepsItsTimeWhereTheServerHoldsTheSession(
			Deployment deployment) {
		Browser browser = signedInAgo(deployment, Duration.ofMinutes(6));
		deployment.emulator().setRefreshTokenRotation(true);

		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);

		if (deployment.mode() == StorageMode.HTTP_SESSION) {
			assertThat(confirmedAt(browser)).isBefore(Instant.now().minus(Duration.ofMinutes(5)));
			assertThat(browser.get("/api/sensitive", "application/json").status()).isEqualTo(403);
		}
		else {
			// the browser holds only the rotated DSR, issued now: see the README's
			// storage-mode table
			assertThat(confirmedAt(browser)).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
		}
	}

	/**
	 * The cookie mode, with what an attacker may put in the {@code DSR} cookie after the
	 * starter refreshed the {@code DS} cookie (a cookie set from a sibling subdomain, a
	 * copied cookie): a value that is no token, another user's refresh JWT, and the
	 * session JWT itself.
	 */
	static Stream<Arguments> replacedRefreshCookies() {
		return Deployment.inCookies()
			.flatMap((deployment) -> Stream.of(Arguments.of(deployment, "garbage"),
					Arguments.of(deployment, "another user's refresh JWT"),
					Arguments.of(deployment, "the session JWT")));
	}

	@ParameterizedTest(name = "{0}, DSR replaced by {1}")
	@MethodSource("replacedRefreshCookies")
	void sensitiveWhenTheRefreshCookieIsReplacedAfterARefreshThenAnOldConfirmationDoesNotLookRecent(
			Deployment deployment, String replacement) {
		Browser browser = signedInAgo(deployment, Duration.ofMinutes(6));
		assertThat(browser.get("/api/me", "application/json").status()).isEqualTo(200);
		DescopeEmulator emulator = deployment.emulator();
		String value = switch (replacement) {
			case "garbage" -> "x";
			case "another user's refresh JWT" ->
				emulator.issueRefreshJwt(emulator.findUserByLoginId("+15555550101").orElseThrow());
			default -> browser.cookie("DS").orElseThrow();
		};

		browser.setCookie("DSR", value);
		assertThat(browser.cookies("DSR")).as("the replaced cookie").hasSize(1);

		Response sensitive = browser.get("/api/sensitive", "application/json");
		assertThat(sensitive.status()).as(sensitive.body()).isEqualTo(403);
		JsonNode authentication = authentication(browser);
		assertThat(authentication.get("authorities").valueStream().map(JsonNode::asString)).contains("ROLE_admin")
			.doesNotContain("FACTOR_WHATSAPP");
	}

	/**
	 * A browser signed in as Alice as if she had confirmed {@code ago}: the emulator
	 * dates the tokens then, with a session JWT that expires in ten seconds (within the
	 * 20 s refresh threshold), so the next request of a stored session refreshes it.
	 */
	private static Browser signedInAgo(Deployment deployment, Duration ago) {
		DescopeEmulator emulator = deployment.resetEmulator();
		Browser browser = deployment.browser();
		emulator.setClock(Clock.offset(Clock.systemUTC(), ago.negated()));
		emulator.setSessionTokenTtl(ago.plusSeconds(10));
		deployment.signIn(browser, SessionTestSupport.ALICE);
		emulator.setClock(Clock.systemUTC());
		emulator.setSessionTokenTtl(Duration.ofMinutes(10));
		return browser;
	}

	private static void assertRefreshedWhenStored(Deployment deployment, long refreshesBefore) {
		long expected = (deployment.mode() == StorageMode.NONE) ? refreshesBefore : refreshesBefore + 1;
		assertThat(SessionTestSupport.calls(deployment.emulator(), SessionTestSupport.REFRESH)).as("refreshes")
			.isEqualTo(expected);
	}

	private static JsonNode authentication(Browser browser) {
		Response response = browser.get("/test/authentication", "application/json");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static Instant confirmedAt(Browser browser) {
		return Instant.ofEpochSecond(authentication(browser).get("factors").get("FACTOR_WHATSAPP").asLong());
	}

}
