package com.descope.notp.autoconfigure;

import java.util.Arrays;
import java.util.List;

import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.security.login.NotpLoginConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The default {@link SecurityFilterChain} of an application that defines none (Spring
 * Boot's {@link ConditionalOnDefaultWebSecurity}): every request authenticated but
 * {@code /error}, CSRF in Spring's single-page-app mode, Spring's standard CORS handling
 * when the application configured CORS (a {@code CorsConfigurationSource} bean or Spring
 * MVC's mappings), and {@link NotpLoginConfigurer#notpLogin()}. It takes the place of
 * Spring Boot's default chain (form login and HTTP Basic) and of Spring Boot Actuator's,
 * so it runs before both auto-configurations, and only when the nOTP login is set up (a
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

	private static final String MVC_INTROSPECTOR = "mvcHandlerMappingIntrospector";

	@Bean
	SecurityFilterChain descopeSecurityFilterChain(HttpSecurity http, ApplicationContext context) {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
			.csrf((csrf) -> csrf.spa())
			.with(NotpLoginConfigurer.notpLogin(), Customizer.withDefaults());
		cors(http, context);
		return http.build();
	}

	/**
	 * Spring's standard CORS handling, when the application configured any: a
	 * {@link CorsConfigurationSource} bean (the one named
	 * {@code corsConfigurationSource}, else the only one), else Spring MVC's CORS
	 * mappings ({@code addCorsMappings}, {@code @CrossOrigin}). A preflight is answered
	 * by the CORS filter, before authentication and CSRF; a request from an origin the
	 * configuration does not allow is refused.
	 * @param http the chain
	 * @param context the application context, for the beans
	 */
	private static void cors(HttpSecurity http, ApplicationContext context) {
		if (context.containsBean("corsConfigurationSource") || context.containsBeanDefinition("corsFilter")) {
			http.cors(Customizer.withDefaults());
			return;
		}
		List<String> sources = Arrays.stream(context.getBeanNamesForType(CorsConfigurationSource.class))
			.filter((name) -> !name.equals(MVC_INTROSPECTOR))
			.toList();
		if (sources.size() == 1) {
			CorsConfigurationSource source = context.getBean(sources.get(0), CorsConfigurationSource.class);
			http.cors((cors) -> cors.configurationSource(source));
		}
		else if (context.containsBean(MVC_INTROSPECTOR)) {
			http.cors(Customizer.withDefaults());
		}
	}

}
