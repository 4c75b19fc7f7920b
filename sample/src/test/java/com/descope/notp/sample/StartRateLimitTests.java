package com.descope.notp.sample;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.Deployment.Shape;
import com.descope.notp.sample.Deployment.StorageMode;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on starting logins, over real HTTP: every start makes Descope send a
 * WhatsApp message that the application's owner pays for, so the start past a limit is
 * {@code 429} problem+json ({@code urn:descope-notp:problem:rate-limited}) with
 * {@code Retry-After} in seconds, and a number of a denied country is {@code 400} on
 * {@code loginId}; neither reaches Descope. The per-number limit counts one number
 * however it is typed (national, international, with the US's {@code 011} prefix); the
 * per-address limit counts the address the proxy forwards
 * ({@code server.forward-headers-strategy}); the defaults apply when only
 * {@code descope.notp.rate-limit.enabled} is set. The application's clock stands still
 * during a test, so the wait until the next window is exact.
 */
class StartRateLimitTests {

	static final String START = "/v1/auth/notp/whatsapp/signup-in";

	static final String RATE_LIMITED = "urn:descope-notp:problem:rate-limited";

	/** Three starts per number in 10 minutes, no other limit; Jamaica denied. */
	static final Map<String, String> PER_NUMBER = Map.of("descope.notp.rate-limit.enabled", "true",
			"descope.notp.rate-limit.per-number.permits", "3", "descope.notp.rate-limit.per-number.period", "10m",
			"descope.notp.rate-limit.per-address.permits", "0", "descope.notp.rate-limit.global.permits", "0",
			"descope.notp.default-region", "US", "descope.notp.denied-regions", "JM");

	/** Two starts per address in 5 minutes, no other limit. */
	static final Map<String, String> PER_ADDRESS = Map.of("descope.notp.rate-limit.enabled", "true",
			"descope.notp.rate-limit.per-address.permits", "2", "descope.notp.rate-limit.per-address.period", "5m",
			"descope.notp.rate-limit.per-number.permits", "0", "descope.notp.rate-limit.global.permits", "0");

	/** The documented defaults. */
	static final Map<String, String> DEFAULTS = Map.of("descope.notp.rate-limit.enabled", "true");

	/**
	 * The last four digits of a number no other test has used: the root and proxy cells
	 * of one storage mode run on one application.
	 */
	private static final AtomicInteger numbers = new AtomicInteger(1000);

	static Stream<Deployment> perNumber() {
		return Deployment.all(PER_NUMBER);
	}

	static Stream<Deployment> perAddressBehindTheProxy() {
		return Stream.of(StorageMode.HTTP_SESSION, StorageMode.STATELESS)
			.map((mode) -> new Deployment(mode, Shape.PROXY, PER_ADDRESS));
	}

	static Stream<Deployment> defaults() {
		return Stream.of(new Deployment(StorageMode.HTTP_SESSION, Shape.ROOT, DEFAULTS));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("perNumber")
	void startWhenANumberHadItsStartsInTheWindowThenTheNextIsTooManyRequestsWithRetryAfter(Deployment deployment) {
		DescopeEmulator emulator = startStill(deployment);
		try {
			Browser browser = deployment.browser();
			String number = "+1555010" + numbers.incrementAndGet();
			for (int i = 0; i < 3; i++) {
				assertThat(start(browser, number).status()).isEqualTo(200);
			}
			long startsBefore = SessionTestSupport.calls(emulator, START);

			Response fourth = start(deployment.browser(), number);

			assertThat(fourth.status()).as(fourth.body()).isEqualTo(429);
			assertThat(SessionTestSupport.problemType(fourth)).isEqualTo(RATE_LIMITED);
			assertThat(fourth.json().get("detail").asString()).contains("phone number");
			assertThat(fourth.header("Retry-After")).as("the window began at the first start").contains("600");
			assertThat(fourth.body()).doesNotContain(number.substring(2));
			assertThat(SessionTestSupport.calls(emulator, START)).as("no call to Descope").isEqualTo(startsBefore);
			assertThat(start(browser, "+1555010" + numbers.incrementAndGet()).status()).as("another number")
				.isEqualTo(200);
		}
		finally {
			deployment.clock().reset();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("perNumber")
	void startWhenOneNumberIsTypedInSeveralFormatsThenTheyCountAsOneNumber(Deployment deployment) {
		DescopeEmulator emulator = startStill(deployment);
		try {
			Browser browser = deployment.browser();
			int last = numbers.incrementAndGet();
			assertThat(start(browser, "+1 555 010 " + last).status()).isEqualTo(200);
			assertThat(start(browser, "011 1 555 010 " + last).status()).isEqualTo(200);
			assertThat(start(browser, "(555) 010-" + last).status()).isEqualTo(200);
			assertThat(emulator.lastFlow().loginId()).isEqualTo("+1555010" + last);
			long startsBefore = SessionTestSupport.calls(emulator, START);

			Response fourth = start(browser, "1.555.010." + last);

			assertThat(fourth.status()).as(fourth.body()).isEqualTo(429);
			assertThat(fourth.header("Retry-After")).contains("600");
			assertThat(SessionTestSupport.calls(emulator, START)).isEqualTo(startsBefore);
		}
		finally {
			deployment.clock().reset();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("perNumber")
	void startWhenTheNumbersCountryIsDeniedThenBadRequestOnLoginIdBeforeAnyCallToDescope(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		long callsBefore = emulator.calls().size();

		Response refused = start(deployment.browser(), "+1 876 523 0123");

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(SessionTestSupport.problemType(refused)).isEqualTo("urn:descope-notp:problem:invalid-request");
		assertThat(refused.json().get("field").asString()).isEqualTo("loginId");
		assertThat(emulator.calls()).as("no call to Descope").hasSize((int) callsBefore);
		assertThat(start(deployment.browser(), "+1 201 555 0123").status()).as("a United States number").isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("perAddressBehindTheProxy")
	void startWhenTheForwardedAddressHadItsStartsThenTheNextIsTooManyRequestsAndOtherAddressesStart(
			Deployment deployment) {
		DescopeEmulator emulator = startStill(deployment);
		try {
			String address = "198.51.100." + (numbers.incrementAndGet() % 250);
			assertThat(start(deployment.browserAt(address), "+1555010" + numbers.incrementAndGet()).status())
				.isEqualTo(200);
			assertThat(start(deployment.browserAt(address), "+1555010" + numbers.incrementAndGet()).status())
				.isEqualTo(200);
			long startsBefore = SessionTestSupport.calls(emulator, START);

			Response third = start(deployment.browserAt(address), "+1555010" + numbers.incrementAndGet());

			assertThat(third.status()).as(third.body()).isEqualTo(429);
			assertThat(SessionTestSupport.problemType(third)).isEqualTo(RATE_LIMITED);
			assertThat(third.json().get("detail").asString()).contains("address");
			assertThat(third.header("Retry-After")).contains("300");
			assertThat(SessionTestSupport.calls(emulator, START)).isEqualTo(startsBefore);
			assertThat(start(deployment.browserAt("203.0.113." + (numbers.incrementAndGet() % 250)),
					"+1555010" + numbers.incrementAndGet())
				.status()).as("a client at another address").isEqualTo(200);
		}
		finally {
			deployment.clock().reset();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("defaults")
	void startWhenTheDefaultsApplyThenTheSixthStartForANumberInTenMinutesIsTooManyRequests(Deployment deployment) {
		startStill(deployment);
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(start(deployment.browser(), "+15550100199").status()).isEqualTo(200);
			}

			Response sixth = start(deployment.browser(), "+15550100199");

			assertThat(sixth.status()).as(sixth.body()).isEqualTo(429);
			assertThat(sixth.header("Retry-After")).contains("600");
		}
		finally {
			deployment.clock().reset();
		}
	}

	/**
	 * The deployment's emulator reset, and its application's clock standing still (a test
	 * resets it after).
	 */
	private static DescopeEmulator startStill(Deployment deployment) {
		DescopeEmulator emulator = deployment.resetEmulator();
		deployment.clock().standStill();
		return emulator;
	}

	private static Response start(Browser browser, String loginId) {
		return browser.postJson("/login/notp", Map.of("loginId", loginId, "method", "sign-up-or-in"));
	}

}
