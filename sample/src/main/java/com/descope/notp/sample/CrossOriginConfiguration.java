package com.descope.notp.sample;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Lets single-page apps on other origins (a development server on another port, another
 * host) call the API and read the configuration endpoint: with
 * {@code sample.cors.allowed-origins} set (for example
 * {@code SAMPLE_CORS_ALLOWED_ORIGINS=http://localhost:5173}), a
 * {@code corsConfigurationSource} bean, which the filter chain's
 * {@code cors(withDefaults())} picks up. Each allowed origin is named (never {@code *}),
 * and may send credentials (the {@code DS} cookie of a front end on a subdomain of the
 * same site) and the {@code Authorization} header.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("sample.cors.allowed-origins")
class CrossOriginConfiguration {

	@Bean
	CorsConfigurationSource corsConfigurationSource(Environment environment) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of(environment.getRequiredProperty("sample.cors.allowed-origins", String[].class)));
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-XSRF-TOKEN"));
		cors.setAllowCredentials(true);
		cors.setMaxAge(Duration.ofMinutes(30));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		source.registerCorsConfiguration("/login/notp/config", cors);
		return source;
	}

}
