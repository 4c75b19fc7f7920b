package com.descope.notp.browser;

import org.junit.jupiter.api.BeforeAll;

/**
 * The React front end ({@code frontends/react}: {@code @descope/react-sdk}'s
 * {@code AuthProvider} configured from the starter, {@code useDescope().notp}, the
 * session JWT as a bearer token, cross-origin) in headless Chromium, built by Vite and
 * served from its own origin.
 */
class ReactSdkBrowserTests extends FrontEndBrowserTests {

	@BeforeAll
	static void startChromium() {
		startChromium("React front end", FrontEnds.whyNotBuilt("react", FrontEnds.dist("react").resolve("index.html")));
	}

	@Override
	String sdkName() {
		return "react";
	}

	@Override
	String origin() {
		return FrontEndServers.react().origin();
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
