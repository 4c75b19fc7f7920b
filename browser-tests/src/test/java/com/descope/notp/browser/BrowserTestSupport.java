package com.descope.notp.browser;

import com.descope.notp.test.DescopeEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser tests share: one headless Chromium per test class (started by the
 * class's own {@code @BeforeAll} through {@link #startChromium}, closed after the class),
 * every test skipped, loudly, when Chromium cannot run here, the browser reset after each
 * test, and the sample application's port and Descope emulator (the development-time one:
 * each test class asks for it with {@code descope.dev-emulator.skip.in-tests=false},
 * since it stays off in tests otherwise).
 */
abstract class BrowserTestSupport {

	static final String ALICE = "+15555550100";

	static final String BOB = "+15555550101";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static @Nullable Chromium chromium;

	static @Nullable String notRunnable;

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	/**
	 * Starts Chromium for a test class, unless it cannot run here.
	 * @param suite what the class tests, for the skip message
	 * @param otherProblem another reason the class cannot run, or {@code null}
	 */
	static void startChromium(String suite, @Nullable String otherProblem) {
		notRunnable = Chromium.whyNotRunnable(suite, otherProblem);
		if (notRunnable == null) {
			chromium = Chromium.start();
		}
	}

	@AfterAll
	static void stopChromium() {
		if (chromium != null) {
			chromium.close();
			chromium = null;
		}
	}

	@BeforeEach
	void skipWithoutChromium() {
		Chromium.assumeRunnable(notRunnable);
	}

	@AfterEach
	void resetChromium() {
		if (chromium != null) {
			chromium.reset();
		}
	}

	/** The sample application's address of a path, on {@code localhost}. */
	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
