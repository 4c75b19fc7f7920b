package com.descope.notp.webfluxsample;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Lets single-page apps on other origins call the API and read the configuration
 * endpoint, as the servlet sample does: the origins of
 * {@code sample.cors.allowed-origins} (for example
 * {@code SAMPLE_CORS_ALLOWED_ORIGINS=http://localhost:5173}, comma-separated) in a
 * reactive {@code corsConfigurationSource} bean, which the filter chain's
 * {@code cors(..)} is given. Each allowed origin is named (never {@code *}), and may send
 * credentials and the {@code Authorization} header. With none set, no path has a CORS
 * configuration and requests pass as without CORS.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

	@Bean
	CorsConfigurationSource corsConfigurationSource(Environment environment) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		String[] origins = environment.getProperty("sample.cors.allowed-origins", String[].class, new String[0]);
		if (origins.length == 0) {
			return source;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of(origins));
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-XSRF-TOKEN"));
		cors.setAllowCredentials(true);
		cors.setMaxAge(Duration.ofMinutes(30));
		source.registerCorsConfiguration("/api/**", cors);
		source.registerCorsConfiguration("/login/notp/config", cors);
		return source;
	}

}
