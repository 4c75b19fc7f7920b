package com.descope.notp.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless Chromium driven by Debian's ChromeDriver, both by absolute path, so
 * Selenium Manager never looks for (or downloads) a browser or a driver. When either
 * program is missing the calling test class is skipped through a JUnit assumption, with a
 * warning in the log: the tests then show as skipped, never as passed. The paths can be
 * changed with the system properties {@code browser-tests.chromium} and
 * {@code browser-tests.chromedriver}.
 */
final class Chromium implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Chromium.class);

	static final Path CHROMIUM = Path.of(System.getProperty("browser-tests.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("browser-tests.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	final ChromeDriver driver;

	private final ChromeDriverService service;

	private final Path userDataDir;

	final String firstTab;

	private Chromium(ChromeDriver driver, ChromeDriverService service, Path userDataDir) {
		this.driver = driver;
		this.firstTab = driver.getWindowHandle();
		this.service = service;
		this.userDataDir = userDataDir;
	}

	/**
	 * Why the browser tests cannot run here, logged loudly, or {@code null} when Chromium
	 * and ChromeDriver are installed. Test classes call it once ({@code @BeforeAll}) and
	 * pass it to {@link #assumeRunnable} before every test, so that each test is reported
	 * as skipped (not as passed, and not silently left out).
	 * @param what the tests concerned, for the message
	 * @param extraProblem another reason not to run them, or {@code null}
	 * @return the reason, or {@code null}
	 */
	static String whyNotRunnable(String what, String extraProblem) {
		boolean chromium = Files.isExecutable(CHROMIUM);
		boolean driver = Files.isExecutable(CHROMEDRIVER);
		if (chromium && driver && extraProblem == null) {
			return null;
		}
		String reason = "BROWSER TESTS NOT RUN (" + what + "): " + (chromium ? "" : CHROMIUM + " is missing; ")
				+ (driver ? "" : CHROMEDRIVER + " is missing; ")
				+ ((chromium && driver) ? "" : "install Debian's packages: apt-get install -y chromium chromium-driver")
				+ ((extraProblem != null) ? ((chromium && driver) ? "" : "; ") + extraProblem : "");
		log.warn("*** {} ***", reason);
		System.err.println("\n*** " + reason + " ***\n");
		return reason;
	}

	/**
	 * Skips the calling test (JUnit assumption) when {@code reason} is not {@code null},
	 * or fails it when the system property {@code browser-tests.required} is {@code true}
	 * (as CI sets it), so that a green CI means the browser tests ran.
	 */
	static void assumeRunnable(String reason) {
		if (reason != null && Boolean.getBoolean("browser-tests.required")) {
			Assertions.fail(reason + " (browser-tests.required=true)");
		}
		Assumptions.assumeTrue(reason == null, reason);
	}

	/** A fresh headless Chromium (new empty profile) at a desktop size. */
	static Chromium start() {
		Path profile;
		try {
			profile = Files.createTempDirectory("chromium-profile-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
				"--disable-dev-shm-usage", "--window-size=1024,768", "--user-data-dir=" + profile);
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
		return new Chromium(driver, service, profile);
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15), Duration.ofMillis(100));
	}

	void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	Object js(String script, Object... args) {
		return this.driver.executeScript(script, args);
	}

	/** Saves a PNG of the current tab under {@code target/screenshots/}. */
	Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Saves a PNG of one element (the login card, say) under {@code target/screenshots/}.
	 */
	Path screenshot(String name, org.openqa.selenium.WebElement element) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(element.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes every tab but the first one and forgets the cookies, for the next test. */
	void reset() {
		String first = this.firstTab;
		for (String handle : this.driver.getWindowHandles()) {
			if (!handle.equals(first)) {
				this.driver.switchTo().window(handle).close();
			}
		}
		this.driver.switchTo().window(first);
		this.driver.manage().deleteAllCookies();
		resize(1024, 768);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			try (Stream<Path> files = Files.walk(this.userDataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary directory
			}
		}
	}

}
