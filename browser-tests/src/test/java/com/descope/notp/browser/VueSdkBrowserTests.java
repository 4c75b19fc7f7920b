package com.descope.notp.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Vue front end ({@code frontends/vue}: {@code @descope/vue-sdk}'s plugin configured
 * from the starter, {@code useDescope().notp}, the session JWT as a bearer token,
 * cross-origin) in headless Chromium, built by Vite and served from its own origin.
 */
class VueSdkBrowserTests extends FrontEndBrowserTests {

	static StaticFrontEnd frontEnd;

	static String backendUrl;

	@BeforeAll
	static void serveTheApp() {
		String notBuilt = FrontEnds.whyNotBuilt("vue", FrontEnds.dist("vue").resolve("index.html"));
		startChromium("Vue front end", notBuilt);
		if (notBuilt == null) {
			frontEnd = StaticFrontEnd.serve("vue", () -> backendUrl);
		}
	}

	@AfterAll
	static void stopServing() {
		if (frontEnd != null) {
			frontEnd.close();
			frontEnd = null;
		}
	}

	@BeforeEach
	void backend() {
		backendUrl = url("");
	}

	@Override
	String sdkName() {
		return "vue";
	}

	@Override
	String origin() {
		return frontEnd.origin();
	}

	@Override
	String sessionToken() {
		return localStorage("DS");
	}

	@Override
	String refreshToken() {
		return localStorage("DSR");
	}

}
