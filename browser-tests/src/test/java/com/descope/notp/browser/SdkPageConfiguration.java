package com.descope.notp.browser;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Test-only static files on the sample application's own origin, as a front end would be
 * deployed: the plain HTML page ({@code src/test/resources/sdk-page/index.html}) and the
 * web SDK's UMD bundle from {@code src/test/js/node_modules}, at {@code /sdk-page/**},
 * public.
 */
@TestConfiguration(proxyBeanMethods = false)
class SdkPageConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain sdkPageFiles(HttpSecurity http) {
		http.securityMatcher("/sdk-page/**").authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	WebMvcConfigurer sdkPageResources() {
		return new WebMvcConfigurer() {
			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler("/sdk-page/**")
					.addResourceLocations("classpath:/sdk-page/",
							WebJsSdkBrowserTests.SDK_BUNDLE.getParent().toAbsolutePath().toUri().toString());
			}
		};
	}

}
