package com.descope.notp.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample runs on the emulator only when no Descope project is configured.
 */
class EmulatorEnvironmentPostProcessorTests {

	@Test
	void postProcessWhenProjectIdSetThenNoEmulator() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("descope.project-id", "P2aAc4T2V93bddihGEx2Ryhc8e5Z")));
		new EmulatorEnvironmentPostProcessor(new org.springframework.boot.logging.DeferredLogs())
			.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(EmulatorEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("descope.base-url")).isNull();
	}

	@Test
	void runWhenNoProjectIdThenEmulatorServesAndStopsWithTheApplication() throws Exception {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		DescopeEmulator emulator;
		try (ConfigurableApplicationContext context = application.run()) {
			emulator = context.getBean(DescopeEmulator.class);
			assertThat(context.getEnvironment().getProperty("descope.project-id")).isEqualTo(emulator.projectId());
			assertThat(context.getEnvironment().getProperty("descope.base-url")).isEqualTo(emulator.baseUrl());
			assertThat(jwksStatus(emulator)).isEqualTo(200);
		}
		assertThat(jwksStatus(emulator)).isEqualTo(-1);
	}

	private static int jwksStatus(DescopeEmulator emulator) throws InterruptedException {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/keys/" + emulator.projectId()))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
