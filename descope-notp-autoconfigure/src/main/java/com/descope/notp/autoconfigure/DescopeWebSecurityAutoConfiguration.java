package com.descope.notp.autoconfigure;

import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.security.login.NotpLoginConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The default {@link SecurityFilterChain} of an application that defines none (Spring
 * Boot's {@link ConditionalOnDefaultWebSecurity}): every request authenticated but
 * {@code /error}, CSRF in Spring's single-page-app mode, and
 * {@link NotpLoginConfigurer#notpLogin()}. It takes the place of Spring Boot's default
 * chain (form login and HTTP Basic) and of Spring Boot Actuator's, so it runs before both
 * auto-configurations, and only when the nOTP login is set up (a
 * {@link NotpAuthenticationProvider} bean, from {@link DescopeSecurityAutoConfiguration}
 * or the application). Any {@code SecurityFilterChain} of the application's own replaces
 * it; apply {@code notpLogin()} there.
 */
@AutoConfiguration(after = DescopeSecurityAutoConfiguration.class,
		before = { ManagementWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(EnableWebSecurity.class)
@ConditionalOnDefaultWebSecurity
@ConditionalOnBean(NotpAuthenticationProvider.class)
public final class DescopeWebSecurityAutoConfiguration {

	@Bean
	SecurityFilterChain descopeSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
			.csrf((csrf) -> csrf.spa())
			.with(NotpLoginConfigurer.notpLogin(), Customizer.withDefaults());
		return http.build();
	}

}
