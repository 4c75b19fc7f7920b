package com.descope.notp.sample;

import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code redirectUrl} of a completed login, over real HTTP: the browser first asks
 * for a page (sent raw, so that nothing rewrites the request target or the {@code Host}
 * header), the request cache saves it, and the login answers it only when it is a path of
 * this application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
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

	/**
	 * Each hostile target with the status it gets: Spring Security's firewall refuses
	 * most ({@code 400}) before the request cache can save them; the one it lets through
	 * is saved ({@code 302} to the login page) and then refused as a redirect target.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			//evil.example/            | 400
			//evil.example/api/me      | 400
			/%2F%2Fevil.example        | 400
			/%2f%2fevil.example        | 400
			/%5Cevil.example           | 400
			/\\evil.example           | 400
			/api/me/..//evil.example   | 400
			/%09/evil.example          | 302
			http://evil.example/api/me | 400
			""")
	void loginWhenAHostilePathWasAskedForThenRedirectsToTheDefaultPage(String requestTarget, int status) {
		Response first = this.browser.sendRaw("GET", requestTarget, host(), "text/html", null, null);

		assertThat(first.status()).as(requestTarget).isEqualTo(status);
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
