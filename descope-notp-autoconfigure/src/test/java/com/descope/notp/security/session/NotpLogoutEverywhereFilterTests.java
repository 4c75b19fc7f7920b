package com.descope.notp.security.session;

import java.util.ArrayList;
import java.util.List;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.RefreshResult;
import com.descope.notp.security.Collaborators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotpLogoutEverywhereFilter}, built as {@code sessionTokens()} builds
 * it: {@code POST /logout/all} revokes every session of the user at the Descope emulator
 * (over real HTTP), clears the local session and redirects; other requests pass.
 */
class NotpLogoutEverywhereFilterTests {

	private final EmulatedDescope descope = EmulatedDescope.start();

	private final HttpSessionDescopeTokenRepository tokens = new HttpSessionDescopeTokenRepository();

	private final MockHttpSession session = new MockHttpSession();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final MockFilterChain chain = new MockFilterChain();

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
	void doFilterWhenPostToTheLogoutEverywhereUrlThenEverySessionIsRevokedAndTheBrowserSentToTheLoginPage()
			throws Exception {
		DescopeTokens stored = signIn();
		String otherSession = this.descope.emulator().issueRefreshJwt(this.descope.alice());
		MockHttpServletRequest request = request("POST", "/logout/all");

		filter(handlers()).doFilter(request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getRedirectedUrl()).isEqualTo("/login/notp?logout");
		assertThat(this.descope.calls("/v1/auth/logoutall")).isOne();
		assertThat(this.descope.manager().refresh(stored.refreshJwt(), null)).isInstanceOf(RefreshResult.Refused.class);
		assertThat(this.descope.manager().refresh(otherSession, null)).isInstanceOf(RefreshResult.Refused.class);
		assertThat(this.session.isInvalid()).isTrue();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void doFilterWhenNotAPostToTheLogoutEverywhereUrlThenPassesThroughRevokingNothing() throws Exception {
		signIn();

		for (MockHttpServletRequest request : List.of(request("GET", "/logout/all"), request("POST", "/logout"))) {
			MockFilterChain chain = new MockFilterChain();
			filter(handlers()).doFilter(request, new MockHttpServletResponse(), chain);
			assertThat(chain.getRequest()).isSameAs(request);
		}

		assertThat(this.descope.emulator().calls()).noneMatch((call) -> call.path().startsWith("/v1/auth/logout"));
		assertThat(this.session.isInvalid()).isFalse();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();
	}

	@Test
	void doFilterWhenGivenHandlersThenEachRunsOnceInTheOrderGiven() throws Exception {
		signIn();
		List<String> ran = new ArrayList<>();
		List<LogoutHandler> handlers = new ArrayList<>(handlers());
		handlers.add(0, (request, response, authentication) -> ran.add("first"));
		handlers.add((request, response, authentication) -> ran.add("last"));

		filter(handlers).doFilter(request("POST", "/logout/all"), this.response, this.chain);

		assertThat(ran).containsExactly("first", "last");
		assertThat(this.descope.calls("/v1/auth/logoutall")).isOne();
	}

	/**
	 * The handlers {@code sessionTokens()} gives it: Descope's revoking every session,
	 * then Spring Security's clearing the context and the HTTP session.
	 * @return the handlers
	 */
	private List<LogoutHandler> handlers() {
		return List.of(new DescopeLogoutHandler(this.descope.manager(), this.tokens, DescopeSessionSettings.DEFAULTS,
				(event) -> {
				}, true), new SecurityContextLogoutHandler());
	}

	private NotpLogoutEverywhereFilter filter(List<LogoutHandler> handlers) {
		SimpleUrlLogoutSuccessHandler toLoginPage = new SimpleUrlLogoutSuccessHandler();
		toLoginPage.setDefaultTargetUrl("/login/notp?logout");
		NotpLogoutEverywhereFilter filter = new NotpLogoutEverywhereFilter(toLoginPage, handlers);
		filter.setLogoutRequestMatcher(Collaborators.post("/logout/all"));
		return filter;
	}

	private DescopeTokens signIn() {
		DescopeTokens stored = this.descope.signIn();
		MockHttpServletRequest login = request("POST", "/login/notp/session");
		this.tokens.saveTokens(stored, login, new MockHttpServletResponse());
		DescopeAuthenticationToken authentication = new DescopeJwtAuthenticationConverter()
			.convert(this.descope.decoder().decode(stored.sessionJwt()));
		SecurityContextHolder.setContext(new SecurityContextImpl(authentication));
		return stored;
	}

	private MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setSession(this.session);
		return request;
	}

}
