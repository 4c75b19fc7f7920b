package com.descope.notp.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SetCookieTokens}: tokens taken from {@code DS} / {@code DSR} cookies,
 * or from the cookies a body names, only where the body has none
 * ({@code docs/descope-protocol.md}, "Tokens in Set-Cookie").
 */
class SetCookieTokensTests {

	private static final List<String> COOKIES = List.of("DS=session.cookie; Path=/; HttpOnly; Secure",
			"DSR=refresh.cookie; Path=/; Max-Age=2592000; HttpOnly; Secure");

	@Test
	void fillWhenBodyHasBothTokensThenTheSameResponse() {
		JwtResponse body = jwt("session.body", "refresh.body", null, null);

		assertThat(SetCookieTokens.fill(body, COOKIES)).isSameAs(body);
	}

	@Test
	void fillWhenBodyTokensEmptyThenBothFromCookies() {
		JwtResponse filled = SetCookieTokens.fill(jwt("", "", null, null), COOKIES);

		assertThat(filled.sessionJwt()).isEqualTo("session.cookie");
		assertThat(filled.refreshJwt()).isEqualTo("refresh.cookie");
	}

	@Test
	void fillWhenOnlyRefreshMissingThenSessionFromBodyAndRefreshFromCookie() {
		JwtResponse filled = SetCookieTokens.fill(jwt("session.body", null, null, null), COOKIES);

		assertThat(filled.sessionJwt()).isEqualTo("session.body");
		assertThat(filled.refreshJwt()).isEqualTo("refresh.cookie");
	}

	@Test
	void fillWhenBodyNamesTheCookiesThenThoseAreRead() {
		List<String> cookies = List.of("DS=wrong", "DSR=wrong", " app_session = session.named ; Path=/",
				"app_refresh=refresh.named");

		JwtResponse filled = SetCookieTokens.fill(jwt(null, null, "app_refresh", "app_session"), cookies);

		assertThat(filled.sessionJwt()).isEqualTo("session.named");
		assertThat(filled.refreshJwt()).isEqualTo("refresh.named");
	}

	@Test
	void fillWhenCookieEmptyOrAbsentOrOnlyAPrefixOfTheNameThenNoToken() {
		List<String> cookies = List.of("DS=; Max-Age=0", "DSRX=refresh.other", "=nameless");

		JwtResponse filled = SetCookieTokens.fill(jwt(null, null, null, null), cookies);

		assertThat(filled.sessionJwt()).isNull();
		assertThat(filled.refreshJwt()).isNull();
	}

	@Test
	void fillWhenTheSameCookieTwiceThenTheFirst() {
		JwtResponse filled = SetCookieTokens.fill(jwt(null, null, null, null),
				List.of("DS=first", "DS=second", "DSR=refresh"));

		assertThat(filled.sessionJwt()).isEqualTo("first");
	}

	private static JwtResponse jwt(String sessionJwt, String refreshJwt, String cookieName, String sessionCookieName) {
		return new JwtResponse(sessionJwt, refreshJwt, null, "/", null, null, null, null, null, null, cookieName,
				sessionCookieName);
	}

}
