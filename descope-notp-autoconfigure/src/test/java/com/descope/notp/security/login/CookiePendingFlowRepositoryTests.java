package com.descope.notp.security.login;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.test.MovableClock;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CookiePendingFlowRepository}, the guarantees of the HTTP-session store
 * kept in an encrypted cookie: a flow belongs to the browser that saved it (its browser
 * id), is claimed by one attempt at a time on an instance and by none sooner than one
 * polling interval after the last on that instance (in memory: a replayed older cookie
 * does not escape it), lapses at its expiry and its claim after
 * {@link CookiePendingFlowRepository#CLAIM_TIMEOUT} on a clock the test moves, and a
 * browser keeps at most its limit of flows in one cookie of at most 4096 bytes. A cookie
 * changed anywhere (header, IV, ciphertext, tag), made under a key this repository lacks,
 * for another path or another browser is no flows; a cookie made under an old key still
 * configured is read, and new cookies are made under the first key. No HTTP session is
 * created. Each request carries the cookies the previous answers set, as a browser would
 * ({@link Browser}).
 */
class CookiePendingFlowRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration POLLING_INTERVAL = Duration.ofSeconds(2);

	private static final byte[] KEY = key();

	private static final byte[] OLD_KEY = key();

	private final MovableClock clock = MovableClock.standingAt(NOW);

	private final CookiePendingFlowRepository repository = repository(List.of(KEY), 3);

	@Test
	void saveFlowWhenNewBrowserThenSetsHttpOnlySecureCookiesAndCreatesNoSession() {
		Browser browser = new Browser("");
		MockHttpServletRequest start = browser.request();
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.repository.saveFlow(flow("ref-1"), start, response);
		browser.receive(response);

		assertThat(start.getSession(false)).isNull();
		String flows = setCookie(response, CookiePendingFlowRepository.FLOWS_COOKIE);
		assertThat(flows).contains("; Path=/", "; Max-Age=600", "; Secure", "; HttpOnly", "; SameSite=Lax")
			.doesNotContain("ref-1")
			.doesNotContain("Domain");
		assertThat(setCookie(response, CookiePendingFlowRepository.BROWSER_COOKIE))
			.contains("; Path=/", "; Secure", "; HttpOnly", "; SameSite=Lax")
			.doesNotContain("Max-Age");
		assertThat(this.repository.loadFlow("ref-1", browser.request())).isEqualTo(flow("ref-1"));
	}

	@Test
	void saveFlowWhenUnderAContextPathWithOtherCookieSettingsThenCookiesFollowThem() {
		CookiePendingFlowRepository strict = new CookiePendingFlowRepository(List.of(KEY),
				new DescopeCookieSettings("DS", "DSR", "Strict", true, false, null), 3, this.clock);
		Browser browser = new Browser("/app");
		MockHttpServletResponse response = new MockHttpServletResponse();

		strict.saveFlow(flow("ref-1"), browser.request(), response);
		browser.receive(response);

		assertThat(setCookie(response, CookiePendingFlowRepository.FLOWS_COOKIE))
			.contains("; Path=/app", "; HttpOnly", "; SameSite=Strict")
			.doesNotContain("Secure");
		assertThat(strict.claimFlow("ref-1", browser.request(), new MockHttpServletResponse()))
			.isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenTheCookieWasMadeForAnotherPathThenUnknown() {
		Browser browser = browserWith("ref-1");
		Browser elsewhere = new Browser("/other");
		elsewhere.cookies.putAll(browser.cookies);

		assertThat(claim("ref-1", elsewhere)).isEqualTo(FlowClaim.UNKNOWN);
	}

	@Test
	void claimFlowWhenSavedThenGrantedOnceAndBusyUntilReleased() {
		Browser browser = browserWith("ref-1");

		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.BUSY);
		assertThat(this.repository.loadFlow("ref-1", browser.request()).claimedAt()).isEqualTo(NOW);
		MockHttpServletResponse released = new MockHttpServletResponse();
		this.repository.releaseFlow("ref-1", browser.request(), released);

		assertThat(released.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		assertThat(this.repository.loadFlow("ref-1", browser.request()).claimedAt()).isNull();
		assertThat(this.repository.loadFlow("ref-1", browser.request()).polledAt()).isEqualTo(NOW);
		this.clock.advance(POLLING_INTERVAL.minusMillis(1));
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.BUSY);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenPolledTenTimesPerIntervalThenGrantedOncePerInterval() {
		Browser browser = browserWith("ref-1");
		int granted = 0;

		for (int poll = 0; poll < 30; poll++) {
			if (claim("ref-1", browser) == FlowClaim.GRANTED) {
				granted++;
				this.repository.releaseFlow("ref-1", browser.request(), new MockHttpServletResponse());
			}
			this.clock.advance(POLLING_INTERVAL.dividedBy(10));
		}

		assertThat(granted).isEqualTo(3);
	}

	@Test
	void claimFlowWhenAnOlderCopyOfTheCookieIsPresentedWithinTheIntervalThenStillBusy() {
		Browser browser = browserWith("ref-1");
		Browser copy = new Browser("");
		copy.cookies.putAll(browser.cookies);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);
		this.repository.releaseFlow("ref-1", browser.request(), new MockHttpServletResponse());

		assertThat(claim("ref-1", copy)).isEqualTo(FlowClaim.BUSY);
	}

	@Test
	void claimFlowWhenAClaimWasNeverGivenBackThenItLapsesAfterTheClaimTimeout() {
		Browser browser = browserWith("ref-1");
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);

		this.clock.advance(CookiePendingFlowRepository.CLAIM_TIMEOUT.minusSeconds(1));
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.BUSY);
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenExpiredThenUnknown() {
		Browser browser = browserWith("ref-1");

		this.clock.advance(FLOW_TIMEOUT.minusMillis(1));
		assertThat(this.repository.loadFlow("ref-1", browser.request())).isNotNull();
		this.clock.advance(Duration.ofMillis(1));

		assertThat(this.repository.loadFlow("ref-1", browser.request())).isNull();
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);
	}

	@Test
	void claimFlowWhenNoCookiesThenUnknownAndNothingIsWritten() {
		MockHttpServletRequest request = new Browser("").request();
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThat(this.repository.loadFlow("ref-1", request)).isNull();
		assertThat(this.repository.claimFlow("ref-1", request, response)).isEqualTo(FlowClaim.UNKNOWN);
		this.repository.releaseFlow("ref-1", request, response);
		this.repository.removeFlow("ref-1", request, response);

		assertThat(response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void claimFlowWhenTheFlowCookieIsMovedToAnotherBrowserThenUnknown() {
		Browser alice = browserWith("ref-1");
		Browser mallory = browserWith("ref-2");

		mallory.cookies.put(CookiePendingFlowRepository.FLOWS_COOKIE,
				alice.cookies.get(CookiePendingFlowRepository.FLOWS_COOKIE));

		assertThat(claim("ref-1", mallory)).isEqualTo(FlowClaim.UNKNOWN);
		assertThat(claim("ref-1", alice)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenTheBrowserIdIsMissingOrMalformedThenUnknown() {
		Browser browser = browserWith("ref-1");
		String id = browser.cookies.remove(CookiePendingFlowRepository.BROWSER_COOKIE);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);

		browser.cookies.put(CookiePendingFlowRepository.BROWSER_COOKIE, id.substring(1));
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);

		browser.cookies.put(CookiePendingFlowRepository.BROWSER_COOKIE, id);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void saveFlowWhenTheBrowserIdIsLostThenANewOneAndTheOldFlowsAreGone() {
		Browser browser = browserWith("ref-1");
		String id = browser.cookies.remove(CookiePendingFlowRepository.BROWSER_COOKIE);

		save("ref-2", browser);

		assertThat(browser.cookies.get(CookiePendingFlowRepository.BROWSER_COOKIE)).isNotEqualTo(id);
		assertThat(claim("ref-2", browser)).isEqualTo(FlowClaim.GRANTED);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);
	}

	@Test
	void claimFlowWhenAnyPartOfTheCookieIsChangedThenUnknown() {
		Browser browser = browserWith("ref-1");
		String jwe = browser.cookies.get(CookiePendingFlowRepository.FLOWS_COOKIE);
		String[] parts = jwe.split("\\.", -1);
		assertThat(parts).hasSize(5);
		assertThat(parts[1]).as("no encrypted key with alg=dir").isEmpty();

		for (int part : new int[] { 0, 2, 3, 4 }) {
			for (String changed : List.of(flipped(parts[part], 0), flipped(parts[part], parts[part].length() / 2),
					flipped(parts[part], parts[part].length() - 2))) {
				String[] tampered = parts.clone();
				tampered[part] = changed;
				browser.cookies.put(CookiePendingFlowRepository.FLOWS_COOKIE, String.join(".", tampered));
				assertThat(claim("ref-1", browser)).as("part %d changed", part).isEqualTo(FlowClaim.UNKNOWN);
			}
		}
		browser.cookies.put(CookiePendingFlowRepository.FLOWS_COOKIE, jwe);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void claimFlowWhenTheHeaderIsRewrittenThenUnknown() {
		Browser browser = browserWith("ref-1");
		String jwe = browser.cookies.get(CookiePendingFlowRepository.FLOWS_COOKIE);
		String[] parts = jwe.split("\\.", -1);
		String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
		assertThat(header).contains("\"alg\":\"dir\"", "\"enc\":\"A256GCM\"",
				"\"kid\":\"" + CookiePendingFlowRepository.keyId(KEY) + "\"");

		for (String rewritten : List.of(header.replace("A256GCM", "A128GCM"), header.replace("}", ",\"zip\":\"DEF\"}"),
				header.replace("\"dir\"", "\"none\""), header.replace("}", ",\"x\":1}"))) {
			parts[0] = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(rewritten.getBytes(StandardCharsets.UTF_8));
			browser.cookies.put(CookiePendingFlowRepository.FLOWS_COOKIE, String.join(".", parts));
			assertThat(claim("ref-1", browser)).as(rewritten).isEqualTo(FlowClaim.UNKNOWN);
		}
	}

	@Test
	void claimFlowWhenTheCookieIsNotAJweThenUnknown() {
		Browser browser = browserWith("ref-1");

		for (String garbage : List.of("x", "a.b.c.d.e", "....", "eyJhbGciOiJkaXIifQ....", "ref-1", "%00",
				"a".repeat(5000))) {
			browser.cookies.put(CookiePendingFlowRepository.FLOWS_COOKIE, garbage);
			assertThat(claim("ref-1", browser)).as(garbage).isEqualTo(FlowClaim.UNKNOWN);
		}
	}

	@Test
	void claimFlowWhenTheCookieWasMadeUnderAKeyNotConfiguredThenUnknown() {
		Browser browser = new Browser("");
		MockHttpServletResponse response = new MockHttpServletResponse();
		repository(List.of(OLD_KEY), 3).saveFlow(flow("ref-1"), browser.request(), response);
		browser.receive(response);

		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);
	}

	@Test
	void claimFlowWhenTheCookieWasMadeUnderAnOldKeyStillConfiguredThenGrantedAndRewrittenUnderTheNewKey() {
		CookiePendingFlowRepository before = repository(List.of(OLD_KEY), 3);
		CookiePendingFlowRepository rotated = repository(List.of(KEY, OLD_KEY), 3);
		Browser browser = new Browser("");
		MockHttpServletResponse started = new MockHttpServletResponse();
		before.saveFlow(flow("ref-1"), browser.request(), started);
		browser.receive(started);
		assertThat(kid(browser)).isEqualTo(CookiePendingFlowRepository.keyId(OLD_KEY));

		assertThat(rotated.claimFlow("ref-1", browser.request(), new MockHttpServletResponse()))
			.isEqualTo(FlowClaim.GRANTED);
		MockHttpServletResponse second = new MockHttpServletResponse();
		rotated.saveFlow(flow("ref-2"), browser.request(), second);
		browser.receive(second);

		assertThat(kid(browser)).isEqualTo(CookiePendingFlowRepository.keyId(KEY));
		assertThat(rotated.loadFlow("ref-1", browser.request())).isNotNull();
		assertThat(rotated.loadFlow("ref-2", browser.request())).isNotNull();
		assertThat(before.loadFlow("ref-2", browser.request())).isNull();
	}

	@Test
	void keyIdWhenComputedThenStableShortAndNotTheKey() {
		assertThat(CookiePendingFlowRepository.keyId(KEY)).isEqualTo(CookiePendingFlowRepository.keyId(KEY.clone()))
			.hasSize(12)
			.isNotEqualTo(CookiePendingFlowRepository.keyId(OLD_KEY));
		assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(KEY))
			.doesNotContain(CookiePendingFlowRepository.keyId(KEY));
	}

	@Test
	void removeFlowWhenOthersRemainThenTheCookieKeepsThemElseItIsClearedWithTheSameAttributes() {
		Browser browser = browserWith("ref-1");
		save("ref-2", browser);

		MockHttpServletResponse first = new MockHttpServletResponse();
		this.repository.removeFlow("ref-1", browser.request(), first);
		browser.receive(first);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);
		assertThat(this.repository.loadFlow("ref-2", browser.request())).isNotNull();

		MockHttpServletResponse last = new MockHttpServletResponse();
		this.repository.removeFlow("ref-2", browser.request(), last);
		browser.receive(last);

		assertThat(setCookie(last, CookiePendingFlowRepository.FLOWS_COOKIE)).startsWith("NOTP_FLOWS=;")
			.contains("; Path=/", "; Max-Age=0", "; Secure", "; HttpOnly", "; SameSite=Lax");
		assertThat(browser.cookies).doesNotContainKey(CookiePendingFlowRepository.FLOWS_COOKIE)
			.containsKey(CookiePendingFlowRepository.BROWSER_COOKIE);
	}

	@Test
	void removeFlowWhenACopyOfTheCookieIsReplayedThenTheCopyStillNamesTheFlowForDescopeToRefuse() {
		Browser browser = browserWith("ref-1");
		Map<String, String> copy = new LinkedHashMap<>(browser.cookies);
		MockHttpServletResponse completed = new MockHttpServletResponse();
		this.repository.removeFlow("ref-1", browser.request(), completed);
		browser.receive(completed);
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);

		browser.cookies.putAll(copy);

		// no instance can tell a copy from the original without shared state: the
		// completion then asks Descope, which answers a session once (see
		// NotpAuthenticationFilterTests and the sample's StatelessLoginTests)
		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void saveFlowWhenMoreThanTheLimitThenTheOldestIsDropped() {
		Browser browser = browserWith("ref-1");
		save("ref-2", browser);
		save("ref-3", browser);

		save("ref-4", browser);

		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);
		for (String ref : List.of("ref-2", "ref-3", "ref-4")) {
			assertThat(claim(ref, browser)).as(ref).isEqualTo(FlowClaim.GRANTED);
		}
	}

	@Test
	void saveFlowWhenExpiredFlowsAreThereThenTheyAreDroppedAndMaxAgeFollowsTheLastFlow() {
		Browser browser = browserWith("ref-1");
		this.clock.advance(FLOW_TIMEOUT.minusMinutes(1));
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.repository.saveFlow(flow("ref-2", this.clock.instant()), browser.request(), response);
		browser.receive(response);

		assertThat(setCookie(response, CookiePendingFlowRepository.FLOWS_COOKIE)).contains("; Max-Age=600");
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(claim("ref-1", browser)).isEqualTo(FlowClaim.UNKNOWN);
		assertThat(claim("ref-2", browser)).isEqualTo(FlowClaim.GRANTED);
	}

	@Test
	void saveFlowWhenAtTheDefaultLimitWithLongReferencesThenTheCookieStaysUnder4096Bytes() {
		CookiePendingFlowRepository atDefaults = repository(List.of(KEY), 5);
		Browser browser = new Browser("/a-rather-long-context-path");
		MockHttpServletResponse last = null;
		for (int i = 0; i < 5; i++) {
			last = new MockHttpServletResponse();
			atDefaults.saveFlow(flow(i + "-" + "R".repeat(126)), browser.request(), last);
			browser.receive(last);
		}

		String cookie = setCookie(last, CookiePendingFlowRepository.FLOWS_COOKIE);
		assertThat(cookie.length()).isLessThan(4096);
		for (int i = 0; i < 5; i++) {
			assertThat(atDefaults.loadFlow(i + "-" + "R".repeat(126), browser.request())).isNotNull();
		}
	}

	@Test
	void saveFlowWhenTheFlowsWouldNotFitInACookieThenTheOldestAreDroppedUntilTheyDo() {
		CookiePendingFlowRepository generous = repository(List.of(KEY), 100);
		Browser browser = new Browser("");
		MockHttpServletResponse last = null;
		for (int i = 0; i < 100; i++) {
			last = new MockHttpServletResponse();
			generous.saveFlow(flow("flow-" + i + "-" + "R".repeat(32)), browser.request(), last);
			browser.receive(last);
		}

		assertThat(setCookie(last, CookiePendingFlowRepository.FLOWS_COOKIE).length()).isLessThanOrEqualTo(4096);
		assertThat(generous.loadFlow("flow-99-" + "R".repeat(32), browser.request())).isNotNull();
		assertThat(generous.loadFlow("flow-0-" + "R".repeat(32), browser.request())).isNull();
	}

	@Test
	void constructorWhenAKeyIsNot32BytesOrNoneIsGivenThenRefused() {
		DescopeCookieSettings cookies = DescopeCookieSettings.DEFAULTS;
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookiePendingFlowRepository(List.of(KEY, new byte[16]), cookies, 3, this.clock))
			.withMessageContaining("key 1")
			.withMessageContaining("32 bytes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookiePendingFlowRepository(List.of(), cookies, 3, this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CookiePendingFlowRepository(List.of(KEY), cookies, 0, this.clock));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new CookiePendingFlowRepository(List.of(KEY), cookies, 3, Duration.ofSeconds(-1), this.clock));
	}

	private CookiePendingFlowRepository repository(List<byte[]> keys, int maxFlows) {
		return new CookiePendingFlowRepository(keys, DescopeCookieSettings.DEFAULTS, maxFlows, POLLING_INTERVAL,
				this.clock);
	}

	private Browser browserWith(String pendingRef) {
		Browser browser = new Browser("");
		save(pendingRef, browser);
		return browser;
	}

	private void save(String pendingRef, Browser browser) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.repository.saveFlow(flow(pendingRef), browser.request(), response);
		browser.receive(response);
	}

	private FlowClaim claim(String pendingRef, Browser browser) {
		return this.repository.claimFlow(pendingRef, browser.request(), new MockHttpServletResponse());
	}

	private static PendingFlow flow(String pendingRef) {
		return flow(pendingRef, NOW);
	}

	private static PendingFlow flow(String pendingRef, Instant createdAt) {
		return new PendingFlow(pendingRef, NotpMethod.SIGN_UP_OR_IN, createdAt, createdAt.plus(FLOW_TIMEOUT));
	}

	private static String kid(Browser browser) {
		String header = browser.cookies.get(CookiePendingFlowRepository.FLOWS_COOKIE).split("\\.")[0];
		String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
		return json.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
	}

	private static String setCookie(MockHttpServletResponse response, String name) {
		return response.getHeaders(HttpHeaders.SET_COOKIE)
			.stream()
			.filter((header) -> header.startsWith(name + "="))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no Set-Cookie for " + name));
	}

	/** The text with one base64url character changed to another. */
	private static String flipped(String text, int at) {
		char c = text.charAt(at);
		char other = (c == 'A') ? 'B' : 'A';
		return text.substring(0, at) + other + text.substring(at + 1);
	}

	private static byte[] key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	/**
	 * The cookies of one browser: each request carries the cookies the answers so far
	 * set, and a {@code Max-Age=0} answer removes one.
	 */
	private static final class Browser {

		final Map<String, String> cookies = new LinkedHashMap<>();

		private final String contextPath;

		Browser(String contextPath) {
			this.contextPath = contextPath;
		}

		MockHttpServletRequest request() {
			MockHttpServletRequest request = new MockHttpServletRequest("POST",
					this.contextPath + "/login/notp/session");
			request.setContextPath(this.contextPath);
			if (!this.cookies.isEmpty()) {
				request.setCookies(this.cookies.entrySet()
					.stream()
					.map((cookie) -> new Cookie(cookie.getKey(), cookie.getValue()))
					.toArray(Cookie[]::new));
			}
			return request;
		}

		void receive(MockHttpServletResponse response) {
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

	}

}
