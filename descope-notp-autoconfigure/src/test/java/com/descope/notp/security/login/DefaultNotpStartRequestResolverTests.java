package com.descope.notp.security.login;

import java.nio.charset.StandardCharsets;

import com.descope.notp.client.LoginOptions;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.LastAuthenticatedUser;
import com.descope.notp.web.LastAuthenticatedUserCookies;
import com.descope.notp.web.NotpStartRequestReader;
import com.descope.notp.web.PhoneNumberNormalizer;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DefaultNotpStartRequestResolver}: the body's checked start request,
 * and the default page's "continue as", which sends {@code lastUser=true} instead of the
 * number and takes it from the {@link LastAuthenticatedUser} cookie, only when asked to
 * and only when no number was sent.
 */
class DefaultNotpStartRequestResolverTests {

	private static final String ALICE = "+15555550100";

	private final DefaultNotpStartRequestResolver resolver = new DefaultNotpStartRequestResolver(
			new NotpStartRequestReader(new PhoneNumberNormalizer(null), NotpMethod.SIGN_UP_OR_IN));

	@Test
	void resolveWhenTheBodyNamesANumberThenTheCheckedRequestWithTheNumberNormalised() throws Exception {
		MockHttpServletRequest request = json("{\"loginId\":\" +1 (555) 555-0101 \",\"method\":\"sign-in\"}");

		assertThat(this.resolver.resolve(request))
			.isEqualTo(new NotpStartRequest(NotpMethod.SIGN_IN, "+15555550101", LoginOptions.NONE, null, null));
	}

	@Test
	void resolveWhenLastUserAskedForAndRememberedThenTheRememberedNumberWithTheRestOfTheRequest() throws Exception {
		MockHttpServletRequest request = form("lastUser", "true", "method", "sign-in", "loginOptions.locale", "pt-BR",
				"providerId", "provider1");
		remember(request, ALICE);

		NotpStartRequest start = this.resolver.resolve(request);

		assertThat(start.loginId()).isEqualTo(ALICE);
		assertThat(start.method()).isEqualTo(NotpMethod.SIGN_IN);
		assertThat(start.loginOptions().locale()).isEqualTo("pt-BR");
		assertThat(start.providerId()).isEqualTo("provider1");
	}

	@Test
	void resolveWhenLastUserAskedForAndNoneRememberedThenInvalidRequestNamingLastUser() {
		MockHttpServletRequest request = form("lastUser", "true", "method", "sign-in");

		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.resolver.resolve(request))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("lastUser"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-base64!", "e30", "eyJsb2dpbklkIjoiYWxpY2UifQ" })
	void resolveWhenLastUserAskedForAndTheCookieIsUnreadableThenInvalidRequestNamingLastUser(String cookie) {
		MockHttpServletRequest request = form("lastUser", "true", "method", "sign-in");
		request.setCookies(new Cookie(LastAuthenticatedUser.COOKIE_NAME, cookie));

		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.resolver.resolve(request))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("lastUser"));
	}

	@Test
	void resolveWhenANumberIsSentWithLastUserThenTheSentNumberWins() throws Exception {
		MockHttpServletRequest request = form("lastUser", "true", "loginId", "+15555550101");
		remember(request, ALICE);

		assertThat(this.resolver.resolve(request).loginId()).isEqualTo("+15555550101");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "false", "1" })
	void resolveWhenLastUserNotAskedForThenTheRememberedNumberIsNotUsed(String lastUser) throws Exception {
		MockHttpServletRequest request = form("lastUser", lastUser, "method", "sign-in");
		remember(request, ALICE);

		assertThat(this.resolver.resolve(request).loginId()).isEmpty();
	}

	@Test
	void resolveWhenTheBodyIsInvalidThenInvalidRequestNamingTheFieldEvenWithLastUser() {
		MockHttpServletRequest request = form("lastUser", "true", "loginId", "not a number");
		remember(request, ALICE);

		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.resolver.resolve(request))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("loginId"));
	}

	@Test
	void constructorWhenNoReaderThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DefaultNotpStartRequestResolver(null));
	}

	/**
	 * Puts the cookie {@link LastAuthenticatedUser#save} writes on the request, as the
	 * browser sends it back.
	 */
	private static void remember(MockHttpServletRequest request, String loginId) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		LastAuthenticatedUserCookies.save(new LastAuthenticatedUser(loginId, "Alice Admin"), request, response, false);
		Cookie cookie = response.getCookie(LastAuthenticatedUser.COOKIE_NAME);
		assertThat(cookie).isNotNull();
		request.setCookies(new Cookie(cookie.getName(), cookie.getValue()));
	}

	private static MockHttpServletRequest json(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static MockHttpServletRequest form(String... namesAndValues) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");
		request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			request.addParameter(namesAndValues[i], namesAndValues[i + 1]);
		}
		return request;
	}

}
