package com.descope.notp.security.session;

import java.util.List;

import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.DescopeUser;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeUserService}: the current user from the request's
 * authentication, and the user loaded afresh from the Descope emulator (over real HTTP)
 * with the stored refresh JWT, or a {@code 401} without calling Descope when none is
 * stored.
 */
class DescopeUserServiceTests {

	private static final String ME = "/v1/auth/me";

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final HttpSessionDescopeTokenRepository tokens = new HttpSessionDescopeTokenRepository();

	private final DescopeUserService service = new DescopeUserService(this.descope.client(), this.tokens);

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");

	@BeforeEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@AfterEach
	void tearDown() {
		SecurityContextHolder.clearContext();
		this.descope.close();
	}

	@Test
	void currentUserWhenAuthenticatedByDescopeThenThePrincipalOfTheSessionJwt() {
		DescopeTokens stored = this.descope.signIn();
		DescopeAuthenticationToken authentication = new DescopeJwtAuthenticationConverter()
			.convert(this.descope.decoder().decode(stored.sessionJwt()));
		SecurityContextHolder.setContext(new SecurityContextImpl(authentication));

		assertThat(this.service.currentUser()).hasValueSatisfying((user) -> {
			assertThat(user.userId()).isEqualTo(this.descope.alice().userId());
			assertThat(user.roles()).containsExactlyInAnyOrder("admin", "user");
		});
	}

	@Test
	void currentUserWhenNotAuthenticatedByDescopeThenEmpty() {
		assertThat(this.service.currentUser()).isEmpty();

		SecurityContextHolder.setContext(new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.authenticated("operator", null, AuthorityUtils.createAuthorityList("ROLE_OPERATOR"))));

		assertThat(this.service.currentUser()).isEmpty();
	}

	@Test
	void refreshUserWhenARefreshJwtIsStoredThenTheUserFromDescope() {
		DescopeTokens stored = store(this.descope.signIn());

		DescopeResponse<DescopeUser> answer = this.service.refreshUser(this.request);

		assertThat(answer.ok()).isTrue();
		assertThat(answer.data().userId()).isEqualTo(this.descope.alice().userId());
		assertThat(answer.data().name()).isEqualTo("Alice Admin");
		assertThat(this.descope.emulator().calls()).filteredOn((call) -> call.path().equals(ME))
			.singleElement()
			.satisfies(
					(call) -> assertThat(call.header(HttpHeaders.AUTHORIZATION)).endsWith(":" + stored.refreshJwt()));
	}

	@Test
	void refreshUserWhenTheStoredRefreshJwtWasRevokedThenDescopesRefusal() {
		DescopeTokens stored = store(this.descope.signIn());
		assertThat(this.descope.client().logout(stored.refreshJwt()).ok()).isTrue();

		DescopeResponse<DescopeUser> answer = this.service.refreshUser(this.request);

		assertThat(answer.ok()).isFalse();
		assertThat(answer.code()).isEqualTo(401);
		assertThat(this.descope.calls(ME)).isOne();
	}

	@Test
	void refreshUserWhenNoRefreshJwtIsStoredThen401WithoutCallingDescope() {
		DescopeResponse<DescopeUser> none = this.service.refreshUser(this.request);
		store(new DescopeTokens(this.descope.signIn().sessionJwt(), null));
		DescopeResponse<DescopeUser> sessionJwtOnly = this.service.refreshUser(this.request);

		for (DescopeResponse<DescopeUser> answer : List.of(none, sessionJwtOnly)) {
			assertThat(answer.ok()).isFalse();
			assertThat(answer.code()).isEqualTo(401);
			assertThat(answer.error().errorCode()).isEqualTo("G030003");
		}
		assertThat(this.descope.calls(ME)).isZero();
	}

	private DescopeTokens store(DescopeTokens stored) {
		this.request.setSession(new MockHttpSession());
		this.tokens.saveTokens(stored, this.request, new MockHttpServletResponse());
		return stored;
	}

}
