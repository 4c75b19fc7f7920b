package com.descope.notp.security.session;

import java.util.ArrayList;
import java.util.List;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.RefreshResult;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeLogoutHandler}: what it revokes at Descope (this session, or
 * every session of the user), what it clears locally whatever Descope answers, and the
 * last-user cookie, and the token cookies a front end's Descope SDK wrote with script
 * where the starter keeps no tokens in cookies. The Descope emulator answers over real
 * HTTP and really revokes, so a revoked refresh JWT is then refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class DescopeLogoutHandlerTests {

	private static final String LOGOUT = "/v1/auth/logout";

	private static final String LOGOUT_ALL = "/v1/auth/logoutall";

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final List<Object> events = new ArrayList<>();

	private final HttpSessionDescopeTokenRepository tokens = new HttpSessionDescopeTokenRepository();

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/logout");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@AfterEach
	void stopEmulator() {
		this.descope.close();
	}

	@Test
	void logoutWhenTokensAreStoredThenThisSessionIsRevokedAtDescopeAndTheTokensRemoved() {
		DescopeTokens stored = signIn();
		String otherSession = this.descope.emulator().issueRefreshJwt(this.descope.alice());

		handler(DescopeSessionSettings.DEFAULTS, false).logout(this.request, this.response, authentication(stored));

		assertThat(this.descope.emulator().calls()).filteredOn((call) -> call.path().startsWith("/v1"))
			.singleElement()
			.satisfies((call) -> {
				assertThat(call.path()).isEqualTo(LOGOUT);
				assertThat(call.header(HttpHeaders.AUTHORIZATION)).endsWith(":" + stored.refreshJwt());
			});
		assertThat(refresh(stored.refreshJwt())).isInstanceOf(RefreshResult.Refused.class);
		assertThat(refresh(otherSession)).as("another session of the user").isInstanceOf(RefreshResult.Refreshed.class);
		assertThat(this.tokens.loadTokens(this.request)).isNull();
		assertThat(this.events).singleElement().isInstanceOfSatisfying(DescopeSessionTokenEvent.class, (event) -> {
			assertThat(event.getChange()).isEqualTo(DescopeSessionTokenEvent.Change.CLEARED);
			assertThat(event.getUserId()).isEqualTo(this.descope.alice().userId());
		});
	}

	@Test
	void logoutWhenEverywhereThenEverySessionOfTheUserIsRevoked() {
		DescopeTokens stored = signIn();
		String otherSession = this.descope.emulator().issueRefreshJwt(this.descope.alice());

		handler(DescopeSessionSettings.DEFAULTS, true).logout(this.request, this.response, authentication(stored));

		assertThat(this.descope.calls(LOGOUT_ALL)).isOne();
		assertThat(this.descope.calls(LOGOUT)).isZero();
		assertThat(refresh(stored.refreshJwt())).isInstanceOf(RefreshResult.Refused.class);
		assertThat(refresh(otherSession)).isInstanceOf(RefreshResult.Refused.class);
		assertThat(this.tokens.loadTokens(this.request)).isNull();
	}

	@Test
	void logoutWhenTheTokensAreInCookiesThenTheCookieRefreshJwtIsRevokedAndBothCookiesCleared() {
		DescopeTokens stored = this.descope.signIn();
		this.request.setCookies(new Cookie("DS", stored.sessionJwt()), new Cookie("DSR", stored.refreshJwt()));
		DescopeLogoutHandler handler = new DescopeLogoutHandler(this.descope.manager(),
				new CookieDescopeTokenRepository(DescopeCookieSettings.DEFAULTS), DescopeSessionSettings.DEFAULTS,
				this.events::add, false);

		handler.logout(this.request, this.response, authentication(stored));

		assertThat(refresh(stored.refreshJwt())).isInstanceOf(RefreshResult.Refused.class);
		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("DS=;").contains("Max-Age=0"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("DSR=;").contains("Max-Age=0"));
	}

	@Test
	void logoutWhenAFrontEndWroteTheSessionCookieInTheHttpSessionModeThenItIsClearedInEveryScope() {
		DescopeTokens stored = this.descope.signIn();
		this.request.setSession(new MockHttpSession());
		this.tokens.saveTokens(new DescopeTokens(stored.sessionJwt(), stored.refreshJwt(), stored.sessionExpiresAt(),
				null, "example.test", "/auth"), this.request, new MockHttpServletResponse());
		this.request.setServerName("app.example.test");
		this.request.setContextPath("/app");
		this.request.setCookies(new Cookie("DS", this.descope.emulator().issueSessionJwt(this.descope.alice())));

		handler(DescopeSessionSettings.DEFAULTS, false).logout(this.request, this.response, authentication(stored));

		assertThat(this.tokens.loadTokens(this.request)).isNull();
		assertThat(clearedScopes("DS")).containsExactlyInAnyOrder("host-only /auth", "host-only /app", "host-only /",
				"app.example.test /auth", "app.example.test /app", "app.example.test /", "example.test /auth",
				"example.test /app", "example.test /");
		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).filteredOn((cookie) -> cookie.startsWith("DS="))
			.allSatisfy((cookie) -> assertThat(cookie).startsWith("DS=;").contains("Max-Age=0", "Secure"));
		assertThat(clearedScopes("DSR")).as("no DSR cookie carried").isEmpty();
	}

	@Test
	void logoutWhenNothingIsStoredAndAFrontEndWroteRenamedTokenCookiesThenBothAreClearedUnderTheirNames() {
		DescopeCookieSettings renamed = new DescopeCookieSettings("APP_SESSION", "APP_REFRESH", "Strict", true, false,
				null);
		String sessionJwt = this.descope.emulator().issueSessionJwt(this.descope.alice());
		this.request.setCookies(new Cookie("APP_SESSION", sessionJwt),
				new Cookie("APP_REFRESH", this.descope.emulator().issueRefreshJwt(this.descope.alice())),
				new Cookie("DS", sessionJwt));
		DescopeLogoutHandler handler = new DescopeLogoutHandler(this.descope.manager(), new NoDescopeTokenRepository(),
				DescopeSessionSettings.DEFAULTS, this.events::add, false);
		handler.setCookieSettings(renamed);

		handler.logout(this.request, this.response, null);

		for (String name : new String[] { "APP_SESSION", "APP_REFRESH" }) {
			assertThat(clearedScopes(name)).as(name).containsExactly("host-only /");
			assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).as(name)
				.filteredOn((cookie) -> cookie.startsWith(name + "="))
				.singleElement()
				.satisfies((cookie) -> assertThat(cookie).startsWith(name + "=;")
					.contains("Max-Age=0", "SameSite=Strict")
					.doesNotContain("Secure"));
		}
		assertThat(clearedScopes("DS")).as("not a token cookie of this chain").isEmpty();
	}

	@Test
	void logoutWhenTheRequestCarriesNoTokenCookieThenNoneIsCleared() {
		signIn();

		handler(DescopeSessionSettings.DEFAULTS, false).logout(this.request, this.response, null);

		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("DLU=;"));
	}

	@Test
	void logoutWhenNoTokensAreStoredThenDescopeIsNotCalledAndLocalStateIsClearedAllTheSame() {
		handler(DescopeSessionSettings.DEFAULTS, false).logout(this.request, this.response, null);

		assertThat(this.descope.emulator().calls()).isEmpty();
		assertThat(this.request.getSession(false)).isNull();
		assertThat(lastUserCookie()).contains("Max-Age=0");
		assertThat(this.events).singleElement().isInstanceOfSatisfying(DescopeSessionTokenEvent.class, (event) -> {
			assertThat(event.getChange()).isEqualTo(DescopeSessionTokenEvent.Change.CLEARED);
			assertThat(event.getUserId()).isNull();
		});
	}

	@Test
	void logoutWhenDescopeFailsThenTheLocalSessionIsClearedAllTheSameAndTheWarningNamesNoToken(CapturedOutput output) {
		DescopeTokens stored = signIn();
		this.descope.emulator().enqueueFailure(LOGOUT, 500, null, null);

		handler(DescopeSessionSettings.DEFAULTS, false).logout(this.request, this.response, authentication(stored));

		assertThat(this.tokens.loadTokens(this.request)).isNull();
		assertThat(this.events).hasSize(1);
		assertThat(output).contains("Descope did not confirm the logout (HTTP 500")
			.doesNotContain(stored.refreshJwt())
			.doesNotContain(stored.sessionJwt());
	}

	@Test
	void logoutWhenTheLastUserIsKeptAfterLogoutThenItsCookieIsLeft() {
		signIn();
		DescopeSessionSettings keep = new DescopeSessionSettings(true,
				DescopeSessionSettings.DEFAULTS.refreshThreshold(), true, true);

		handler(keep, false).logout(this.request, this.response, null);

		assertThat(this.response.getHeaders(HttpHeaders.SET_COOKIE)).noneMatch((cookie) -> cookie.startsWith("DLU="));
	}

	@Test
	void logoutWhenTheLastUserIsForgottenThenItsCookieIsClearedSecureOnlyWhenTheCookieSettingsSaySo() {
		DescopeLogoutHandler secure = handler(DescopeSessionSettings.DEFAULTS, false);
		DescopeLogoutHandler plain = handler(DescopeSessionSettings.DEFAULTS, false);
		plain.setCookieSettings(new DescopeCookieSettings("DS", "DSR", "Lax", true, false, null));
		MockHttpServletResponse plainResponse = new MockHttpServletResponse();

		secure.logout(this.request, this.response, null);
		plain.logout(new MockHttpServletRequest("POST", "/logout"), plainResponse, null);

		assertThat(lastUserCookie()).contains("Max-Age=0", "Secure", "HttpOnly");
		assertThat(plainResponse.getHeader(HttpHeaders.SET_COOKIE)).startsWith("DLU=;")
			.contains("Max-Age=0")
			.doesNotContain("Secure");
	}

	private DescopeLogoutHandler handler(DescopeSessionSettings settings, boolean everywhere) {
		return new DescopeLogoutHandler(this.descope.manager(), this.tokens, settings, this.events::add, everywhere);
	}

	/**
	 * Signs Alice in: her tokens stored in the HTTP session of {@link #request}.
	 * @return the tokens
	 */
	private DescopeTokens signIn() {
		DescopeTokens stored = this.descope.signIn();
		this.request.setSession(new MockHttpSession());
		this.tokens.saveTokens(stored, this.request, new MockHttpServletResponse());
		return stored;
	}

	private DescopeAuthenticationToken authentication(DescopeTokens stored) {
		return new DescopeJwtAuthenticationConverter().convert(this.descope.decoder().decode(stored.sessionJwt()));
	}

	private RefreshResult refresh(String refreshJwt) {
		return this.descope.manager().refresh(refreshJwt, null);
	}

	/**
	 * The scopes the response clears a cookie in, each as its {@code Domain} (or
	 * {@code host-only}) and {@code Path}.
	 */
	private List<String> clearedScopes(String name) {
		List<String> scopes = new ArrayList<>();
		for (String cookie : this.response.getHeaders(HttpHeaders.SET_COOKIE)) {
			if (!cookie.startsWith(name + "=") || !cookie.contains("Max-Age=0")) {
				continue;
			}
			String domain = "host-only";
			String path = null;
			for (String attribute : cookie.split(";\\s*")) {
				if (attribute.startsWith("Domain=")) {
					domain = attribute.substring("Domain=".length());
				}
				else if (attribute.startsWith("Path=")) {
					path = attribute.substring("Path=".length());
				}
			}
			scopes.add(domain + " " + path);
		}
		return scopes;
	}

	private String lastUserCookie() {
		return this.response.getHeaders(HttpHeaders.SET_COOKIE)
			.stream()
			.filter((cookie) -> cookie.startsWith("DLU="))
			.findFirst()
			.orElseThrow();
	}

}
