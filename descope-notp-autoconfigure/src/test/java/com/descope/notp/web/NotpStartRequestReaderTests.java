package com.descope.notp.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.LoginOptions;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.client.SignUpUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NotpStartRequestReader}.
 */
class NotpStartRequestReaderTests {

	private final NotpStartRequestReader reader = new NotpStartRequestReader(new PhoneNumberNormalizer(null),
			NotpMethod.SIGN_UP_OR_IN);

	@Test
	void readWhenJsonThenChecksEveryFieldAndNormalisesLoginId() throws IOException {
		NotpStartRequest request = this.reader.read(json("""
				{"loginId": " +1 (555) 010-0100 ", "method": "Sign-In",
				 "loginOptions": {"stepup": false, "mfa": null, "customClaims": {"plan": "gold", "seats": 3},
				  "templateOptions": {"greeting": "Hi"}, "templateId": "tmpl1", "tenantId": "T1tenant",
				  "revokeOtherSessions": true, "locale": "en"},
				 "providerId": "provider1", "somethingUnknown": 42}"""));

		assertThat(request.method()).isEqualTo(NotpMethod.SIGN_IN);
		assertThat(request.loginId()).isEqualTo("+15550100100");
		assertThat(request.loginOptions()).isEqualTo(new LoginOptions(false, null, Map.of("plan", "gold", "seats", 3),
				Map.of("greeting", "Hi"), "tmpl1", "T1tenant", true, null, "en"));
		assertThat(request.user()).isNull();
		assertThat(request.providerId()).isEqualTo("provider1");
	}

	@Test
	void readWhenJsonHasOnlyLoginIdThenDefaultMethodAndNoOptions() throws IOException {
		NotpStartRequest request = this.reader.read(json("{\"loginId\": \"\"}"));

		assertThat(request)
			.isEqualTo(new NotpStartRequest(NotpMethod.SIGN_UP_OR_IN, "", LoginOptions.NONE, null, null));
	}

	@Test
	void readWhenJsonSignUpWithUserThenUserKeptWithThePhone() throws IOException {
		NotpStartRequest request = this.reader.read(json("""
				{"loginId": "+15550100100", "method": "sign-up",
				 "user": {"name": " Carol New ", "givenName": "Carol", "email": "carol@example.com"}}"""));

		assertThat(request.method()).isEqualTo(NotpMethod.SIGN_UP);
		assertThat(request.user())
			.isEqualTo(new SignUpUser("Carol New", "Carol", null, null, "+15550100100", "carol@example.com"));
	}

	@Test
	void readWhenUserGivenWithoutSignUpThenUserDropped() throws IOException {
		NotpStartRequest request = this.reader
			.read(json("{\"method\": \"sign-in\", \"loginId\": \"+15550100100\", \"user\": {\"name\": \"Carol\"}}"));

		assertThat(request.user()).isNull();
	}

	@Test
	void readWhenStepUpWithSignInThenAccepted() throws IOException {
		NotpStartRequest request = this.reader
			.read(json("{\"method\": \"sign-in\", \"loginOptions\": {\"stepup\": true}}"));

		assertThat(request.loginOptions().requiresRefreshJwt()).isTrue();
	}

	@Test
	void readWhenFormThenReadsDottedNames() throws IOException {
		MockHttpServletRequest http = form();
		http.addParameter("loginId", "+1 555 0100 100");
		http.addParameter("method", "sign-up");
		http.addParameter("loginOptions.locale", "pt-BR");
		http.addParameter("loginOptions.tenantId", "T1tenant");
		http.addParameter("loginOptions.templateId", "tmpl1");
		http.addParameter("loginOptions.revokeOtherSessions", "on");
		http.addParameter("user.name", "Carol New");
		http.addParameter("user.email", "carol@example.com");
		http.addParameter("providerId", "provider1");

		NotpStartRequest request = this.reader.read(http);

		assertThat(request.method()).isEqualTo(NotpMethod.SIGN_UP);
		assertThat(request.loginId()).isEqualTo("+15550100100");
		assertThat(request.loginOptions())
			.isEqualTo(new LoginOptions(null, null, null, null, "tmpl1", "T1tenant", true, null, "pt-BR"));
		assertThat(request.user())
			.isEqualTo(new SignUpUser("Carol New", null, null, null, "+15550100100", "carol@example.com"));
		assertThat(request.providerId()).isEqualTo("provider1");
	}

	@Test
	void readWhenFormEmptyThenDefaults() throws IOException {
		NotpStartRequest request = this.reader.read(form());

		assertThat(request.method()).isEqualTo(NotpMethod.SIGN_UP_OR_IN);
		assertThat(request.loginId()).isEmpty();
		assertThat(request.user()).isNull();
		assertThat(request.loginOptions().requiresRefreshJwt()).isFalse();
	}

	@Test
	void readWhenMethodUnknownThenRejectsMethod() {
		assertRejected(json("{\"method\": \"sign-sideways\"}"), "method");
		MockHttpServletRequest http = form();
		http.addParameter("method", "signin");
		assertRejected(http, "method");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"loginId": 15550100100}                                     | loginId
			{"loginId": ["+15550100100"]}                                | loginId
			{"method": true}                                             | method
			{"loginOptions": []}                                         | loginOptions
			{"loginOptions": "stepup"}                                   | loginOptions
			{"loginOptions": {"stepup": "yes"}}                          | loginOptions.stepup
			{"loginOptions": {"mfa": 1}}                                 | loginOptions.mfa
			{"loginOptions": {"revokeOtherSessions": "true"}}            | loginOptions.revokeOtherSessions
			{"loginOptions": {"customClaims": "x"}}                      | loginOptions.customClaims
			{"loginOptions": {"customClaims": [1, 2]}}                   | loginOptions.customClaims
			{"loginOptions": {"templateOptions": {"greeting": 1}}}       | loginOptions.templateOptions
			{"loginOptions": {"templateOptions": ["x"]}}                 | loginOptions.templateOptions
			{"loginOptions": {"templateId": 7}}                          | loginOptions.templateId
			{"loginOptions": {"tenantId": {}}}                           | loginOptions.tenantId
			{"loginOptions": {"locale": false}}                          | loginOptions.locale
			{"method": "sign-up", "user": "Carol"}                       | user
			{"method": "sign-up", "user": {"name": 42}}                  | user.name
			{"method": "sign-up", "user": {"email": ["a@example.com"]}}  | user.email
			{"providerId": {}}                                           | providerId
			""")
	void readWhenJsonFieldHasWrongTypeThenRejectsThatField(String body, String field) {
		assertRejected(json(body), field);
	}

	@Test
	void readWhenFormBooleanMalformedThenRejectsThatField() {
		MockHttpServletRequest http = form();
		http.addParameter("method", "sign-in");
		http.addParameter("loginOptions.stepup", "maybe");

		assertRejected(http, "loginOptions.stepup");
	}

	@Test
	void readWhenValueTooLongThenRejectsThatField() {
		assertRejected(json("{\"loginOptions\": {\"tenantId\": \"" + "t".repeat(129) + "\"}}"),
				"loginOptions.tenantId");
		MockHttpServletRequest http = form();
		http.addParameter("user.name", "n".repeat(257));
		assertRejected(http, "user.name");
	}

	@Test
	void readWhenBodyLargerThanSixteenKibThenRejectsBody() {
		String body = "{\"loginId\": \"\", \"padding\": \"" + "x".repeat(16 * 1024) + "\"}";

		assertRejected(json(body), "body");
	}

	@Test
	void readWhenBodyMalformedOrNotAnObjectThenRejectsBody() {
		assertRejected(json("{\"loginId\": "), "body");
		assertRejected(json("{'loginId': '+15550100100'}"), "body");
		assertRejected(json("[\"+15550100100\"]"), "body");
		assertRejected(json("\"+15550100100\""), "body");
		assertRejected(json(""), "body");
	}

	@Test
	void readWhenCustomClaimsDeeplyNestedThenRejected() {
		String nested = "{\"a\": ".repeat(64) + "1" + "}".repeat(64);

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.reader.read(json("{\"loginOptions\": {\"customClaims\": " + nested + "}}")));
	}

	@Test
	void readWhenCustomClaimsTooLargeThenRejectsCustomClaims() {
		StringBuilder many = new StringBuilder("{");
		for (int i = 0; i < 33; i++) {
			many.append((i > 0) ? ", " : "").append("\"k").append(i).append("\": ").append(i);
		}
		many.append('}');
		String big = "{\"k\": \"" + "v".repeat(4000) + "\", \"l\": \"" + "w".repeat(200) + "\"}";

		assertRejected(json("{\"loginOptions\": {\"customClaims\": " + many + "}}"), "loginOptions.customClaims");
		assertRejected(json("{\"loginOptions\": {\"customClaims\": " + big + "}}"), "loginOptions.customClaims");
	}

	@Test
	void readWhenStepUpOrMfaWithoutSignInThenRejected() {
		assertRejected(json("{\"method\": \"sign-up\", \"loginOptions\": {\"stepup\": true}}"), "loginOptions.stepup");
		assertRejected(json("{\"loginOptions\": {\"mfa\": true}}"), "loginOptions.stepup");
		MockHttpServletRequest http = form();
		http.addParameter("method", "sign-up-or-in");
		http.addParameter("loginOptions.stepup", "true");
		assertRejected(http, "loginOptions.stepup");
	}

	@Test
	void readWhenEmailMalformedThenRejectsUserEmail() {
		for (String email : List.of("carol", "carol@", "@example.com", "carol@example", "carol@@example.com",
				"carol smith@example.com")) {
			assertRejected(json("{\"method\": \"sign-up\", \"user\": {\"email\": \"" + email + "\"}}"), "user.email");
		}
		MockHttpServletRequest http = form();
		http.addParameter("method", "sign-up");
		http.addParameter("user.email", "not-an-email");
		assertRejected(http, "user.email");
	}

	@Test
	void readWhenLoginIdNotAPhoneNumberThenRejectsLoginId() {
		assertRejected(json("{\"loginId\": \"alice@example.com\"}"), "loginId");
		MockHttpServletRequest http = form();
		http.addParameter("loginId", "15550100100");
		assertRejected(http, "loginId");
	}

	@Test
	void readWhenContentTypeIsJsonVariantThenReadAsJson() throws IOException {
		MockHttpServletRequest http = json("{\"loginId\": \"+15550100100\", \"method\": \"sign-in\"}");
		http.setContentType("application/vnd.api+json;charset=UTF-8");

		assertThat(this.reader.read(http).method()).isEqualTo(NotpMethod.SIGN_IN);
	}

	@Test
	void readWhenContentTypeNeitherJsonNorFormThenRejectsContentType() {
		MockHttpServletRequest plain = json("{\"loginId\": \"+15550100100\"}");
		plain.setContentType("text/plain");
		assertRejected(plain, "Content-Type");
		MockHttpServletRequest none = json("{\"loginId\": \"+15550100100\"}");
		none.setContentType(null);
		assertRejected(none, "Content-Type");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"loginOptions\": {\"tenantId\": \"T1\\u0000\"}}|loginOptions.tenantId",
					"{\"providerId\": \"a\\r\\nb\"}|providerId",
					"{\"method\": \"sign-up\", \"user\": {\"name\": \"a\\u202eb\"}}|user.name",
					"{\"loginOptions\": {\"locale\": \"<script>\"}}|loginOptions.locale" })
	void readWhenTextHasControlCharactersOrJunkThenRejectsThatField(String body, String field) {
		assertRejected(json(body), field);
	}

	@Test
	void readWhenJsonRepeatsAMemberThenRejectsBody() {
		assertRejected(json("{\"loginId\": \"+15550100101\", \"loginId\": \"+15550100100\"}"), "body");
	}

	@Test
	void readWhenFormRepeatsAParameterThenRejectsThatParameter() {
		MockHttpServletRequest http = form();
		http.addParameter("loginId", "+15550100101", "+15550100100");
		assertRejected(http, "loginId");
	}

	@Test
	void readWhenLoginIdLongerThanFourKibThenRejectsLoginIdNotBody() {
		assertRejected(json("{\"loginId\": \"" + "1".repeat(5000) + "\"}"), "loginId");
	}

	private void assertRejected(MockHttpServletRequest request, String field) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.reader.read(request))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo(field));
	}

	private static MockHttpServletRequest json(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static MockHttpServletRequest form() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");
		request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		return request;
	}

}
