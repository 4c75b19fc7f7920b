package com.descope.notp.browser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The sample application as the backend of the front ends of {@code frontends/}: Spring
 * MVC's CORS mappings let the single-page apps' origins
 * ({@code http://react.localhost:*}, {@code http://vue.localhost:*}, whatever port the
 * test serves them on) read the SDK configuration and call {@code /api/**} with a bearer
 * token; the starter's chain honours them (Spring Security applies CORS from Spring MVC's
 * configuration).
 */
@TestConfiguration(proxyBeanMethods = false)
class FrontEndBackendConfiguration {

	@Bean
	UrlBasedCorsConfigurationSource corsConfigurationSource() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(List.of("http://react.localhost:[*]", "http://vue.localhost:[*]"));
		cors.setAllowedMethods(List.of("GET"));
		cors.setAllowedHeaders(List.of("Authorization", "Accept"));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		source.registerCorsConfiguration("/login/notp/config", cors);
		return source;
	}

	// TODO remove once the starter's configuration endpoint (branch i15-config) is merged
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain sdkConfigurationStopgap(HttpSecurity http) {
		http.securityMatcher("/login/notp/config")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	@RestController
	static class SdkConfigurationStopgap {

		private final DescopeConnectionDetails connection;

		SdkConfigurationStopgap(DescopeConnectionDetails connection) {
			this.connection = connection;
		}

		@GetMapping("/login/notp/config")
		Map<String, Object> config() {
			Map<String, Object> options = new LinkedHashMap<>();
			options.put("projectId", this.connection.getProjectId());
			options.put("baseUrl", this.connection.getBaseUrl());
			options.put("persistTokens", true);
			options.put("autoRefresh", true);
			options.put("sessionTokenViaCookie", false);
			options.put("refreshTokenViaCookie", false);
			options.put("refreshCookieName", "DSR");
			options.put("storeLastAuthenticatedUser", true);
			options.put("keepLastAuthenticatedUserAfterLogout", false);
			options.put("oidcConfig", false);
			return options;
		}

	}

}
