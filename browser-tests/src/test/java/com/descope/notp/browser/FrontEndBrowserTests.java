package com.descope.notp.browser;

import java.time.Duration;

import com.descope.notp.test.PendingFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each sample front end of {@code frontends/} must do in a real browser, driving its
 * own Descope SDK against the sample application and the Descope emulator: sign up, sign
 * in, an admin-only call refused for a plain user, sign out. Each subclass serves one
 * front end, built by its own toolchain, on its own origin; the app reads its SDK
 * configuration from the starter at start-up ({@code GET /login/notp/config}). The
 * automatic refresh of all three is {@link FrontEndRefreshBrowserTests}.
 */
abstract class FrontEndBrowserTests extends FrontEndTestSupport {

	/** The name the front end's SDK sends in {@code x-descope-sdk-name}. */
	abstract String sdkName();

	/** The running front end's origin. */
	abstract String origin();

	/** The session JWT the front end holds now, or {@code null}. */
	abstract String sessionToken();

	/** The refresh JWT the front end holds now, or {@code null}. */
	abstract String refreshToken();

	@AfterEach
	void forgetTheSession() {
		if (chromium != null) {
			chromium.js("try { localStorage.clear(); } catch (e) { /* about:blank */ }");
			chromium.driver.manage().deleteAllCookies();
			chromium.driver.get("about:blank");
		}
	}

	@Test
	void signUpWhenANewNumberIsConfirmedThenTheApiKnowsTheNewUser() throws Exception {
		String phone = String.format("+1555%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
		assertThat(this.emulator.findUserByLoginId(phone)).isEmpty();
		open();
		PendingFlow flow = start(phone);
		assertThat(flow.method()).isEqualTo("signup-in");
		WebElement qr = id("qr");
		assertThat(qr.getAttribute("src")).startsWith("data:image/png;base64,");
		assertThat((Long) chromium.js("return arguments[0].naturalWidth;", qr)).as("the QR code decodes")
			.isGreaterThan(0L);
		assertThat(id("whatsapp-link").getAttribute("href")).isEqualTo(flow.redirectUrl())
			.startsWith(this.emulator.baseUrl());
		chromium.screenshot(sdkName() + "-qr", chromium.driver.findElement(By.tagName("main")));
		assertThat(this.emulator.calls()).anySatisfy((call) -> {
			assertThat(call.path()).isEqualTo("/v1/auth/notp/whatsapp/signup-in");
			assertThat(call.header("x-descope-sdk-name")).isEqualTo(sdkName());
		});

		this.emulator.confirm(flow.pendingRef(), phone);
		JsonNode me = answer("me-answer", 200);
		assertThat(me.get("userId").asString())
			.isEqualTo(this.emulator.findUserByLoginId(phone).orElseThrow().userId());
	}

	@Test
	void signInWhenAnAdminIsConfirmedThenMeAndAdminAnswer() throws Exception {
		open();
		PendingFlow flow = start(ALICE);
		this.emulator.confirm(flow.pendingRef(), ALICE);
		JsonNode me = answer("me-answer", 200);
		assertThat(me.get("userId").asString())
			.isEqualTo(this.emulator.findUserByLoginId(ALICE).orElseThrow().userId());
		assertThat(sessionToken()).isNotBlank();

		id("admin").click();
		assertThat(answer("admin-answer", 200).get("message").asString()).isEqualTo("Hello, admin");
	}

	@Test
	void adminWhenAPlainUserIsSignedInThenRefused() {
		open();
		PendingFlow flow = start(BOB);
		this.emulator.confirm(flow.pendingRef(), BOB);
		answer("me-answer", 200);

		id("admin").click();
		answer("admin-answer", 403);
	}

	@Test
	void signOutThenTheRefreshTokenIsRevokedAndTheAppStaysSignedOut() {
		open();
		PendingFlow flow = start(ALICE);
		this.emulator.confirm(flow.pendingRef(), ALICE);
		answer("me-answer", 200);
		String refreshToken = refreshToken();
		assertThat(refreshToken).isNotBlank();

		id("sign-out").click();
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
		assertThat(this.emulator.calls()).anySatisfy((call) -> {
			assertThat(call.path()).isEqualTo("/v1/auth/logout");
			assertThat(call.header("x-descope-sdk-name")).isEqualTo(sdkName());
		});
		assertThat(sessionToken()).isNullOrEmpty();
		assertThat(refreshToken()).isNullOrEmpty();

		// a new page load asks Descope for a session again: the revoked refresh JWT is
		// gone
		open();
		assertThat(chromium.driver.findElements(By.id("signed-in"))).isEmpty();
	}

	/** Opens the front end and waits for it to read its configuration and show itself. */
	void open() {
		chromium.driver.get(origin() + "/");
		chromium.waiting()
			.withMessage(() -> "the app showed: " + chromium.driver.findElement(By.tagName("body")).getText())
			.until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("phone")),
					ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")),
					ExpectedConditions.visibilityOfElementLocated(By.id("config-error"))));
		assertThat(chromium.driver.findElements(By.id("config-error"))).as("the configuration was read").isEmpty();
	}

	/**
	 * Types a number, asks for the WhatsApp login and waits for the QR code.
	 * @return the flow the emulator started for it
	 */
	PendingFlow start(String phone) {
		int flowsBefore = this.emulator.flows().size();
		WebElement field = id("phone");
		field.clear();
		field.sendKeys(phone);
		id("start").click();
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("qr")));
		assertThat(this.emulator.flows()).hasSize(flowsBefore + 1);
		return this.emulator.lastFlow();
	}

	/** Waits for the app to show the backend's answer, and reads its JSON body. */
	JsonNode answer(String id, int status) {
		WebElement answer = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#" + id + "[data-status]")));
		assertThat(answer.getAttribute("data-status")).as(answer.getText()).isEqualTo(Integer.toString(status));
		String text = answer.getText();
		String body = text.substring(text.indexOf(' ') + 1);
		return (status == 200) ? JSON.readTree(body) : JSON.readTree("{}");
	}

	WebElement id(String id) {
		return chromium.waiting()
			.withTimeout(Duration.ofSeconds(15))
			.until(ExpectedConditions.elementToBeClickable(By.id(id)));
	}

	/** A value of the page's local storage, or {@code null}. */
	static String localStorage(String key) {
		return (String) chromium.js("return localStorage.getItem(arguments[0]);", key);
	}

	/** A cookie of the page's host, or {@code null}. */
	static String cookie(String name) {
		org.openqa.selenium.Cookie cookie = chromium.driver.manage().getCookieNamed(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

}
