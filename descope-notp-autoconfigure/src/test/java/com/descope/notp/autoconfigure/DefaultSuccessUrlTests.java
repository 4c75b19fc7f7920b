package com.descope.notp.autoconfigure;

import java.util.Map;

import com.descope.notp.security.login.NotpLoginConfigurer;
import com.descope.notp.test.DescopeEmulator;
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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Where a login from the login page lands ({@code descope.notp.default-success-url} and
 * the DSL's {@code defaultSuccessUrl(..)}), through the real filter chain under the
 * context path {@code /app}, with a WhatsApp login confirmed on the Descope emulator.
 */
class DefaultSuccessUrlTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DescopeEmulator emulator = DescopeEmulator.start();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
				DescopeJwtAutoConfiguration.class, DescopeSecurityAutoConfiguration.class,
				DescopeWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("descope.project-id=" + emulator.projectId(), "descope.base-url=" + emulator.baseUrl());

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void loginWhenSuccessUrlPropertySetThenTheDefaultChainLandsThereUnderTheContextPath() {
		this.contextRunner.withPropertyValues("descope.notp.default-success-url=/home")
			.run((context) -> assertThat(logIn(context)).isEqualTo("/app/home"));
	}

	@Test
	void loginWhenSuccessUrlPropertySetThenAnApplicationsOwnNotpLoginLandsThereToo() {
		this.contextRunner.withPropertyValues("descope.notp.default-success-url=/home")
			.withUserConfiguration(NotpLoginChainConfiguration.class)
			.run((context) -> assertThat(logIn(context)).isEqualTo("/app/home"));
	}

	@Test
	void loginWhenTheDslSetsASuccessUrlThenItWinsOverTheProperty() {
		this.contextRunner.withPropertyValues("descope.notp.default-success-url=/home")
			.withUserConfiguration(DslSuccessUrlChainConfiguration.class)
			.run((context) -> assertThat(logIn(context)).isEqualTo("/app/dashboard?tab=1"));
	}

	@Test
	void loginWhenNoSuccessUrlSetThenLandsOnTheApplicationRoot() {
		this.contextRunner.run((context) -> assertThat(logIn(context)).isEqualTo("/app/"));
	}

	/**
	 * Opens the login page directly, starts a login, confirms it on "WhatsApp" and
	 * completes it.
	 * @return the completion's {@code redirectUrl}
	 */
	private static String logIn(WebApplicationContext context) throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		MockHttpSession session = new MockHttpSession();
		String started = mvc
			.perform(post("/app/login/notp").contextPath("/app")
				.session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content("{\"loginId\":\"+15555550101\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String pendingRef = JSON.readTree(started).get("pendingRef").asString();
		emulator.confirm(pendingRef);
		String done = mvc
			.perform(post("/app/login/notp/session").contextPath("/app")
				.session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("pendingRef", pendingRef))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JSON.readTree(done).get("status").asString()).as(done).isEqualTo("authenticated");
		return JSON.readTree(done).get("redirectUrl").asString();
	}

	@Configuration(proxyBeanMethods = false)
	static class NotpLoginChainConfiguration {

		@Bean
		SecurityFilterChain userSecurityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> {
				});
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DslSuccessUrlChainConfiguration {

		@Bean
		SecurityFilterChain userSecurityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.defaultSuccessUrl("/dashboard?tab=1"));
			return http.build();
		}

	}

}
