package com.descope.notp.security.session;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NoDescopeTokenRepository} ({@code descope.persist-tokens=false}):
 * nothing kept on the server nor sent to the browser, so every request must bring its own
 * bearer token.
 */
class NoDescopeTokenRepositoryTests {

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final NoDescopeTokenRepository repository = new NoDescopeTokenRepository();

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@AfterEach
	void stopEmulator() {
		this.descope.close();
	}

	@Test
	void storageThenNone() {
		assertThat(this.repository.storage()).isEqualTo(DescopeTokenStorage.NONE);
	}

	@Test
	void saveTokensThenNothingIsKeptNorWritten() {
		DescopeTokens tokens = this.descope.signIn();

		this.repository.saveTokens(tokens, this.request, this.response);

		assertThat(this.repository.loadTokens(this.request)).isNull();
		assertThat(this.request.getSession(false)).isNull();
		assertThat(this.response.getHeaderNames()).isEmpty();
		assertThat(this.response.getContentAsByteArray()).isEmpty();
	}

	@Test
	void removeTokensThenNothingIsTouched() {
		this.request.getSession().setAttribute("pending-login", "kept");

		this.repository.removeTokens(this.request, this.response);

		assertThat(this.request.getSession(false).getAttribute("pending-login")).isEqualTo("kept");
		assertThat(this.response.getHeaderNames()).isEmpty();
	}

}
