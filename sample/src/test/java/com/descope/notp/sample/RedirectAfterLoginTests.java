package com.descope.notp.sample;

import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code redirectUrl} of a completed login, over real HTTP: the browser first asks
 * for a page (sent raw, so that nothing rewrites the request target or the {@code Host}
 * header), the request cache saves it, and the login answers it only when it is a path of
 * this application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedirectAfterLoginTests extends SampleHttpTestSupport {

	@Test
	void loginWhenAPageOfThisApplicationWasAskedForThenRedirectsThere() {
		Response first = this.browser.sendRaw("GET", "/api/me?next=https://evil.example", host(), "text/html", null,
				null);
		assertThat(first.status()).isEqualTo(302);

		assertThat(logIn()).isEqualTo("/api/me?next=https://evil.example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:443", "localhost.evil.example" })
	void loginWhenThePageWasAskedForUnderAnotherHostThenRedirectsToTheDefaultPage(String forgedHost) {
		Response first = this.browser.sendRaw("GET", "/api/me", forgedHost, "text/html", null, null);
		assertThat(first.status()).as("saved by the request cache").isEqualTo(302);

		assertThat(logIn()).isEqualTo("/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example/", "//evil.example/api/me", "/%2F%2Fevil.example", "/%2f%2fevil.example",
			"/%5Cevil.example", "/\\evil.example", "/api/me/..//evil.example", "/%09/evil.example",
			"http://evil.example/api/me" })
	void loginWhenAHostilePathWasAskedForThenRedirectsToTheDefaultPage(String requestTarget) {
		Response first = this.browser.sendRaw("GET", requestTarget, host(), "text/html", null, null);
		// most are refused by Spring Security's firewall before they can be saved; the
		// others are saved
		assertThat(first.status()).isIn(302, 400);

		assertThat(logIn()).isEqualTo("/");
	}

	private String logIn() {
		String pendingRef = SessionTestSupport.start(this.browser,
				Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		this.emulator.confirm(pendingRef);
		Response done = SessionTestSupport.poll(this.browser, pendingRef);
		assertThat(done.status()).isEqualTo(200);
		return done.json().get("redirectUrl").asString();
	}

	private String host() {
		return "localhost:" + this.port;
	}

}
