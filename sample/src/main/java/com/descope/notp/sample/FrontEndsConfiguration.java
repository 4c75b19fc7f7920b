package com.descope.notp.sample;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The sample as the backend of the single-page front ends of {@code frontends/} (profile
 * {@code frontends}): Spring's standard CORS configuration lets their origins read the
 * SDK configuration ({@code GET /login/notp/config}) and call {@code /api/**} with
 * {@code Authorization: Bearer}. Spring Security applies a
 * {@code UrlBasedCorsConfigurationSource} bean named {@code corsConfigurationSource} to
 * every filter chain, so preflights are answered before authentication. No credentials
 * (cookies) are allowed across origins: a bearer token needs none.
 */
@Configuration(proxyBeanMethods = false)
@Profile("frontends")
class FrontEndsConfiguration {

	/**
	 * The front ends' origins allowed to call the API.
	 * @param origins {@code sample.frontends.origins}: origins or origin patterns, by
	 * default the React and Vue development servers
	 * @return the CORS configuration of the API and the SDK configuration endpoint
	 */
	@Bean
	UrlBasedCorsConfigurationSource corsConfigurationSource(
			@Value("${sample.frontends.origins:http://localhost:5173,http://localhost:5174}") List<String> origins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(origins);
		cors.setAllowedMethods(List.of("GET", "HEAD"));
		cors.setAllowedHeaders(List.of("Authorization", "Accept"));
		cors.setMaxAge(600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		source.registerCorsConfiguration("/login/notp/config", cors);
		return source;
	}

}
