package com.descope.notp.sample;

import com.descope.notp.security.login.NotpLoginConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's filter chain: the home page is public, everything else needs a Descope
 * session; method security turns on {@code @PreAuthorize}. CORS is Spring's standard one:
 * the {@code corsConfigurationSource} bean ({@link CrossOriginConfiguration}, with
 * {@code sample.cors.allowed-origins}), else Spring MVC's mappings.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/", "/error", "/favicon.ico")
			.permitAll()
			.anyRequest()
			.authenticated())
			.csrf((csrf) -> csrf.spa())
			.cors(Customizer.withDefaults())
			.with(NotpLoginConfigurer.notpLogin(), Customizer.withDefaults());
		return http.build();
	}

}
