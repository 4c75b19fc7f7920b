package com.descope.notp.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.descope.notp.test.DescopeEmulator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.metrics.StartupStep;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One cold start, in a fresh JVM: a minimal MVC app with Spring Security and one
 * endpoint, in one of three modes:
 * <ul>
 * <li>{@code with}: the starter's auto-configuration (its default filter chain and method
 * security);</li>
 * <li>{@code without}: all of the starter's auto-configurations excluded, so Spring
 * Boot's default security (form login and HTTP Basic);</li>
 * <li>{@code resource-server}: the starter excluded and Spring Security's own resource
 * server ({@code oauth2ResourceServer(jwt)} with {@code NimbusJwtDecoder.withJwkSetUri}
 * on the emulator's JWKS), what an application would write instead of the starter to
 * accept Descope's session tokens.</li>
 * </ul>
 * Prints {@code COLDSTART <ms> CPU <ms>}: the time {@code SpringApplication.run} takes,
 * from before the call to a started context with Tomcat listening, and the CPU time of
 * the thread that ran it (less sensitive to other load on the machine than the elapsed
 * time). The emulator the starter is pointed at is started (in every mode) before the
 * clock starts. With a second argument, a file, it also records Spring's start-up steps
 * ({@link BufferingApplicationStartup}: each bean's instantiation, the configuration
 * classes' parsing, ...) and writes them there, one a line: id, parent id, name,
 * milliseconds, tags.
 */
public final class ColdStartApp {

	static final String WITH = "with";

	static final String WITH_METHOD_SECURITY_OFF = "with-method-security-off";

	static final String WITHOUT = "without";

	static final String RESOURCE_SERVER = "resource-server";

	private ColdStartApp() {
	}

	public static void main(String[] args) throws IOException {
		String mode = (args.length > 0) ? args[0] : WITH;
		Path steps = (args.length > 1) ? Path.of(args[1]) : null;
		try (DescopeEmulator emulator = DescopeEmulator.start()) {
			SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
				.logStartupInfo(false)
				.properties(Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off",
						"logging.level.root", "WARN", "descope.project-id", emulator.projectId(), "descope.base-url",
						emulator.baseUrl(), "benchmark.jwks-uri",
						emulator.baseUrl() + "/v2/keys/" + emulator.projectId(), "spring.autoconfigure.exclude",
						BenchmarkApps.REDIS_AUTO_CONFIGURATION));
			if (WITH_METHOD_SECURITY_OFF.equals(mode)) {
				builder.properties("descope.method-security.enabled=false");
			}
			else if (!WITH.equals(mode)) {
				builder.properties("spring.autoconfigure.exclude=" + BenchmarkApps.DESCOPE_AUTO_CONFIGURATIONS + ","
						+ BenchmarkApps.REDIS_AUTO_CONFIGURATION);
			}
			if (RESOURCE_SERVER.equals(mode)) {
				builder.sources(ResourceServerSecurity.class);
			}
			BufferingApplicationStartup startup = (steps != null) ? new BufferingApplicationStartup(100_000) : null;
			if (startup != null) {
				builder.applicationStartup(startup);
			}
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long cpu = threads.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			ConfigurableApplicationContext context = builder.run();
			long elapsed = System.nanoTime() - start;
			cpu = threads.getCurrentThreadCpuTime() - cpu;
			System.out.println("COLDSTART " + (elapsed / 1_000_000.0) + " CPU " + (cpu / 1_000_000.0));
			if (startup != null) {
				write(startup.getBufferedTimeline(), steps);
			}
			context.close();
		}
		System.exit(0);
	}

	private static void write(StartupTimeline timeline, Path file) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
			StartupStep step = event.getStartupStep();
			StringBuilder tags = new StringBuilder();
			for (StartupStep.Tag tag : step.getTags()) {
				tags.append(tag.getKey()).append('=').append(tag.getValue().replaceAll("[\\t\\n;]", " ")).append(';');
			}
			lines.append(step.getId())
				.append('\t')
				.append(step.getParentId())
				.append('\t')
				.append(step.getName())
				.append('\t')
				.append(event.getDuration().toNanos() / 1_000_000.0)
				.append('\t')
				.append(tags)
				.append('\n');
		}
		Files.writeString(file, lines);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Hello.class)
	static class App {

	}

	@RestController
	static class Hello {

		@GetMapping("/api/hello")
		String hello() {
			return "hello";
		}

	}

	/**
	 * Spring Security's own resource server on the emulator's JWKS, as in the HTTP
	 * benchmark's {@code ResourceServerApp}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ResourceServerSecurity {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
			return http.build();
		}

		@Bean
		JwtDecoder jwtDecoder(Environment environment) {
			return NimbusJwtDecoder.withJwkSetUri(environment.getRequiredProperty("benchmark.jwks-uri")).build();
		}

	}

}
