package com.descope.notp.browser;

import com.descope.notp.sample.SampleApplication;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the front-end test classes share: one sample application on the Descope emulator
 * (one application context for all of them), whose CORS configuration
 * ({@code sample.cors.allowed-origins}, the sample's own) allows the React and Vue apps'
 * origins ({@link FrontEndServers}), and the apps told where that application is.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false",
				// the tests sign the same numbers in more often than the default limit
				// allows; the limits are tested over HTTP in the sample
				"descope.notp.rate-limit.enabled=false",
				// an expired session JWT is refused at once
				"descope.jwt.clock-skew=0s" })
abstract class FrontEndTestSupport extends BrowserTestSupport {

	@DynamicPropertySource
	static void frontEndOrigins(DynamicPropertyRegistry registry) {
		registry.add("sample.cors.allowed-origins",
				() -> FrontEndServers.react().origin() + "," + FrontEndServers.vue().origin());
	}

	@BeforeEach
	void tellTheAppsWhereTheBackendIs() {
		FrontEndServers.backendUrl = url("");
	}

	/** The Next.js app, started on first use; its server side calls the sample. */
	NextServer next() {
		// the loopback address, as Node resolves it
		return FrontEndServers.next("http://127.0.0.1:" + this.port);
	}

}
