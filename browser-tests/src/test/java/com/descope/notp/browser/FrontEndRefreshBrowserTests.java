package com.descope.notp.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.descope.notp.test.PendingFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automatic refresh of the React, Vue and Next.js front ends, each in a window of its
 * own, side by side (the SDKs refresh 20 s before a session JWT expires, so a test of two
 * refreshes in a row takes some 45 s: one wait for the three): with a 42 s session JWT
 * from the emulator, each SDK refreshes the session twice in a row on its timer
 * (Descope's refresh answer carries no new refresh JWT, so the second refresh needs the
 * refresh JWT the SDK persisted at login, {@code persistTokens} of the starter's
 * configuration), and the app's next API call uses the newest session JWT while the first
 * one, expired, is refused by the backend.
 */
class FrontEndRefreshBrowserTests extends FrontEndTestSupport {

	static final Duration SESSION_TTL = Duration.ofSeconds(42);

	@BeforeAll
	static void startChromium() {
		List<String> problems = new ArrayList<>();
		for (String name : List.of("react", "vue")) {
			String problem = FrontEnds.whyNotBuilt(name, FrontEnds.dist(name).resolve("index.html"));
			if (problem != null) {
				problems.add(problem);
			}
		}
		String nextProblem = FrontEnds.whyNextjsNotRunnable();
		if (nextProblem != null) {
			problems.add(nextProblem);
		}
		startChromium("front ends' automatic refresh", problems.isEmpty() ? null : String.join("; ", problems));
	}

	@Test
	void sessionJwtWhenItNearsExpiryThenEachFrontEndRefreshesItTwiceInARowAndKeepsCallingTheApi() throws Exception {
		this.emulator.setSessionTokenTtl(SESSION_TTL);
		try {
			Map<String, App> apps = new LinkedHashMap<>();
			apps.put("react", new App(FrontEndServers.react().origin(), () -> localStorage("DS")));
			apps.put("vue", new App(FrontEndServers.vue().origin(), () -> localStorage("DS")));
			apps.put("nextjs", new App(next().origin(), () -> cookie("DS")));
			boolean first = true;
			for (App app : apps.values()) {
				if (!first) {
					chromium.driver.switchTo().newWindow(WindowType.WINDOW);
				}
				first = false;
				app.window = chromium.driver.getWindowHandle();
				app.signIn(ALICE);
			}

			// each app's SDK refreshes on its own timer: three session JWTs each (the
			// expiry the app shows), two refreshes in a row, without a click
			new WebDriverWait(chromium.driver, SESSION_TTL.multipliedBy(2).plusSeconds(20), Duration.ofMillis(500))
				.withMessage(() -> "session JWT expiries seen: " + apps)
				.until((driver) -> {
					boolean done = true;
					for (App app : apps.values()) {
						driver.switchTo().window(app.window);
						Long expiry = shownExpiry();
						if (expiry != null) {
							app.expiries.add(expiry);
						}
						done &= app.expiries.size() >= 3;
					}
					return done;
				});

			for (Map.Entry<String, App> entry : apps.entrySet()) {
				App app = entry.getValue();
				// the first session JWT has expired: the backend refuses it from then on
				long firstExpiry = app.expiries.iterator().next();
				assertThat(app.firstToken).as(entry.getKey() + " keeps its session JWT (persistTokens)").isNotBlank();
				chromium.waiting()
					.withTimeout(SESSION_TTL)
					.until((driver) -> System.currentTimeMillis() / 1000 > firstExpiry);
				assertThat(backendStatus(app.firstToken)).as(entry.getKey()).isEqualTo(401);

				chromium.driver.switchTo().window(app.window);
				chromium.driver.findElement(By.id("me")).click();
				assertThat(chromium.waiting()
					.until(ExpectedConditions.attributeToBe(By.id("me-answer"), "data-status", "200")))
					.as(entry.getKey() + " calls the API with its refreshed session")
					.isTrue();
				assertThat(refreshCalls(entry.getKey())).as(entry.getKey()).isGreaterThanOrEqualTo(2);
			}
		}
		finally {
			this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
			for (String handle : chromium.driver.getWindowHandles()) {
				chromium.driver.switchTo().window(handle);
				chromium.js("try { localStorage.clear(); } catch (e) { /* about:blank */ }");
				chromium.driver.manage().deleteAllCookies();
				chromium.driver.get("about:blank"); // stops the SDKs' refresh timers
			}
			chromium.driver.switchTo().window(chromium.firstTab);
		}
	}

	private long refreshCalls(String sdkName) {
		return this.emulator.calls()
			.stream()
			.filter((call) -> call.path().equals("/v1/auth/refresh"))
			.filter((call) -> sdkName.equals(call.header("x-descope-sdk-name")))
			.count();
	}

	private int backendStatus(String sessionJwt) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/me")))
				.header("Authorization", "Bearer " + sessionJwt)
				.header("Accept", "application/json")
				.build();
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * The session JWT's expiry the app shows, in epoch seconds, or {@code null} when it
	 * shows none (signed out). Read in one script: the element is replaced at each
	 * render.
	 */
	private static Long shownExpiry() {
		Object exp = chromium.js("var shown = document.getElementById('session-expires');"
				+ "return shown ? shown.getAttribute('data-exp') : null;");
		return (exp != null) ? Long.valueOf(exp.toString()) : null;
	}

	private static String localStorage(String key) {
		return (String) chromium.js("return localStorage.getItem(arguments[0]);", key);
	}

	private static String cookie(String name) {
		org.openqa.selenium.Cookie cookie = chromium.driver.manage().getCookieNamed(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

	/** One front end in its window, and the session JWTs it was seen holding. */
	final class App {

		final String origin;

		final Supplier<String> token;

		final Set<Long> expiries = new LinkedHashSet<>();

		String window;

		String firstToken;

		App(String origin, Supplier<String> token) {
			this.origin = origin;
			this.token = token;
		}

		void signIn(String phone) {
			chromium.driver.get(this.origin + "/");
			WebElement field = chromium.waiting()
				.withMessage(
						() -> this.origin + " showed: " + chromium.driver.findElement(By.tagName("body")).getText())
				.until(ExpectedConditions.elementToBeClickable(By.id("phone")));
			field.sendKeys(phone);
			chromium.driver.findElement(By.id("start")).click();
			chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("qr")));
			PendingFlow flow = FrontEndRefreshBrowserTests.this.emulator.lastFlow();
			FrontEndRefreshBrowserTests.this.emulator.confirm(flow.pendingRef(), phone);
			chromium.waiting().until(ExpectedConditions.attributeToBe(By.id("me-answer"), "data-status", "200"));
			this.expiries.add(chromium.waiting().until((driver) -> shownExpiry()));
			this.firstToken = this.token.get();
		}

		@Override
		public String toString() {
			return this.origin + " " + this.expiries;
		}

	}

}
