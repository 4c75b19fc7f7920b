package com.descope.notp.browser;

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.descope.notp.sample.SampleApplication;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's path through the starter's login page ({@code GET /login/notp}) of the
 * sample application, in headless Chromium, against the Descope emulator and its stand-in
 * WhatsApp page.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false",
				// the tests sign the same number in more often than the default limit
				// allows; the limits are tested over HTTP in the sample
				"descope.notp.rate-limit.enabled=false" })
class LoginPageBrowserTests extends BrowserTestSupport {

	@BeforeAll
	static void startChromium() {
		startChromium("login page", null);
	}

	@Test
	void loginWhenConfirmedOnTheWhatsAppPageThenBackOnTheRequestedPageSignedIn() throws Exception {
		open("/api/me");
		assertThat(chromium.driver.getCurrentUrl()).isEqualTo(url("/login/notp"));
		assertThat(chromium.driver.getTitle()).isEqualTo("Sign in with WhatsApp");
		chromium.screenshot("login-page");
		chromium.screenshot("login-page-card", chromium.driver.findElement(By.tagName("main")));

		submitNumber(ALICE);
		waitForQrCode();
		assertThat(id("status").getText()).contains("Waiting for your WhatsApp message");
		chromium.screenshot("qr-state");
		assertSameOriginResourcesOnly();

		WebElement link = id("whatsapp-link");
		assertThat(link.getAttribute("href")).startsWith(this.emulator.baseUrl() + "/");
		link.click();
		String whatsAppTab = switchToNewTab();
		assertThat(chromium.driver.findElement(By.id("phone")).getAttribute("value")).isEqualTo(ALICE);
		chromium.screenshot("whatsapp-stand-in");
		chromium.driver.findElement(By.cssSelector("button[type=submit]")).click();
		chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Confirmed"));
		chromium.driver.close();
		assertThat(whatsAppTab).isNotEqualTo(chromium.firstTab);
		chromium.driver.switchTo().window(chromium.firstTab);

		JsonNode me = waitForSignedInUser();
		assertThat(me.get("phone").asString()).isEqualTo(ALICE);
		assertThat(me.get("loginIds").get(0).asString()).isEqualTo(ALICE);
		assertThat(me.get("roles").toString()).contains("admin");
		chromium.screenshot("logged-in");
	}

	@Test
	void loginWhenNoNumberEnteredThenTheWhatsAppSenderIsSignedIn() throws Exception {
		open("/api/me");
		submitNumber("");
		waitForQrCode();
		id("whatsapp-link").click();
		switchToNewTab();
		WebElement phone = chromium.driver.findElement(By.id("phone"));
		assertThat(phone.getAttribute("value")).isEqualTo(DescopeEmulator.DEFAULT_WHATSAPP_PHONE);
		assertThat(chromium.driver.findElement(By.cssSelector("label[for=phone]")).getText()).isNotBlank();
		phone.clear();
		phone.sendKeys(BOB);
		chromium.driver.findElement(By.cssSelector("button[type=submit]")).click();
		chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Confirmed"));
		chromium.driver.close();
		chromium.driver.switchTo().window(chromium.firstTab);

		JsonNode me = waitForSignedInUser();
		assertThat(me.get("phone").asString()).isEqualTo(BOB);
		assertThat(me.get("roles").toString()).doesNotContain("admin");
	}

	@Test
	void startWhenNumberInvalidThenFieldErrorOnThePage() {
		open("/login/notp");
		long flowsBefore = this.emulator.flows().size();
		submitNumber("not a phone");
		WebElement error = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("loginId-error")));
		assertThat(error.getText()).contains("country code");
		assertThat(error.getAttribute("role")).isEqualTo("alert");
		assertThat(id("loginId").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(id("loginId").getAttribute("aria-describedby")).contains("loginId-error");
		assertThat(chromium.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("loginId");
		assertThat(id("qr").isDisplayed()).isFalse();
		assertThat(this.emulator.flows()).hasSize((int) flowsBefore);
		chromium.screenshot("invalid-number");

		id("loginId").clear();
		submitNumber(ALICE);
		waitForQrCode();
		assertThat(id("loginId-error").isDisplayed()).isFalse();
	}

	@Test
	void loginWhenFlowExpiredThenTryAgainState() {
		open("/api/me");
		submitNumber(ALICE);
		waitForQrCode();
		String pendingRef = this.emulator.lastFlow().pendingRef();
		this.emulator.expire(pendingRef);

		WebElement failed = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("failed")));
		assertThat(failed.findElement(By.id("failed-message")).getText()).contains("expired").contains("try again");
		assertThat(id("qr").isDisplayed()).isFalse();
		WebElement retry = id("retry");
		assertThat(retry.getText()).isEqualTo("Try again");
		chromium.screenshot("expired");

		retry.click();
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("loginId")));
		submitNumber(ALICE);
		waitForQrCode();
		this.emulator.confirm(this.emulator.lastFlow().pendingRef());
		assertThat(waitForSignedInUser().get("phone").asString()).isEqualTo(ALICE);
	}

	@Test
	void logoutWhenPostedByScriptWithTheCsrfCookieThenLoginPageWithSignedOutNotice() throws Exception {
		open("/api/me");
		submitNumber(ALICE);
		waitForQrCode();
		this.emulator.confirm(this.emulator.lastFlow().pendingRef());
		waitForSignedInUser();

		// what a front end does: POST /logout with the CSRF cookie's value in the header
		// (csrf.spa())
		chromium.js("""
				var token = (document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/) || [])[1];
				fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'follow',
				  headers: { 'X-XSRF-TOKEN': decodeURIComponent(token || '') } })
				  .then(function (r) { window.location.assign(r.url); });
				""");
		chromium.waiting().until(ExpectedConditions.urlToBe(url("/login/notp?logout")));
		WebElement notice = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
		assertThat(notice.getText()).isEqualTo("You have been signed out.");
		chromium.screenshot("signed-out");

		open("/api/me");
		assertThat(chromium.driver.getCurrentUrl()).isEqualTo(url("/login/notp"));
		assertThat(id("signed-out").isDisplayed()).isFalse();
	}

	@Test
	void logoutWhenSignOutButtonOnTheHomePageThenLoginPageWithSignedOutNotice() {
		open("/api/me");
		submitNumber(ALICE);
		waitForQrCode();
		this.emulator.confirm(this.emulator.lastFlow().pendingRef());
		waitForSignedInUser();

		open("/");
		chromium.driver.findElement(By.xpath("//form[@action='/logout']//button[normalize-space()='Sign out']"))
			.click();
		chromium.waiting().until(ExpectedConditions.urlToBe(url("/login/notp?logout")));
		assertThat(
				chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out"))).getText())
			.isEqualTo("You have been signed out.");
		open("/api/me");
		assertThat(chromium.driver.getCurrentUrl()).isEqualTo(url("/login/notp"));
	}

	@Test
	void loginPageWhenPhoneSizedViewportThenFitsAndWorks() throws Exception {
		chromium.resize(390, 844);
		open("/api/me");
		long innerWidth = (Long) chromium.js("return window.innerWidth;");
		assertThat(innerWidth).isLessThanOrEqualTo(390);
		assertNoHorizontalScrolling();
		assertInsideViewport(id("loginId"));
		assertInsideViewport(id("continue"));
		assertThat(id("continue").getSize().getHeight()).isGreaterThanOrEqualTo(40);
		chromium.screenshot("login-page-phone");

		submitNumber(ALICE);
		waitForQrCode();
		assertNoHorizontalScrolling();
		assertInsideViewport(id("qr-image"));
		assertInsideViewport(id("whatsapp-link"));
		chromium.screenshot("qr-state-phone");
		this.emulator.confirm(this.emulator.lastFlow().pendingRef());
		assertThat(waitForSignedInUser().get("phone").asString()).isEqualTo(ALICE);
	}

	@Test
	void loginPageWhenLoadedThenAccessibleAndSelfContained() {
		open("/login/notp");
		assertThat(chromium.js("return document.documentElement.lang;")).isEqualTo("en");
		assertThat(chromium.driver.findElement(By.cssSelector("label[for=loginId]")).getText())
			.isEqualTo("Phone number");
		assertThat(id("loginId").getAttribute("type")).isEqualTo("tel");
		assertThat(id("loginId").getAttribute("autocomplete")).isEqualTo("tel");
		assertThat(chromium.driver.findElements(By.cssSelector("script[src], link[rel=stylesheet], link[href^=http]")))
			.isEmpty();
		submitNumber(ALICE);
		waitForQrCode();
		assertThat(id("qr-image").getAttribute("alt")).isNotBlank();
		assertThat(id("status").getAttribute("aria-live")).isEqualTo("polite");
		assertThat(chromium.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("qr-heading");
		assertSameOriginResourcesOnly();
	}

	private void open(String path) {
		chromium.driver.get(url(path));
	}

	private WebElement id(String id) {
		return chromium.driver.findElement(By.id(id));
	}

	private void submitNumber(String phone) {
		WebElement field = chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("loginId")));
		field.clear();
		field.sendKeys(phone);
		id("continue").click();
	}

	private void waitForQrCode() {
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("qr")));
		chromium.waiting()
			.until((driver) -> (Boolean) chromium
				.js("var i = document.getElementById('qr-image'); return i.complete && i.naturalWidth > 0;"));
		assertThat((Long) chromium.js("return document.getElementById('qr-image').naturalWidth;")).isGreaterThan(100);
		assertThat(id("qr-image").getAttribute("src")).startsWith("data:image/png;base64,");
		WebElement link = id("whatsapp-link");
		assertThat(link.isDisplayed()).isTrue();
		assertThat(link.getText()).isEqualTo("Open WhatsApp");
		assertThat(link.getAttribute("target")).isEqualTo("_blank");
	}

	private String switchToNewTab() {
		chromium.waiting().until(ExpectedConditions.numberOfWindowsToBe(2));
		Set<String> handles = chromium.driver.getWindowHandles();
		String other = handles.stream().filter((h) -> !h.equals(chromium.firstTab)).findFirst().orElseThrow();
		chromium.driver.switchTo().window(other);
		chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("phone")));
		assertThat(chromium.driver.getCurrentUrl()).startsWith(this.emulator.baseUrl() + "/");
		return other;
	}

	/**
	 * The login tab goes by itself (it polls) to the page first asked for, which shows
	 * the user as JSON.
	 */
	private JsonNode waitForSignedInUser() {
		chromium.waiting().until(ExpectedConditions.urlToBe(url("/api/me")));
		chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "userId"));
		String body = (String) chromium
			.js("var p = document.querySelector('pre'); " + "return p ? p.textContent : document.body.textContent;");
		String text = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
		return JSON.readTree(text);
	}

	private void assertSameOriginResourcesOnly() {
		String origin = (String) chromium.js("return window.location.origin;");
		@SuppressWarnings("unchecked")
		List<String> names = (List<String>) chromium
			.js("return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
		assertThat(names).isNotEmpty()
			.allSatisfy((name) -> assertThat(name.startsWith(origin + "/") || name.startsWith("data:"))
				.as("resource %s is same-origin or data:", name)
				.isTrue());
		assertThat(URI.create(origin).getHost()).isEqualTo("localhost");
	}

	private void assertNoHorizontalScrolling() {
		long scrollWidth = (Long) chromium.js("return document.documentElement.scrollWidth;");
		long clientWidth = (Long) chromium.js("return document.documentElement.clientWidth;");
		assertThat(scrollWidth).isLessThanOrEqualTo(clientWidth);
	}

	private void assertInsideViewport(WebElement element) {
		@SuppressWarnings("unchecked")
		List<Number> box = (List<Number>) chromium
			.js("var r = arguments[0].getBoundingClientRect(); return [r.left, r.right, window.innerWidth];", element);
		assertThat(box.get(0).doubleValue()).isGreaterThanOrEqualTo(0);
		assertThat(box.get(1).doubleValue()).isLessThanOrEqualTo(box.get(2).doubleValue());
		assertThat(element.isDisplayed()).isTrue();
	}

}
