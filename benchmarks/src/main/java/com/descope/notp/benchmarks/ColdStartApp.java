package com.descope.notp.benchmarks;

import java.util.Map;

import com.descope.notp.test.DescopeEmulator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One cold start, in a fresh JVM: a minimal MVC app with Spring Security and one
 * endpoint, with the starter's auto-configuration ({@code with}) or with it excluded
 * ({@code without}, so Boot's default security). Prints {@code COLDSTART <ms>}: the time
 * {@code SpringApplication.run} takes, from before the call to a started context with
 * Tomcat listening. The emulator the starter is pointed at is started (in both modes)
 * before the clock starts.
 */
public final class ColdStartApp {

	private ColdStartApp() {
	}

	public static void main(String[] args) {
		boolean withStarter = args.length > 0 && "with".equals(args[0]);
		try (DescopeEmulator emulator = DescopeEmulator.start()) {
			SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
				.logStartupInfo(false)
				.properties(Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off",
						"logging.level.root", "WARN", "descope.project-id", emulator.projectId(), "descope.base-url",
						emulator.baseUrl()));
			if (!withStarter) {
				builder.properties("spring.autoconfigure.exclude=" + BenchmarkApps.DESCOPE_AUTO_CONFIGURATIONS);
			}
			long start = System.nanoTime();
			ConfigurableApplicationContext context = builder.run();
			long elapsed = System.nanoTime() - start;
			System.out.println("COLDSTART " + (elapsed / 1_000_000.0));
			context.close();
		}
		System.exit(0);
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

}
