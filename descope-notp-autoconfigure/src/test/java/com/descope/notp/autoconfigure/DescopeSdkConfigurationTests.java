package com.descope.notp.autoconfigure;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.security.login.NotpLoginConfigurer;
import com.descope.notp.security.session.CookieDescopeTokenRepository;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;

/**
 * The configuration endpoint of {@code notpLogin()} through the real filter chain: served
 * under the context path from {@code descope.*}, moved or removed with the DSL, and
 * always saying the chain's own token storage and cookies, even when the DSL replaces the
 * beans'; and the default chain's CORS handling, which picks up a
 * {@code CorsConfigurationSource} bean of any name and stays off when the application
 * configured no CORS.
 */
class DescopeSdkConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
				DescopeJwtAutoConfiguration.class, DescopeSecurityAutoConfiguration.class,
				DescopeWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("descope.project-id=P2aAc4T2V93bddihGEx2Ryhc8e5Z", "descope.base-url=http://127.0.0.1:9/");

	@Test
	void configWhenTheDefaultChainThenServedUnderTheContextPathFromTheProperties() {
		this.contextRunner
			.withPropertyValues("descope.base-cdn-url=https://cdn.auth.example.test", "descope.oidc.enabled=true")
			.run((context) -> {
				MockHttpServletResponse response = mvc(context)
					.perform(get("/app/login/notp/config").contextPath("/app"))
					.andReturn()
					.getResponse();
				assertThat(response.getStatus()).isEqualTo(200);
				assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("public, max-age=300");
				JsonNode json = JSON.readTree(response.getContentAsString());
				assertThat(json.get("projectId").asString()).isEqualTo("P2aAc4T2V93bddihGEx2Ryhc8e5Z");
				assertThat(json.get("baseUrl").asString()).isEqualTo("http://127.0.0.1:9");
				assertThat(json.get("baseCdnUrl").asString()).isEqualTo("https://cdn.auth.example.test");
				assertThat(json.has("baseStaticUrl")).isFalse();
				assertThat(json.get("oidcConfig").asBoolean()).isTrue();
				assertThat(json.get("oidcConfig").isBoolean()).isTrue();
			});
	}

	@Test
	void configWhenTheDslMovesItThenServedThereAndTheDefaultPathNeedsALogin() {
		this.contextRunner.withUserConfiguration(MovedEndpointConfiguration.class).run((context) -> {
			MockMvc mvc = mvc(context);
			assertThat(status(mvc, "/frontend/config")).isEqualTo(200);
			assertThat(status(mvc, "/login/notp/config")).isEqualTo(401);
		});
	}

	@Test
	void configWhenTheDslRemovesItThenNotServed() {
		this.contextRunner.withUserConfiguration(NoEndpointConfiguration.class)
			.run((context) -> assertThat(status(mvc(context), "/login/notp/config")).isEqualTo(401));
	}

	@Test
	void configWhenTheDslReplacesTheCookieSettingsThenTheEndpointSaysTheChainsOwn() {
		this.contextRunner.withUserConfiguration(DslCookiesConfiguration.class).run((context) -> {
			JsonNode json = JSON.readTree(
					mvc(context).perform(get("/login/notp/config")).andReturn().getResponse().getContentAsString());
			assertThat(json.get("persistTokens").asBoolean()).isTrue();
			JsonNode session = json.get("sessionTokenViaCookie");
			assertThat(session.get("cookieName").asString()).isEqualTo("S");
			assertThat(session.get("domain").asString()).isEqualTo("example.test");
			assertThat(session.get("sameSite").asString()).isEqualTo("None");
			assertThat(session.get("secure").asBoolean()).isTrue();
			assertThat(json.get("refreshCookieName").asString()).isEqualTo("R");
		});
	}

	@Test
	void defaultChainWhenACorsConfigurationSourceOfAnyNameThenPreflightsAnsweredBeforeAuthentication() {
		this.contextRunner.withUserConfiguration(CorsSourceConfiguration.class).run((context) -> {
			MockMvc mvc = mvc(context);
			MockHttpServletResponse allowed = preflight(mvc, "https://spa.example.test");
			assertThat(allowed.getStatus()).isEqualTo(200);
			assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://spa.example.test");
			MockHttpServletResponse refused = preflight(mvc, "https://evil.example.test");
			assertThat(refused.getStatus()).isEqualTo(403);
			assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
		});
	}

	@Test
	void defaultChainWhenNoCorsConfiguredThenAPreflightIsAnOrdinaryUnauthenticatedRequest() {
		this.contextRunner.run((context) -> {
			MockHttpServletResponse preflight = preflight(mvc(context), "https://spa.example.test");
			assertThat(preflight.getStatus()).isEqualTo(401);
			assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
		});
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	private static int status(MockMvc mvc, String path) throws Exception {
		return mvc.perform(get(path).accept("application/json")).andReturn().getResponse().getStatus();
	}

	private static MockHttpServletResponse preflight(MockMvc mvc, String origin) throws Exception {
		return mvc
			.perform(options("/api/me").header("Origin", origin)
				.header("Access-Control-Request-Method", "GET")
				.header("Access-Control-Request-Headers", "authorization"))
			.andReturn()
			.getResponse();
	}

	@Configuration(proxyBeanMethods = false)
	static class MovedEndpointConfiguration {

		@Bean
		SecurityFilterChain movedEndpointChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.sdkConfigurationUrl("/frontend/config"));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoEndpointConfiguration {

		@Bean
		SecurityFilterChain noEndpointChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp.sdkConfigurationUrl(null));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DslCookiesConfiguration {

		@Bean
		SecurityFilterChain dslCookiesChain(HttpSecurity http) {
			DescopeCookieSettings cookies = new DescopeCookieSettings("S", "R", "None", true, true, "example.test");
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(NotpLoginConfigurer.notpLogin(),
						(notp) -> notp.sessionTokens((tokens) -> tokens.cookieSettings(cookies)
							.tokenRepository(new CookieDescopeTokenRepository(cookies))));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CorsSourceConfiguration {

		@Bean
		CorsConfigurationSource spaCors() {
			CorsConfiguration cors = new CorsConfiguration();
			cors.addAllowedOrigin("https://spa.example.test");
			cors.addAllowedMethod("GET");
			cors.addAllowedHeader("Authorization");
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/**", cors);
			return source;
		}

	}

}
