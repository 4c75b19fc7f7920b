package com.descope.notp.security.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.descope.notp.autoconfigure.DescopeClientAutoConfiguration;
import com.descope.notp.autoconfigure.DescopeJwtAutoConfiguration;
import com.descope.notp.autoconfigure.DescopeSecurityAutoConfiguration;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.security.login.NotpLoginConfigurer;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Tests for {@link DescopeSessionTokensConfigurer}: each customizer of
 * {@code notpLogin().sessionTokens(..)} changes what the chain does, seen through the
 * real filters (MockMvc) with logins confirmed on the Descope emulator over real HTTP. A
 * second emulator of the same project, with its own signing key, stands for "another
 * Descope" that only a customised client, decoder or session manager reaches. (The
 * refresh URL, the token repository, the entry point and disabling are covered by
 * {@code NotpLoginConfigurerTests}.)
 */
class DescopeSessionTokensConfigurerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BOB = "+15555550101";

	private final DescopeEmulator emulator = DescopeEmulator.start();

	private final DescopeEmulator other = DescopeEmulator.start(this.emulator.projectId());

	private final DescopeClient otherClient = client(this.other);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class,
						DescopeSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
						SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("descope.project-id=" + this.emulator.projectId(),
				"descope.base-url=" + this.emulator.baseUrl())
		.withBean(OtherDescope.class, () -> new OtherDescope(this.otherClient, decoder(this.other)));

	@AfterEach
	void stopEmulators() {
		this.otherClient.close();
		this.emulator.close();
		this.other.close();
	}

	@Test
	void logoutEverywhereUrlWhenCustomisedThenEverySessionIsRevokedThereAndNotAtTheDefault() {
		this.contextRunner.withUserConfiguration(CustomLogoutEverywhereUrl.class).run((context) -> {
			MockMvc mvc = mvc(context);
			MockHttpSession session = signIn(mvc);

			assertThat(mvc.perform(post("/logout/all").session(session).with(csrf()))
				.andReturn()
				.getResponse()
				.getStatus()).as("an authenticated request to nothing").isEqualTo(404);
			assertThat(calls(this.emulator, "/v1/auth/logoutall")).isZero();

			MockHttpServletResponse loggedOut = mvc.perform(post("/signout/everywhere").session(session).with(csrf()))
				.andReturn()
				.getResponse();

			assertThat(loggedOut.getRedirectedUrl()).isEqualTo("/login/notp?logout");
			assertThat(calls(this.emulator, "/v1/auth/logoutall")).isOne();
		});
	}

	@Test
	void jwtDecoderWhenGivenThenBearerSessionJwtsAreValidatedWithIt() {
		String fromOther = this.other.issueSessionJwt(bob(this.other));
		String fromEmulator = this.emulator.issueSessionJwt(bob(this.emulator));
		this.contextRunner.withUserConfiguration(OtherDecoder.class).run((context) -> {
			MockMvc mvc = mvc(context);

			assertThat(getWithBearer(mvc, fromOther).getStatus()).isEqualTo(404);
			assertThat(getWithBearer(mvc, fromEmulator).getStatus()).isEqualTo(401);
		});
	}

	@Test
	void descopeClientAndJwtDecoderWhenGivenThenTheRefreshGoesThroughThem() {
		String refreshJwt = this.other.issueRefreshJwt(bob(this.other));
		this.contextRunner.withUserConfiguration(OtherClientAndDecoder.class).run((context) -> {
			MockHttpServletResponse refreshed = refreshWithBearer(mvc(context), refreshJwt);

			assertThat(refreshed.getStatus()).as(refreshed.getContentAsString()).isEqualTo(200);
			assertThat(calls(this.other, "/v1/auth/refresh")).isOne();
			assertThat(calls(this.emulator, "/v1/auth/refresh")).isZero();
		});
	}

	@Test
	void descopeClientWhenGivenThenLogoutRevokesThroughIt() {
		this.contextRunner.withUserConfiguration(OtherClient.class).run((context) -> {
			MockMvc mvc = mvc(context);
			MockHttpSession session = signIn(mvc);

			MockHttpServletResponse loggedOut = mvc.perform(post("/logout").session(session).with(csrf()))
				.andReturn()
				.getResponse();

			assertThat(loggedOut.getRedirectedUrl()).isEqualTo("/login/notp?logout");
			assertThat(calls(this.other, "/v1/auth/logout")).isOne();
			assertThat(calls(this.emulator, "/v1/auth/logout")).isZero();
		});
	}

	@Test
	void sessionManagerWhenGivenThenTheRefreshGoesThroughIt() {
		String refreshJwt = this.other.issueRefreshJwt(bob(this.other));
		this.contextRunner.withUserConfiguration(DefaultLogin.class)
			.run((context) -> assertThat(refreshWithBearer(mvc(context), refreshJwt).getStatus()).isEqualTo(401));
		this.contextRunner.withUserConfiguration(OtherSessionManager.class).run((context) -> {
			MockHttpServletResponse refreshed = refreshWithBearer(mvc(context), refreshJwt);

			assertThat(refreshed.getStatus()).as(refreshed.getContentAsString()).isEqualTo(200);
			assertThat(JSON.readTree(refreshed.getContentAsString()).get("sessionJwt").asString()).startsWith("eyJ");
		});
	}

	@Test
	void authenticationConverterWhenGivenThenTheAuthoritiesComeFromIt() {
		String sessionJwt = this.emulator.issueSessionJwt(bob(this.emulator));
		this.contextRunner.withUserConfiguration(CustomersOnly.class)
			.run((context) -> assertThat(getWithBearer(mvc(context), sessionJwt).getStatus()).isEqualTo(403));
		this.contextRunner.withUserConfiguration(CustomersOnlyWithConverter.class)
			.run((context) -> assertThat(getWithBearer(mvc(context), sessionJwt).getStatus()).isEqualTo(404));
	}

	@Test
	void sessionSettingsWhenGivenThenTheStoredSessionIsRefreshedAtTheirThreshold() {
		this.contextRunner.withUserConfiguration(DefaultLogin.class).run((context) -> {
			MockMvc mvc = mvc(context);
			assertThat(getJson(mvc, signIn(mvc)).getStatus()).isEqualTo(404);
			assertThat(calls(this.emulator, "/v1/auth/refresh")).as("ten minutes left, twenty seconds' threshold")
				.isZero();
		});
		this.contextRunner.withUserConfiguration(RefreshWithinFifteenMinutes.class).run((context) -> {
			MockMvc mvc = mvc(context);
			assertThat(getJson(mvc, signIn(mvc)).getStatus()).isEqualTo(404);
			assertThat(calls(this.emulator, "/v1/auth/refresh")).as("ten minutes left, fifteen minutes' threshold")
				.isOne();
		});
	}

	@Test
	void sessionSettingsWhenGivenThenTheyWinOverTheBean() {
		this.contextRunner.withUserConfiguration(DefaultLogin.class)
			.withPropertyValues("descope.refresh-threshold=15m")
			.run((context) -> {
				MockMvc mvc = mvc(context);
				getJson(mvc, signIn(mvc));
				assertThat(calls(this.emulator, "/v1/auth/refresh")).isOne();
			});
		this.contextRunner.withUserConfiguration(DefaultSessionSettings.class)
			.withPropertyValues("descope.refresh-threshold=15m")
			.run((context) -> {
				MockMvc mvc = mvc(context);
				getJson(mvc, signIn(mvc));
				assertThat(calls(this.emulator, "/v1/auth/refresh")).as("no more than the first context's").isOne();
			});
	}

	@Test
	void cookieSettingsWhenGivenThenAFrontEndsSessionCookieIsReadUnderTheirName() {
		String sessionJwt = this.emulator.issueSessionJwt(bob(this.emulator));
		this.contextRunner.withUserConfiguration(AppCookieNames.class).run((context) -> {
			MockMvc mvc = mvc(context);

			assertThat(getWithCookie(mvc, new Cookie("APP_DS", sessionJwt)).getStatus()).isEqualTo(404);
			assertThat(getWithCookie(mvc, new Cookie("DS", sessionJwt)).getStatus()).isEqualTo(401);
		});
	}

	@Test
	void enabledWhenFalseThenTheRefreshEndpointStays() {
		String refreshJwt = this.emulator.issueRefreshJwt(bob(this.emulator));
		this.contextRunner.withUserConfiguration(SessionTokensDisabled.class)
			.run((context) -> assertThat(refreshWithBearer(mvc(context), refreshJwt).getStatus()).isEqualTo(200));
	}

	private static EmulatedUser bob(DescopeEmulator descope) {
		return descope.findUserByLoginId(BOB).orElseThrow();
	}

	private static long calls(DescopeEmulator descope, String path) {
		return descope.calls().stream().filter((call) -> call.path().equals(path)).count();
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	/**
	 * Signs Bob in through the chain: start, confirmation on the emulator, completion.
	 * @param mvc the chain
	 * @return the signed-in browser session
	 */
	private MockHttpSession signIn(MockMvc mvc) throws Exception {
		MockHttpSession session = new MockHttpSession();
		MockHttpServletResponse started = postJson(mvc, "/login/notp", session, Map.of("loginId", BOB));
		assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(200);
		String pendingRef = JSON.readTree(started.getContentAsString()).get("pendingRef").asString();
		this.emulator.confirm(pendingRef);
		MockHttpServletResponse done = postJson(mvc, "/login/notp/session", session, Map.of("pendingRef", pendingRef));
		assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(200);
		return session;
	}

	private static MockHttpServletResponse postJson(MockMvc mvc, String path, MockHttpSession session,
			Map<String, ?> body) throws Exception {
		return mvc
			.perform(post(path).session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(body)))
			.andReturn()
			.getResponse();
	}

	private static MockHttpServletResponse getJson(MockMvc mvc, MockHttpSession session) throws Exception {
		return mvc.perform(get("/anything").session(session).accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
	}

	private static MockHttpServletResponse getWithBearer(MockMvc mvc, String token) throws Exception {
		return mvc
			.perform(get("/anything").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
	}

	private static MockHttpServletResponse getWithCookie(MockMvc mvc, Cookie cookie) throws Exception {
		return mvc.perform(get("/anything").cookie(cookie).accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
	}

	private static MockHttpServletResponse refreshWithBearer(MockMvc mvc, String refreshJwt) throws Exception {
		return mvc
			.perform(post("/login/notp/refresh").header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt)
				.accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
	}

	private static SecurityFilterChain chain(HttpSecurity http,
			Customizer<DescopeSessionTokensConfigurer<HttpSecurity>> sessionTokens) {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.sessionTokens(sessionTokens));
		return http.build();
	}

	private static DescopeClient client(DescopeEmulator descope) {
		return DescopeClient.builder(descope.projectId()).baseUrl(descope.baseUrl()).retryBackoff(List.of()).build();
	}

	private static JwtDecoder decoder(DescopeEmulator descope) {
		return DescopeJwtDecoderBuilder
			.withJwkSetUri(descope.baseUrl() + "/v2/keys/" + descope.projectId(), descope.projectId())
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultLogin {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			return DescopeSessionTokensConfigurerTests.chain(http, (tokens) -> {
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomLogoutEverywhereUrl {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			return DescopeSessionTokensConfigurerTests.chain(http,
					(tokens) -> tokens.logoutEverywhereUrl("/signout/everywhere"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherDecoder {

		@Bean
		SecurityFilterChain chain(HttpSecurity http, OtherDescope other) {
			return DescopeSessionTokensConfigurerTests.chain(http, (tokens) -> tokens.jwtDecoder(other.decoder()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherClient {

		@Bean
		SecurityFilterChain chain(HttpSecurity http, OtherDescope other) {
			return DescopeSessionTokensConfigurerTests.chain(http, (tokens) -> tokens.descopeClient(other.client()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherClientAndDecoder {

		@Bean
		SecurityFilterChain chain(HttpSecurity http, OtherDescope other) {
			return DescopeSessionTokensConfigurerTests.chain(http,
					(tokens) -> tokens.descopeClient(other.client()).jwtDecoder(other.decoder()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherSessionManager {

		@Bean
		SecurityFilterChain chain(HttpSecurity http, OtherDescope other) {
			return DescopeSessionTokensConfigurerTests.chain(http,
					(tokens) -> tokens.sessionManager(new DescopeSessionManager(other.client(), other.decoder())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomersOnly {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("CUSTOMER"))
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> {
				});
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomersOnlyWithConverter {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			DescopeJwtAuthenticationConverter customers = new DescopeJwtAuthenticationConverter(
					(jwt) -> List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
			http.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("CUSTOMER"))
				.with(NotpLoginConfigurer.notpLogin(),
						(notp) -> notp.sessionTokens((tokens) -> tokens.authenticationConverter(customers)));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RefreshWithinFifteenMinutes {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			return DescopeSessionTokensConfigurerTests.chain(http, (tokens) -> tokens
				.sessionSettings(new DescopeSessionSettings(true, Duration.ofMinutes(15), true, false)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultSessionSettings {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			return DescopeSessionTokensConfigurerTests.chain(http,
					(tokens) -> tokens.sessionSettings(DescopeSessionSettings.DEFAULTS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AppCookieNames {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			return DescopeSessionTokensConfigurerTests.chain(http, (tokens) -> tokens
				.cookieSettings(new DescopeCookieSettings("APP_DS", "APP_DSR", "Lax", true, true, null)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SessionTokensDisabled {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			return DescopeSessionTokensConfigurerTests.chain(http, (tokens) -> tokens.enabled(false));
		}

	}

	/**
	 * The second emulator's client and decoder, given to the chains that customise them
	 * (not beans of their own types, which would replace the auto-configured ones).
	 *
	 * @param client a client of the second emulator
	 * @param decoder a decoder on the second emulator's keys
	 */
	record OtherDescope(DescopeClient client, JwtDecoder decoder) {

	}

}
