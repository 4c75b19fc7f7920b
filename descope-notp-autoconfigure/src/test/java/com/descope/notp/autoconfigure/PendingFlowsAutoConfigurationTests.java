package com.descope.notp.autoconfigure;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import com.descope.notp.security.login.CookiePendingFlowRepository;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.login.NotpLoginConfigurer;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * How {@code descope.notp.pending-flows} chooses where started logins wait: the HTTP
 * session by default; with {@code cookie}, a {@link CookiePendingFlowRepository} on the
 * keys of {@code descope.notp.flow-cookie.keys}, allowed only while the tokens stay out
 * of the HTTP session. A missing, malformed or wrong-sized key, an unknown mode or the
 * cookie with tokens in the session fails the start-up naming the property (and never
 * showing a key). Through the real filter chain (MockMvc, the Descope emulator over
 * HTTP): in the cookie mode starting a login and asking for a protected page create no
 * HTTP session (the page to return to is kept in a cookie too), and a repository given to
 * the DSL wins over the one the property chooses.
 */
class PendingFlowsAutoConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DescopeEmulator emulator = DescopeEmulator.start();

	private static final String KEY = key();

	private static final String OLD_KEY = key();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
				DescopeJwtAutoConfiguration.class, DescopeSecurityAutoConfiguration.class,
				DescopeWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("descope.project-id=" + emulator.projectId(), "descope.base-url=" + emulator.baseUrl());

	private final WebApplicationContextRunner statelessRunner = this.contextRunner.withPropertyValues(
			"descope.session-token-via-cookie=true", "descope.notp.pending-flows=cookie",
			"descope.notp.flow-cookie.keys=" + KEY + "," + OLD_KEY);

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void pendingFlowsWhenNotSetThenInTheHttpSession() {
		this.contextRunner.run((context) -> assertThat(context.getBean(PendingFlowRepository.class))
			.isInstanceOf(HttpSessionPendingFlowRepository.class));
		this.contextRunner.withPropertyValues("descope.notp.pending-flows=Session")
			.run((context) -> assertThat(context.getBean(PendingFlowRepository.class))
				.isInstanceOf(HttpSessionPendingFlowRepository.class));
	}

	@Test
	void pendingFlowsWhenCookieWithTokensOutOfTheSessionThenInACookie() {
		this.statelessRunner.run((context) -> assertThat(context.getBean(PendingFlowRepository.class))
			.isInstanceOf(CookiePendingFlowRepository.class));
		this.contextRunner
			.withPropertyValues("descope.persist-tokens=false", "descope.notp.pending-flows=cookie",
					"descope.notp.flow-cookie.keys[0]=" + KEY.replace('+', '-').replace('/', '_'))
			.run((context) -> assertThat(context.getBean(PendingFlowRepository.class))
				.isInstanceOf(CookiePendingFlowRepository.class));
	}

	@Test
	void pendingFlowsWhenCookieWhileTokensAreInTheSessionThenFailsSayingWhatToSet() {
		this.contextRunner
			.withPropertyValues("descope.notp.pending-flows=cookie", "descope.notp.flow-cookie.keys=" + KEY)
			.run((context) -> assertFailure(context, "descope.notp.pending-flows")
				.hasMessageContaining("descope.session-token-via-cookie=true"));
	}

	@Test
	void pendingFlowsWhenUnknownThenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("descope.notp.pending-flows=redis")
			.run((context) -> assertFailure(context, "descope.notp.pending-flows")
				.hasMessageContaining("session or cookie"));
	}

	@Test
	void flowCookieKeysWhenNoneForTheCookieThenFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("descope.session-token-via-cookie=true", "descope.notp.pending-flows=cookie")
			.run((context) -> assertFailure(context, "descope.notp.flow-cookie.keys")
				.hasMessageContaining("openssl rand -base64 32"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "c2hvcnQ=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"not base64 at all!" })
	void flowCookieKeysWhenOneIsNot32BytesOfBase64ThenFailsNamingItWithoutShowingIt(String bad) {
		this.contextRunner
			.withPropertyValues("descope.session-token-via-cookie=true", "descope.notp.pending-flows=cookie",
					"descope.notp.flow-cookie.keys[0]=" + KEY, "descope.notp.flow-cookie.keys[1]=" + bad)
			.run((context) -> {
				assertFailure(context, "descope.notp.flow-cookie.keys[1]").hasMessageContaining("32")
					.hasMessageNotContaining(bad);
				assertThat(context.getStartupFailure()).hasMessageNotContaining(KEY);
			});
	}

	@Test
	void startWhenPendingFlowsInACookieThenNoSessionAndTheFlowCookieIsSet() {
		this.statelessRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			MvcResult page = mvc.perform(get("/protected").accept(MediaType.TEXT_HTML)).andReturn();
			assertThat(page.getResponse().getStatus()).isEqualTo(302);
			assertThat(page.getRequest().getSession(false)).isNull();
			assertThat(page.getResponse().getCookie("REDIRECT_URI")).isNotNull();
			assertThat(page.getResponse().getCookie("REDIRECT_URI").isHttpOnly()).isTrue();

			MvcResult started = start(mvc);

			assertThat(started.getResponse().getStatus()).as(started.getResponse().getContentAsString()).isEqualTo(200);
			assertThat(started.getRequest().getSession(false)).isNull();
			assertThat(setCookies(started.getResponse())).anyMatch((c) -> c.startsWith("NOTP_FLOWS="))
				.anyMatch((c) -> c.startsWith("NOTP_BROWSER="));
		});
	}

	@Test
	void pendingFlowRepositoryWhenGivenToTheDslThenItWinsOverTheProperty() {
		this.statelessRunner.withUserConfiguration(SessionFlowsChain.class).run((context) -> {
			MvcResult started = start(mvc(context));

			assertThat(started.getResponse().getStatus()).isEqualTo(200);
			assertThat(started.getRequest().getSession(false)).isNotNull();
			assertThat(started.getRequest().getSession(false).getAttributeNames().asIterator()).toIterable()
				.contains(HttpSessionPendingFlowRepository.FLOWS_ATTRIBUTE);
			assertThat(setCookies(started.getResponse())).noneMatch((c) -> c.startsWith("NOTP_"));
		});
	}

	private static MvcResult start(MockMvc mvc) throws Exception {
		return mvc
			.perform(post("/login/notp").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("loginId", "+15555550101"))))
			.andReturn();
	}

	private static java.util.List<String> setCookies(MockHttpServletResponse response) {
		return response.getHeaders(HttpHeaders.SET_COOKIE);
	}

	private static MockMvc mvc(AssertableWebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
			AssertableWebApplicationContext context, String property) {
		assertThat(context).hasFailed();
		return assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining(property);
	}

	private static String key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	@Configuration(proxyBeanMethods = false)
	static class SessionFlowsChain {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp
					.pendingFlowRepository(new HttpSessionPendingFlowRepository(5, Clock.systemUTC())));
			return http.build();
		}

	}

}
