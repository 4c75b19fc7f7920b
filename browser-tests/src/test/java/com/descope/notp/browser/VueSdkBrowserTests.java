package com.descope.notp.browser;

import org.junit.jupiter.api.BeforeAll;

/**
 * The Vue front end ({@code frontends/vue}: {@code @descope/vue-sdk}'s plugin configured
 * from the starter, {@code useDescope().notp}, the session JWT as a bearer token,
 * cross-origin) in headless Chromium, built by Vite and served from its own origin.
 */
class VueSdkBrowserTests extends FrontEndBrowserTests {

	@BeforeAll
	static void startChromium() {
		startChromium("Vue front end", FrontEnds.whyNotBuilt("vue", FrontEnds.dist("vue").resolve("index.html")));
	}

	@Override
	String sdkName() {
		return "vue";
	}

	@Override
	String origin() {
		return FrontEndServers.vue().origin();
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
