package com.descope.notp.sample;

import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every over-HTTP test of the sample needs: the server's port, the Descope emulator
 * the app runs on, and a fresh {@link Browser} per test. Subclasses declare their own
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = ...)}, with
 * {@code descope.dev-emulator.skip.in-tests=false} among the properties: the
 * development-time emulator stays off in tests unless asked.
 */
abstract class SampleHttpTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

}
