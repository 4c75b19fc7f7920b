package com.descope.notp.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link DescopeAnswerReader}: every shape of answer Descope, its edge or a
 * proxy may give ({@code docs/descope-protocol.md}, "Errors"), read without a network.
 */
class DescopeAnswerReaderTests {

	private static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");

	private final DescopeAnswerReader reader = new DescopeAnswerReader(
			JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void readWhen2xxJsonThenData() throws IOException {
		DescopeResponse<DescopeUser> answer = this.reader.read(answer(200, "{\"userId\":\"U1\",\"unknown\":1}"),
				DescopeUser.class);

		assertThat(answer.ok()).isTrue();
		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.requireData().userId()).isEqualTo("U1");
	}

	@Test
	void readWhen2xxEmptyBodyThenReadAsEmptyObject() throws IOException {
		DescopeResponse<JwtResponse> answer = this.reader.read(answer(200, ""), JwtResponse.class);

		assertThat(answer.ok()).isTrue();
		assertThat(answer.requireData().hasSessionJwt()).isFalse();
	}

	@Test
	void readWhen2xxNotJsonThenInvalidResponseWithTheStatus() throws IOException {
		DescopeResponse<JwtResponse> answer = this.reader.read(answer(200, "<html>portal</html>"), JwtResponse.class);

		assertThat(answer.ok()).isFalse();
		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.error().errorCode()).isEqualTo(DescopeErrorCodes.INVALID_RESPONSE);
		assertThat(answer.isTransientFailure()).isTrue();
	}

	@Test
	void readWhen2xxJwtResponseWithEmptyTokensThenTokensFromSetCookie() throws IOException {
		MockClientHttpResponse response = answer(200, "{\"sessionJwt\":\"\",\"refreshJwt\":\"\"}");
		response.getHeaders().add(HttpHeaders.SET_COOKIE, "DS=session.jwt; Path=/; HttpOnly");
		response.getHeaders().add(HttpHeaders.SET_COOKIE, "DSR=refresh.jwt; Path=/; HttpOnly");

		JwtResponse jwt = this.reader.read(response, JwtResponse.class).requireData();

		assertThat(jwt.sessionJwt()).isEqualTo("session.jwt");
		assertThat(jwt.refreshJwt()).isEqualTo("refresh.jwt");
	}

	@Test
	void readWhenErrorBodyThenDescopesCodeDescriptionAndMessage() throws IOException {
		DescopeResponse<JwtResponse> answer = this.reader.read(
				answer(401,
						"{\"errorCode\":\"E066103\",\"errorDescription\":\"Pending\",\"errorMessage\":\"Not yet\"}"),
				JwtResponse.class);

		assertThat(answer.ok()).isFalse();
		assertThat(answer.code()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo(new DescopeError("E066103", "Pending", "Not yet", null));
		assertThat(answer.isPending()).isTrue();
	}

	@Test
	void readWhenErrorBodyHasMessageButNoErrorMessageThenMessage() throws IOException {
		DescopeError error = this.reader
			.read(answer(400, "{\"errorCode\":\"E011003\",\"message\":\"Bad ref\"}"), JwtResponse.class)
			.error();

		assertThat(error.errorCode()).isEqualTo("E011003");
		assertThat(error.errorMessage()).isEqualTo("Bad ref");
	}

	@Test
	void readWhenErrorBodyWithoutCodeThenTheStatusIsTheCode() throws IOException {
		DescopeError error = this.reader.read(answer(502, "{\"errorDescription\":\"Bad gateway\"}"), JwtResponse.class)
			.error();

		assertThat(error.errorCode()).isEqualTo("502");
		assertThat(error.errorDescription()).isEqualTo("Bad gateway");
	}

	@Test
	void readWhenErrorBodyNotAnObjectOrNotJsonThenTheStatusAlone() throws IOException {
		for (String body : new String[] { "[\"E1\"]", "<html>Bad gateway</html>", "", "\"E1\"" }) {
			DescopeError error = this.reader.read(answer(502, body), JwtResponse.class).error();

			assertThat(error).as(body).isEqualTo(new DescopeError("502", "Descope answered HTTP 502", null, null));
		}
	}

	@Test
	void readWhen429WithoutErrorBodyThenRateLimitedWithRetryAfterSeconds() throws IOException {
		MockClientHttpResponse response = answer(429, "");
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, "7");

		DescopeResponse<JwtResponse> answer = this.reader.read(response, JwtResponse.class);

		assertThat(answer.error().errorCode()).isEqualTo(DescopeErrorCodes.RATE_LIMITED);
		assertThat(answer.error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(answer.isTransientFailure()).isTrue();
	}

	@Test
	void readWhenRetryAfterIsAnHttpDateThenTheTimeUntilItByTheClock() throws IOException {
		MockClientHttpResponse response = answer(503, "{\"errorCode\":\"E000503\"}");
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, "Tue, 01 Sep 2026 10:00:30 GMT");

		DescopeError error = this.reader.read(response, JwtResponse.class).error();

		assertThat(error.errorCode()).isEqualTo("E000503");
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void readWhenContentLengthOverTheLimitThenInvalidResponseAndBodyNotRead() throws IOException {
		MockClientHttpResponse response = new MockClientHttpResponse(new UnreadableStream(), 200);
		response.getHeaders().setContentLength(DescopeAnswerReader.MAX_RESPONSE_BYTES + 1L);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, "3");

		DescopeResponse<JwtResponse> answer = this.reader.read(response, JwtResponse.class);

		assertThat(answer.ok()).isFalse();
		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.error().errorCode()).isEqualTo(DescopeErrorCodes.INVALID_RESPONSE);
		assertThat(answer.error().retryAfter()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void readWhenBodyWithoutLengthGrowsOverTheLimitThenInvalidResponse() throws IOException {
		byte[] body = new byte[DescopeAnswerReader.MAX_RESPONSE_BYTES + 1];

		DescopeResponse<JwtResponse> answer = this.reader.read(new MockClientHttpResponse(body, 401),
				JwtResponse.class);

		assertThat(answer.code()).isEqualTo(401);
		assertThat(answer.error().errorCode()).isEqualTo(DescopeErrorCodes.INVALID_RESPONSE);
	}

	@Test
	void readWhenBodyBreaksThenIOException() {
		MockClientHttpResponse response = new MockClientHttpResponse(new UnreadableStream(), 200);

		assertThatIOException().isThrownBy(() -> this.reader.read(response, JwtResponse.class));
	}

	private static MockClientHttpResponse answer(int status, String body) {
		MockClientHttpResponse response = new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), status);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
		return response;
	}

	/**
	 * A body that fails when read, as a connection that broke does.
	 */
	private static final class UnreadableStream extends InputStream {

		@Override
		public int read() throws IOException {
			throw new IOException("connection reset");
		}

		@Override
		public byte[] readNBytes(int len) throws IOException {
			throw new IOException("connection reset");
		}

	}

}
