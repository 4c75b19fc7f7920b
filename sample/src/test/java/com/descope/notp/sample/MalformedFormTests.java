package com.descope.notp.sample;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form bodies (and query strings) the servlet container cannot parse, over real HTTP:
 * each is the starter's own {@code 400} problem naming {@code body} (or {@code query}),
 * never Spring Boot's error JSON, with nothing sent to Descope and nothing of the input
 * echoed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
class MalformedFormTests extends SampleHttpTestSupport {

	static final String FORM = "application/x-www-form-urlencoded";

	static final String INVALID_REQUEST = "urn:descope-notp:problem:invalid-request";

	@ParameterizedTest
	@ValueSource(strings = { "loginId=%ZZ", "loginId=%2", "loginId=%", "method=sign-in&loginId=%ZZ",
			"loginId=%2B15555550100&user.name=%G1", "%ZZ=1" })
	void startWhenFormCannotBeParsedThenBadRequestNamingTheBodyAndNothingSent(String body) {
		long callsBefore = this.emulator.calls().size();

		Response response = this.browser.postRaw("/login/notp", FORM, body);

		assertInvalidBody(response, "body");
		assertThat(this.emulator.calls()).hasSize((int) callsBefore);
	}

	@ParameterizedTest
	@ValueSource(strings = { "pendingRef=%ZZ", "pendingRef=abc%", "pendingRef=%ZZabcdefghijklmnopqrstuvwxyz" })
	void completeWhenFormCannotBeParsedThenBadRequestNamingTheBodyAndNothingSent(String body) {
		SessionTestSupport.start(this.browser, Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
		long callsBefore = this.emulator.calls().size();

		Response response = this.browser.postRaw("/login/notp/session", FORM, body);

		assertInvalidBody(response, "body");
		assertThat(response.body()).doesNotContain("abcdefghijklmnopqrstuvwxyz");
		assertThat(this.emulator.calls()).hasSize((int) callsBefore);
	}

	@Test
	void refreshWhenFormCannotBeParsedThenBadRequestNamingTheBodyAndNothingSent() {
		long callsBefore = this.emulator.calls().size();

		Response response = this.browser.postRaw("/login/notp/refresh", FORM, "refreshJwt=%ZZ");

		assertInvalidBody(response, "body");
		assertThat(this.emulator.calls()).hasSize((int) callsBefore);
	}

	@Test
	void startWhenFormHasMoreParametersThanTheContainerAllowsThenBadRequestNamingTheBody() {
		String body = IntStream.range(0, 2000).mapToObj((i) -> "p" + i + "=1").collect(Collectors.joining("&"));
		long callsBefore = this.emulator.calls().size();

		Response response = this.browser.postRaw("/login/notp", FORM, body);

		assertInvalidBody(response, "body");
		assertThat(this.emulator.calls()).hasSize((int) callsBefore);
	}

	@Test
	void startWhenJsonBodyButQueryStringCannotBeParsedThenBadRequestNamingTheQuery() {
		long callsBefore = this.emulator.calls().size();

		Response response = this.browser.sendRaw("POST", "/login/notp?lastUser=%ZZ", "localhost:" + this.port,
				"application/json", "application/json",
				"{\"loginId\":\"" + SessionTestSupport.ALICE + "\",\"method\":\"sign-in\"}");

		assertInvalidBody(response, "query");
		assertThat(this.emulator.calls()).hasSize((int) callsBefore);
	}

	@Test
	void startWhenFormIsWellFormedThenStillAccepted() {
		Response response = this.browser.postRaw("/login/notp", FORM, "loginId=%2B15555550100&method=sign-in");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("pendingRef").asString()).isNotBlank();
	}

	private static void assertInvalidBody(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(SessionTestSupport.problemType(response)).isEqualTo(INVALID_REQUEST);
		assertThat(response.json().get("field").asString()).isEqualTo(field);
		assertThat(response.json().get("detail").asString()).isNotBlank();
		assertThat(response.json().has("timestamp")).as("not Spring Boot's error JSON").isFalse();
		assertThat(response.body()).doesNotContain("%ZZ", "Exception", "tomcat", "at org.");
	}

}
