package com.descope.notp.webfluxsample;

import com.descope.notp.security.reactive.login.ServerNotpLoginSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

/**
 * The reactive sample's filter chain, the servlet sample's: the home page is public,
 * everything else needs a Descope session (the login page and the configuration endpoint
 * are answered before authorization); CSRF with the token in the {@code XSRF-TOKEN}
 * cookie for scripts (the pages send it as a form parameter); CORS from the
 * {@code corsConfigurationSource} bean of {@link CrossOriginConfiguration}; and the
 * starter's {@link ServerNotpLoginSpec}. The starter's reactive method security turns on
 * {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ServerNotpLoginSpec notpLogin,
			CorsConfigurationSource corsConfigurationSource) {
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/", "/error", "/favicon.ico")
			.permitAll()
			.pathMatchers(notpLogin.getLoginPage())
			.permitAll()
			.anyExchange()
			.authenticated())
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.accessDeniedHandler(notpLogin.getAccessDeniedHandler()))
			.cors((cors) -> cors.configurationSource(corsConfigurationSource));
		return notpLogin.configure(http).build();
	}

}
