package com.descope.notp.security.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.descope.notp.core.NotpAuthenticationToken;
import com.descope.notp.core.NotpInvalidRequestException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NotpAuthenticationConverter}: the {@code pendingRef} of a JSON or form
 * completion request becomes an unauthenticated {@link NotpAuthenticationToken}; a
 * missing or malformed one is a {@link NotpInvalidRequestException} naming the field the
 * failure handler answers {@code 400} with; an unreadable body an
 * {@link UncheckedIOException} the completion filter unwraps.
 */
class NotpAuthenticationConverterTests {

	private final NotpAuthenticationConverter converter = new NotpAuthenticationConverter();

	@Test
	void convertWhenJsonBodyThenUnauthenticatedTokenWithThePendingRef() {
		NotpAuthenticationToken token = this.converter.convert(json("{\"pendingRef\":\"P2ref-1_a.b~c\"}"));

		assertThat(token.getPendingRef()).isEqualTo("P2ref-1_a.b~c");
		assertThat(token.isAuthenticated()).isFalse();
	}

	@Test
	void convertWhenFormBodyThenTokenWithThePendingRef() {
		MockHttpServletRequest request = request(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		request.addParameter("pendingRef", "P2ref-1");

		assertThat(this.converter.convert(request).getPendingRef()).isEqualTo("P2ref-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"pendingRef\":\"\"}", "{\"pendingRef\":null}", "{\"pendingRef\":42}",
			"{\"pendingRef\":\"a b\"}", "{\"pendingRef\":\"ref/../x\"}", "{\"pendingRef\":\"ref\\nLocation: x\"}" })
	void convertWhenPendingRefMissingOrMalformedThenInvalidRequestNamingIt(String body) {
		assertThatExceptionOfType(NotpInvalidRequestException.class)
			.isThrownBy(() -> this.converter.convert(json(body)))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("pendingRef"));
	}

	@Test
	void convertWhenPendingRefLongerThanTheLimitThenInvalidRequestNamingIt() {
		String tooLong = "a".repeat(257);

		assertThatExceptionOfType(NotpInvalidRequestException.class)
			.isThrownBy(() -> this.converter.convert(json("{\"pendingRef\":\"" + tooLong + "\"}")))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("pendingRef"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(tooLong));
		assertThat(this.converter.convert(json("{\"pendingRef\":\"" + "a".repeat(256) + "\"}")).getPendingRef())
			.hasSize(256);
	}

	@Test
	void convertWhenFormSendsThePendingRefTwiceThenInvalidRequestNamingIt() {
		MockHttpServletRequest request = request(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		request.addParameter("pendingRef", "ref-1", "ref-2");

		assertThatExceptionOfType(NotpInvalidRequestException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("pendingRef"));
	}

	@Test
	void convertWhenBodyIsNotJsonThenInvalidRequestNamingTheBody() {
		assertThatExceptionOfType(NotpInvalidRequestException.class)
			.isThrownBy(() -> this.converter.convert(json("pendingRef=ref-1")))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("body"));
	}

	@Test
	void convertWhenBodyIsNeitherJsonNorFormThenInvalidRequestNamingTheContentType() {
		MockHttpServletRequest request = request(MediaType.TEXT_PLAIN_VALUE);
		request.setContent("ref-1".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(NotpInvalidRequestException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("Content-Type"));
	}

	@Test
	void convertWhenTheBodyCannotBeReadThenUncheckedIoExceptionWithTheCause() {
		IOException broken = new IOException("connection reset");
		MockHttpServletRequest request = new BrokenBodyRequest(broken);

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getCause()).isSameAs(broken));
	}

	private static MockHttpServletRequest json(String body) {
		MockHttpServletRequest request = request(MediaType.APPLICATION_JSON_VALUE);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static MockHttpServletRequest request(String contentType) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp/session");
		request.setContentType(contentType);
		return request;
	}

	/**
	 * A JSON completion request whose body fails mid-read, as when the client goes away.
	 */
	static final class BrokenBodyRequest extends MockHttpServletRequest {

		private final IOException failure;

		BrokenBodyRequest(IOException failure) {
			super("POST", "/login/notp/session");
			setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.failure = failure;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					throw BrokenBodyRequest.this.failure;
				}

				@Override
				public boolean isFinished() {
					return false;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

}
