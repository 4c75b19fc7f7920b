package com.descope.notp.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The React front end ({@code frontends/react}: {@code @descope/react-sdk}'s
 * {@code AuthProvider} configured from the starter, {@code useDescope().notp}, the
 * session JWT as a bearer token, cross-origin) in headless Chromium, built by Vite and
 * served from its own origin.
 */
class ReactSdkBrowserTests extends FrontEndBrowserTests {

	static StaticFrontEnd frontEnd;

	static String backendUrl;

	@BeforeAll
	static void serveTheApp() {
		String notBuilt = FrontEnds.whyNotBuilt("react", FrontEnds.dist("react").resolve("index.html"));
		startChromium("React front end", notBuilt);
		if (notBuilt == null) {
			frontEnd = StaticFrontEnd.serve("react", () -> backendUrl);
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
		return "react";
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
