package com.descope.notp.benchmarks;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reactive twins of {@link BenchmarkApps}: minimal Spring Boot WebFlux apps on Netty
 * (the reactive web application type forced, since the servlet stack is on the class path
 * too), each with one endpoint, {@code GET /api/me}, started in-process on a random
 * loopback port.
 */
final class ReactiveBenchmarkApps {

	/**
	 * The starter's reactive auto-configurations, excluded with
	 * {@link BenchmarkApps#DESCOPE_AUTO_CONFIGURATIONS} for a baseline without it.
	 */
	static final String DESCOPE_REACTIVE_AUTO_CONFIGURATIONS = "com.descope.notp.autoconfigure.DescopeReactiveSecurityAutoConfiguration,"
			+ "com.descope.notp.autoconfigure.DescopeWebFluxSecurityAutoConfiguration,"
			+ "com.descope.notp.autoconfigure.DescopeReactiveMethodSecurityAutoConfiguration";

	/**
	 * Spring Boot's reactive security auto-configurations, excluded for the unsecured
	 * app.
	 */
	static final String REACTIVE_SECURITY_AUTO_CONFIGURATIONS = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration";

	private static final String WITHOUT_STARTER = "spring.autoconfigure.exclude="
			+ BenchmarkApps.DESCOPE_AUTO_CONFIGURATIONS + "," + DESCOPE_REACTIVE_AUTO_CONFIGURATIONS;

	private ReactiveBenchmarkApps() {
	}

	/**
	 * The starter's default reactive chain
	 * ({@code DescopeWebFluxSecurityAutoConfiguration}: the app defines no
	 * {@link SecurityWebFilterChain}); a bearer session JWT authenticates
	 * {@code /api/me}.
	 * @param projectId the emulator's project id
	 * @param baseUrl the emulator's base URL
	 * @return the running application; the caller closes it
	 */
	static ConfigurableApplicationContext starter(String projectId, String baseUrl) {
		return BenchmarkApps.start(StarterApp.class, WebApplicationType.REACTIVE, (context) -> {
		}, "descope.project-id=" + projectId, "descope.base-url=" + baseUrl);
	}

	/**
	 * Spring's own reactive resource server: {@code oauth2ResourceServer(jwt)} with
	 * {@link NimbusReactiveJwtDecoder#withJwkSetUri} on the same JWKS, the starter
	 * excluded.
	 * @param jwksUri the emulator's JWKS URL
	 * @return the running application; the caller closes it
	 */
	static ConfigurableApplicationContext resourceServer(String jwksUri) {
		return BenchmarkApps.start(ResourceServerApp.class, WebApplicationType.REACTIVE, (context) -> {
		}, "benchmark.jwks-uri=" + jwksUri, WITHOUT_STARTER);
	}

	/**
	 * The same endpoint with no security at all, answering the given principal (the one
	 * the starter's app makes of the benchmark's token).
	 * @param sameAnswer the principal to answer with
	 * @return the running application; the caller closes it
	 */
	static ConfigurableApplicationContext unsecured(DescopePrincipal sameAnswer) {
		return BenchmarkApps.start(UnsecuredApp.class, WebApplicationType.REACTIVE,
				(context) -> context.getBeanFactory().registerSingleton("sameAnswer", sameAnswer),
				WITHOUT_STARTER + "," + REACTIVE_SECURITY_AUTO_CONFIGURATIONS);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(BenchmarkApps.StarterController.class)
	static class StarterApp {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ResourceServerController.class)
	static class ResourceServerApp {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
			return http.build();
		}

		/**
		 * What Boot builds from
		 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} in a reactive
		 * app.
		 * @param environment the environment holding the JWKS URL
		 * @return the decoder
		 */
		@Bean
		ReactiveJwtDecoder jwtDecoder(Environment environment) {
			return NimbusReactiveJwtDecoder.withJwkSetUri(environment.getRequiredProperty("benchmark.jwks-uri"))
				.build();
		}

	}

	@RestController
	static class ResourceServerController {

		@GetMapping("/api/me")
		Map<String, Object> me(@AuthenticationPrincipal Jwt jwt) {
			return Map.of("userId", jwt.getSubject(), "roles", jwt.getClaimAsStringList("roles"));
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(BenchmarkApps.UnsecuredController.class)
	static class UnsecuredApp {

	}

}
