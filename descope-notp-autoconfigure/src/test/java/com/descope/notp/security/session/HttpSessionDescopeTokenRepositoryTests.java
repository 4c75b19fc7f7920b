package com.descope.notp.security.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpSessionDescopeTokenRepository}: tokens kept in the HTTP session
 * only (nothing reaches the browser but the session cookie), no session created to read
 * or remove, and the tokens surviving the session's serialization (Spring Session, a
 * cluster). The tokens are real ones of the Descope emulator.
 */
class HttpSessionDescopeTokenRepositoryTests {

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final HttpSessionDescopeTokenRepository repository = new HttpSessionDescopeTokenRepository();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@AfterEach
	void stopEmulator() {
		this.descope.close();
	}

	@Test
	void storageThenHttpSession() {
		assertThat(this.repository.storage()).isEqualTo(DescopeTokenStorage.HTTP_SESSION);
	}

	@Test
	void loadTokensWhenNoSessionThenNoneAndNoSessionCreated() {
		MockHttpServletRequest request = new MockHttpServletRequest();

		assertThat(this.repository.loadTokens(request)).isNull();
		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void saveTokensThenALaterRequestOfTheSessionLoadsThemAndNoCookieIsWritten() {
		DescopeTokens tokens = this.descope.signIn();
		MockHttpServletRequest login = new MockHttpServletRequest();

		this.repository.saveTokens(tokens, login, this.response);

		assertThat(login.getSession(false)).as("created to keep them").isNotNull();
		assertThat(this.response.getCookies()).isEmpty();
		assertThat(this.response.getHeaderNames()).isEmpty();
		MockHttpServletRequest later = new MockHttpServletRequest();
		later.setSession(login.getSession());
		assertThat(this.repository.loadTokens(later)).isEqualTo(tokens);
		assertThat(this.repository.loadTokens(new MockHttpServletRequest())).as("another browser").isNull();
	}

	@Test
	void saveTokensWhenSavedAgainThenTheNewTokensReplaceTheOld() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		this.repository.saveTokens(this.descope.signIn(), request, this.response);
		DescopeTokens refreshed = this.descope.signIn();

		this.repository.saveTokens(refreshed, request, this.response);

		assertThat(this.repository.loadTokens(request)).isEqualTo(refreshed);
	}

	@Test
	void removeTokensThenNoneAndTheRestOfTheSessionKept() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		this.repository.saveTokens(this.descope.signIn(), request, this.response);
		request.getSession().setAttribute("pending-login", "kept");

		this.repository.removeTokens(request, this.response);

		assertThat(this.repository.loadTokens(request)).isNull();
		assertThat(((MockHttpSession) request.getSession(false)).isInvalid()).isFalse();
		assertThat(request.getSession(false).getAttribute("pending-login")).isEqualTo("kept");
	}

	@Test
	void removeTokensWhenNoSessionThenNoneCreated() {
		MockHttpServletRequest request = new MockHttpServletRequest();

		this.repository.removeTokens(request, this.response);

		assertThat(request.getSession(false)).isNull();
	}

	@Test
	void loadTokensWhenTheAttributeHoldsSomethingElseThenNone() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.getSession().setAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE, "not tokens");

		assertThat(this.repository.loadTokens(request)).isNull();
	}

	@Test
	void loadTokensWhenTheSessionWasSerializedAndRestoredThenTheSameTokens() throws Exception {
		DescopeTokens signedIn = this.descope.signIn();
		DescopeTokens tokens = new DescopeTokens(signedIn.sessionJwt(), signedIn.refreshJwt(),
				signedIn.sessionExpiresAt(), Instant.now().plusSeconds(3600), "example.test", "/app");
		MockHttpServletRequest request = new MockHttpServletRequest();
		this.repository.saveTokens(tokens, request, this.response);
		Object attribute = request.getSession().getAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE);

		MockHttpServletRequest restored = new MockHttpServletRequest();
		restored.getSession().setAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE, roundTrip(attribute));

		assertThat(this.repository.loadTokens(restored)).isEqualTo(tokens);
	}

	private static Object roundTrip(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			return in.readObject();
		}
	}

}
