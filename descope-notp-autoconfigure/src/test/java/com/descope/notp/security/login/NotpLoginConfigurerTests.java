package com.descope.notp.security.login;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.descope.notp.autoconfigure.DescopeClientAutoConfiguration;
import com.descope.notp.autoconfigure.DescopeJwtAutoConfiguration;
import com.descope.notp.autoconfigure.DescopeSecurityAutoConfiguration;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.LoginOptions;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.NotpAuthenticationToken;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.test.DescopeEmulator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
 * Tests for {@link NotpLoginConfigurer} and its session-token part
 * ({@code sessionTokens(..)}): each customizer changes what the chain does, through the
 * real filters (MockMvc), with logins confirmed on the Descope emulator over real HTTP.
 */
class NotpLoginConfigurerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DescopeEmulator emulator = DescopeEmulator.start();

	/** Another Descope of the same project, given to the DSL instead of the beans. */
	private static final DescopeEmulator other = DescopeEmulator.start(emulator.projectId());

	private static final DescopeClient otherClient = DescopeClient.builder(other.projectId())
		.baseUrl(other.baseUrl())
		.build();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class,
						DescopeSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
						SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("descope.project-id=" + emulator.projectId(), "descope.base-url=" + emulator.baseUrl());

	@AfterAll
	static void stopEmulator() {
		emulator.close();
		otherClient.close();
		other.close();
	}

	@Test
	void startUrlAndSessionUrlWhenCustomisedThenTheLoginAnswersThereAndNotAtTheDefaults() {
		this.contextRunner.withUserConfiguration(CustomUrls.class).run((context) -> {
			MockMvc mvc = mvc(context);
			MockHttpSession session = new MockHttpSession();

			assertThat(postJson(mvc, "/login/notp", session, Map.of("loginId", "+15555550101")).getStatus())
				.isEqualTo(401);
			String pendingRef = pendingRef(postJson(mvc, "/signin/start", session, Map.of("loginId", "+15555550101")));
			emulator.confirm(pendingRef);
			MockHttpServletResponse done = postJson(mvc, "/signin/done", session, Map.of("pendingRef", pendingRef));

			assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(200);
			assertThat(JSON.readTree(done.getContentAsString()).get("redirectUrl").asString()).isEqualTo("/welcome");
		});
	}

	@Test
	void descopeClientWhenGivenThenTheLoginStartsAndCompletesThroughItNotThroughTheBeans() {
		int before = emulator.calls().size();
		this.contextRunner.withUserConfiguration(OtherDescopeLogin.class).run((context) -> {
			MockMvc mvc = mvc(context);
			MockHttpSession session = new MockHttpSession();
			String pendingRef = pendingRef(postJson(mvc, "/login/notp", session, Map.of("loginId", "+15555550101")));
			other.confirm(pendingRef);

			MockHttpServletResponse done = postJson(mvc, "/login/notp/session", session,
					Map.of("pendingRef", pendingRef));

			assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(200);
			assertThat(other.calls()).anyMatch((call) -> call.path().equals("/v1/auth/notp/pending-session"));
			assertThat(emulator.calls().subList(before, emulator.calls().size()))
				.noneMatch((call) -> call.path().startsWith("/v1/auth/notp"));
		});
	}

	@Test
	void loginServiceWhenGivenThenTheStartGoesThroughIt() {
		int before = emulator.calls().size();
		this.contextRunner.withUserConfiguration(OtherLoginService.class).run((context) -> {
			MockHttpServletResponse started = postJson(mvc(context), "/login/notp", new MockHttpSession(),
					Map.of("loginId", "+15555550101"));

			assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(200);
			assertThat(other.calls()).anyMatch((call) -> call.path().startsWith("/v1/auth/notp/whatsapp/"));
			assertThat(emulator.calls().subList(before, emulator.calls().size()))
				.noneMatch((call) -> call.path().startsWith("/v1/auth/notp"));
		});
	}

	@Test
	void sessionTokensWhenDisabledThenABearerSessionJwtDoesNotAuthenticate() {
		String sessionJwt = emulator.issueSessionJwt(emulator.findUserByLoginId("+15555550101").orElseThrow());
		this.contextRunner.withUserConfiguration(DefaultLogin.class)
			.run((context) -> assertThat(getWithBearer(mvc(context), sessionJwt).getStatus()).isEqualTo(404));
		this.contextRunner.withUserConfiguration(SessionTokensDisabled.class)
			.run((context) -> assertThat(getWithBearer(mvc(context), sessionJwt).getStatus()).isEqualTo(401));
	}

	@Test
	void refreshUrlWhenCustomisedThenTheRefreshAnswersThere() {
		String refreshJwt = emulator.issueRefreshJwt(emulator.findUserByLoginId("+15555550101").orElseThrow());
		this.contextRunner.withUserConfiguration(CustomUrls.class).run((context) -> {
			MockMvc mvc = mvc(context);

			MockHttpServletResponse refreshed = mvc
				.perform(post("/auth/refresh").header("Authorization", "Bearer " + refreshJwt)
					.accept(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse();

			assertThat(refreshed.getStatus()).as(refreshed.getContentAsString()).isEqualTo(200);
			assertThat(JSON.readTree(refreshed.getContentAsString()).get("sessionJwt").asString()).startsWith("eyJ");
		});
	}

	@Test
	void tokenRepositoryWhenGivenToTheSessionTokensThenTheLoginStoresThereAndRequestsReadThere() {
		RecordingTokenRepository repository = new RecordingTokenRepository();
		this.contextRunner.withBean(RecordingTokenRepository.class, () -> repository)
			.withUserConfiguration(CustomTokenRepository.class)
			.run((context) -> {
				MockMvc mvc = mvc(context);
				MockHttpSession session = new MockHttpSession();
				String pendingRef = pendingRef(
						postJson(mvc, "/login/notp", session, Map.of("loginId", "+15555550101")));
				emulator.confirm(pendingRef);

				assertThat(postJson(mvc, "/login/notp/session", session, Map.of("pendingRef", pendingRef)).getStatus())
					.isEqualTo(200);
				assertThat(repository.saved).singleElement()
					.satisfies((tokens) -> assertThat(tokens.refreshJwt()).startsWith("eyJ"));
				assertThat(mvc.perform(get("/anything").accept(MediaType.APPLICATION_JSON))
					.andReturn()
					.getResponse()
					.getStatus()).isEqualTo(404);
			});
	}

	@Test
	void authenticationEntryPointWhenGivenToTheSessionTokensThenUnauthenticatedApiCallsGetIt() {
		this.contextRunner.withUserConfiguration(CustomEntryPoint.class).run((context) -> {
			MockHttpServletResponse response = mvc(context).perform(get("/anything").accept(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse();

			assertThat(response.getStatus()).isEqualTo(418);
		});
	}

	@Test
	void failureHandlerWhenGivenThenAFailedCompletionGetsIt() {
		this.contextRunner.withUserConfiguration(CustomFailureHandler.class).run((context) -> {
			MockHttpServletResponse response = postJson(mvc(context), "/login/notp/session", new MockHttpSession(),
					Map.of("pendingRef", "never-started-0000000000"));

			assertThat(response.getStatus()).isEqualTo(409);
		});
	}

	@Test
	void startRequestResolverAndStartSuccessHandlerWhenGivenThenTheStartUsesThem() {
		this.contextRunner.withUserConfiguration(CustomStart.class).run((context) -> {
			MockHttpServletResponse started = postJson(mvc(context), "/login/notp", new MockHttpSession(),
					Map.of("anything", "the resolver ignores the body"));

			assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(201);
			assertThat(started.getHeader("X-Pending-Ref")).isNotBlank();
			assertThat(emulator.lastFlow().loginId()).isEqualTo("+15555550101");
		});
	}

	@Test
	void authenticationConverterWhenGivenThenTheCompletionReadsThePendingRefThroughIt() {
		this.contextRunner.withUserConfiguration(PendingRefInAHeader.class).run((context) -> {
			MockMvc mvc = mvc(context);
			MockHttpSession session = new MockHttpSession();
			String pendingRef = pendingRef(postJson(mvc, "/login/notp", session, Map.of("loginId", "+15555550101")));
			emulator.confirm(pendingRef);

			MockHttpServletResponse done = mvc
				.perform(post("/login/notp/session").session(session)
					.with(csrf())
					.header("X-Pending-Ref", pendingRef)
					.accept(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse();

			assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(200);
		});
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
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

	private static MockHttpServletResponse getWithBearer(MockMvc mvc, String token) throws Exception {
		return mvc
			.perform(get("/anything").header("Authorization", "Bearer " + token).accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
	}

	private static String pendingRef(MockHttpServletResponse started) throws IOException {
		assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(200);
		return JSON.readTree(started.getContentAsString()).get("pendingRef").asString();
	}

	@Configuration(proxyBeanMethods = false)
	static class OtherDescopeLogin {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			JwtDecoder otherDecoder = DescopeJwtDecoderBuilder
				.withJwkSetUri(other.baseUrl() + "/v2/keys/" + other.projectId(), other.projectId())
				.build();
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.descopeClient(otherClient)
					.sessionTokens((tokens) -> tokens.jwtDecoder(otherDecoder)));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherLoginService {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(),
						(notp) -> notp.loginService(new NotpLoginService(otherClient, Duration.ofMinutes(10))));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultLogin {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> {
				});
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomUrls {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(),
						(notp) -> notp.startUrl("/signin/start")
							.sessionUrl("/signin/done")
							.defaultSuccessUrl("/welcome")
							.sessionTokens((tokens) -> tokens.refreshUrl("/auth/refresh")));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SessionTokensDisabled {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.sessionTokens((tokens) -> tokens.enabled(false)));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTokenRepository {

		@Bean
		SecurityFilterChain chain(HttpSecurity http, RecordingTokenRepository repository) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(),
						(notp) -> notp.sessionTokens((tokens) -> tokens.tokenRepository(repository)));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEntryPoint {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.sessionTokens((tokens) -> tokens
					.authenticationEntryPoint((request, response, ex) -> response.setStatus(418))));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFailureHandler {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(),
						(notp) -> notp.failureHandler((request, response, ex) -> response.setStatus(409)));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomStart {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(),
						(notp) -> notp
							.startRequestResolver((request) -> new NotpStartRequest(NotpMethod.SIGN_IN, "+15555550101",
									LoginOptions.NONE, null, null))
							.startSuccessHandler((request, response, link) -> {
								response.setStatus(201);
								response.setHeader("X-Pending-Ref", link.pendingRef());
							}));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PendingRefInAHeader {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.authenticationConverter(
						(request) -> new NotpAuthenticationToken(request.getHeader("X-Pending-Ref"))));
			return http.build();
		}

	}

	/**
	 * Keeps the tokens in memory (one browser), recording what the login saved.
	 */
	static final class RecordingTokenRepository implements DescopeTokenRepository {

		final List<DescopeTokens> saved = new ArrayList<>();

		@Override
		public DescopeTokenStorage storage() {
			return DescopeTokenStorage.COOKIES;
		}

		@Override
		public @Nullable DescopeTokens loadTokens(HttpServletRequest request) {
			return this.saved.isEmpty() ? null : this.saved.get(this.saved.size() - 1);
		}

		@Override
		public void saveTokens(DescopeTokens tokens, HttpServletRequest request, HttpServletResponse response) {
			this.saved.add(tokens);
		}

		@Override
		public void removeTokens(HttpServletRequest request, HttpServletResponse response) {
			this.saved.clear();
		}

	}

}
