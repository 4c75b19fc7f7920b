package com.descope.notp.sample;

import com.descope.notp.security.login.NotpLoginConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's filter chain: the home page and the health endpoint are public (its
 * details for signed-in users only), everything else needs a Descope session; method
 * security turns on {@code @PreAuthorize}. CORS is Spring's standard one, from the
 * {@code corsConfigurationSource} bean of {@link CrossOriginConfiguration}
 * ({@code sample.cors.allowed-origins}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/error", "/favicon.ico", "/actuator/health", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.csrf((csrf) -> csrf.spa())
			.cors(Customizer.withDefaults())
			.with(NotpLoginConfigurer.notpLogin(), Customizer.withDefaults());
		return http.build();
	}

}
