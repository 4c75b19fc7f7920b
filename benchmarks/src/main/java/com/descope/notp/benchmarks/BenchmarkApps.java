package com.descope.notp.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.security.login.NotpLoginConfigurer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The applications the end-to-end and start-up benchmarks run, each a minimal Spring Boot
 * MVC app (their reactive twins: {@link ReactiveBenchmarkApps}) with one endpoint,
 * {@code GET /api/me}, started in-process on a random loopback port.
 */
final class BenchmarkApps {

	/**
	 * All of the starter's auto-configurations, to exclude for a baseline without it
	 * (method security and the default chain included: until 2026-12 the last two were
	 * left in, so the cold-start baseline ran the starter's method security too).
	 */
	static final String DESCOPE_AUTO_CONFIGURATIONS = "com.descope.notp.autoconfigure.DescopeClientAutoConfiguration,"
			+ "com.descope.notp.autoconfigure.DescopeJwtAutoConfiguration,"
			+ "com.descope.notp.autoconfigure.DescopeSecurityAutoConfiguration,"
			+ "com.descope.notp.autoconfigure.DescopeWebSecurityAutoConfiguration,"
			+ "com.descope.notp.autoconfigure.DescopeMethodSecurityAutoConfiguration,"
			+ "com.descope.notp.autoconfigure.DescopeSpringSessionAutoConfiguration";

	/**
	 * Spring Data Redis' auto-configuration: Spring Session on Redis is on the class path
	 * for the two-node benchmark ({@link #starterOnRedis}), and every other app excludes
	 * this so that it keeps the container's own HTTP sessions (without a Redis connection
	 * factory Spring Boot configures no Redis session repository) and never connects to a
	 * Redis of the machine's.
	 */
	static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	static final String SECURITY_AUTO_CONFIGURATIONS = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration";

	private BenchmarkApps() {
	}

	/**
	 * The sample's shape: the starter's auto-configuration and a filter chain with
	 * {@code notpLogin()}; a bearer session JWT authenticates {@code /api/me}.
	 * @param projectId the emulator's project id
	 * @param baseUrl the emulator's base URL
	 * @return the running application; the caller closes it
	 */
	static ConfigurableApplicationContext starter(String projectId, String baseUrl) {
		return start(StarterApp.class, "descope.project-id=" + projectId, "descope.base-url=" + baseUrl);
	}

	/**
	 * The same app as {@link #starter} as one node of several that share their HTTP
	 * sessions through Spring Session on Redis (Spring Boot's defaults: JDK
	 * serialization, sessions saved at the end of each request), as the sample's two-node
	 * tests run it.
	 * @param projectId the emulator's project id
	 * @param baseUrl the emulator's base URL
	 * @param redisPort the port of the Redis on 127.0.0.1
	 * @return the running application; the caller closes it
	 */
	static ConfigurableApplicationContext starterOnRedis(String projectId, String baseUrl, int redisPort) {
		return start(StarterApp.class, WebApplicationType.SERVLET, (context) -> {
		}, false, "descope.project-id=" + projectId, "descope.base-url=" + baseUrl, "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redisPort, "spring.session.data.redis.namespace=notp-benchmark");
	}

	/**
	 * Spring's own resource server: {@code oauth2ResourceServer(jwt)} on the same JWKS.
	 * @param jwksUri the emulator's JWKS URL
	 * @return the running application; the caller closes it
	 */
	static ConfigurableApplicationContext resourceServer(String jwksUri) {
		return start(ResourceServerApp.class, "benchmark.jwks-uri=" + jwksUri,
				"spring.autoconfigure.exclude=" + DESCOPE_AUTO_CONFIGURATIONS);
	}

	/**
	 * The same endpoint with no security at all, answering the same body as the starter's
	 * app: the given principal (the one the starter's app makes of the benchmark's
	 * token), so the two differ only by what security costs.
	 * @param sameAnswer the principal to answer with
	 * @return the running application; the caller closes it
	 */
	static ConfigurableApplicationContext unsecured(DescopePrincipal sameAnswer) {
		return start(UnsecuredApp.class,
				(context) -> context.getBeanFactory().registerSingleton("sameAnswer", sameAnswer),
				"spring.autoconfigure.exclude=" + DESCOPE_AUTO_CONFIGURATIONS + "," + SECURITY_AUTO_CONFIGURATIONS);
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static ConfigurableApplicationContext start(Class<?> app, String... properties) {
		return start(app, (context) -> {
		}, properties);
	}

	private static ConfigurableApplicationContext start(Class<?> app,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer, String... properties) {
		return start(app, WebApplicationType.SERVLET, initializer, properties);
	}

	/**
	 * Starts an app of the given web application type on a random loopback port, with the
	 * container's own HTTP sessions (Redis excluded).
	 * @param app the app's configuration
	 * @param type the web application type, forced since both stacks are on the class
	 * path
	 * @param initializer what to do to the context before it is refreshed
	 * @param properties {@code name=value} pairs
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(Class<?> app, WebApplicationType type,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer, String... properties) {
		return start(app, type, initializer, true, properties);
	}

	/**
	 * Starts an app on a random loopback port.
	 * @param app the app's configuration
	 * @param type the web application type
	 * @param initializer what to do to the context before it is refreshed
	 * @param containerSessions whether to exclude {@link #REDIS_AUTO_CONFIGURATION}, so
	 * that the app keeps the container's own HTTP sessions
	 * @param properties {@code name=value} pairs; the exclusions of
	 * {@code spring.autoconfigure.exclude} are added to Redis'
	 * @return the running application
	 */
	private static ConfigurableApplicationContext start(Class<?> app, WebApplicationType type,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer, boolean containerSessions,
			String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("server.address", "127.0.0.1");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("logging.level.root", "WARN");
		defaults.put("spring.jmx.enabled", "false");
		// the drivers start thousands of logins from one address with few numbers: the
		// start
		// limits would refuse them, and they are not what these figures measure
		defaults.put("descope.notp.rate-limit.enabled", "false");
		if (containerSessions) {
			defaults.put(EXCLUDE, REDIS_AUTO_CONFIGURATION);
		}
		for (String property : properties) {
			int eq = property.indexOf('=');
			defaults.merge(property.substring(0, eq), property.substring(eq + 1),
					(old, added) -> EXCLUDE.equals(property.substring(0, eq)) ? old + "," + added : added);
		}
		return new SpringApplicationBuilder(app).web(type)
			.properties(defaults)
			.logStartupInfo(false)
			.initializers(initializer)
			.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(StarterController.class)
	static class StarterApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/", "/error", "/favicon.ico")
				.permitAll()
				.anyRequest()
				.authenticated())
				.csrf((csrf) -> csrf.spa())
				.with(NotpLoginConfigurer.notpLogin(), Customizer.withDefaults());
			return http.build();
		}

	}

	@RestController
	static class StarterController {

		@GetMapping("/api/me")
		DescopePrincipal me(@AuthenticationPrincipal DescopePrincipal user) {
			return user;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ResourceServerController.class)
	static class ResourceServerApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
			return http.build();
		}

		/**
		 * What Boot builds from
		 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}.
		 * @param environment the environment holding the JWKS URL
		 * @return the decoder
		 */
		@Bean
		JwtDecoder jwtDecoder(org.springframework.core.env.Environment environment) {
			return NimbusJwtDecoder.withJwkSetUri(environment.getRequiredProperty("benchmark.jwks-uri")).build();
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
	@Import(UnsecuredController.class)
	static class UnsecuredApp {

	}

	@RestController
	static class UnsecuredController {

		private final DescopePrincipal sameAnswer;

		UnsecuredController(DescopePrincipal sameAnswer) {
			this.sameAnswer = sameAnswer;
		}

		@GetMapping("/api/me")
		DescopePrincipal me() {
			return this.sameAnswer;
		}

	}

}
