package com.descope.notp.autoconfigure;

import java.util.Map;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.health.DescopeHealthIndicator;
import com.descope.notp.jwt.DescopeJwksState;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DescopeHealthContributorAutoConfiguration}: the {@code descope} health
 * contributor, registered under that name, reading the JWKS state of the auto-configured
 * decoder (checked by decoding a token from the Descope emulator); off with
 * {@code management.health.descope.enabled=false} or
 * {@code management.health.defaults.enabled=false}, without Spring Boot's health support
 * on the class path, or without a {@link DescopeClient}; the API alone with a decoder of
 * the application's own; backing off for an indicator of the application's own.
 */
class DescopeHealthContributorAutoConfigurationTests {

	private static final DescopeEmulator emulator = DescopeEmulator.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
				DescopeJwtAutoConfiguration.class, DescopeHealthContributorAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("descope.project-id=" + emulator.projectId(), "descope.base-url=" + emulator.baseUrl());

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void healthWhenSpringBootHealthIsPresentThenTheDescopeContributorReadsTheDecodersKeys() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DescopeHealthIndicator.class).hasBean("descopeHealthIndicator");
			HealthIndicator descope = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
				.getContributor("descope");
			assertThat(descope).isSameAs(context.getBean(DescopeHealthIndicator.class));
			assertThat(descope.health().getStatus()).isEqualTo(Status.UNKNOWN);

			context.getBean(JwtDecoder.class)
				.decode(emulator.issueSessionJwt(emulator.findUserByLoginId("+15555550100").orElseThrow()));
			Health health = descope.health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("projectId", emulator.projectId())
				.extractingByKey("jwks")
				.asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("status", "UP")
				.containsEntry("keys", 1);
			assertThat(context.getBean(DescopeJwksState.class).snapshot().keys()).isEqualTo(1);
		});
	}

	@Test
	void healthWhenTheDescopeIndicatorIsDisabledThenNone() {
		this.contextRunner.withPropertyValues("management.health.descope.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DescopeHealthIndicator.class));
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DescopeHealthIndicator.class));
	}

	@Test
	void healthWhenDefaultsAreDisabledButDescopeIsEnabledThenTheDescopeIndicator() {
		this.contextRunner
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.descope.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(DescopeHealthIndicator.class));
	}

	@Test
	void healthWhenSpringBootHealthIsAbsentThenNoIndicatorAndTheDecoderStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Health.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DescopeHealthIndicator.class);
			assertThat(context.getBean(JwtDecoder.class)
				.decode(emulator.issueSessionJwt(emulator.findUserByLoginId("+15555550100").orElseThrow()))
				.getSubject()).isNotEmpty();
		});
	}

	@Test
	void healthWhenThereIsNoDescopeClientThenNoIndicator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DescopeHealthContributorAutoConfiguration.class,
					HealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DescopeHealthIndicator.class));
	}

	@Test
	void healthWhenTheApplicationHasItsOwnDecoderThenTheApiAlone() {
		this.contextRunner.withUserConfiguration(OwnDecoderConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(DescopeJwksState.class);
			assertThat(context.getBean(DescopeHealthIndicator.class).health().getDetails()).doesNotContainKey("jwks")
				.containsEntry("api", Map.of("status", "UNKNOWN"));
		});
	}

	@Test
	void healthWhenTheApplicationHasItsOwnIndicatorThenItIsKept() {
		this.contextRunner.withUserConfiguration(OwnIndicatorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(DescopeHealthIndicator.class);
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("descope"))
				.isSameAs(context.getBean("descopeHealthIndicator"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDecoderConfiguration {

		@Bean
		JwtDecoder jwtDecoder(DescopeClient client) {
			return DescopeJwtDecoderBuilder.withJwkSetUri(client.getJwksUri(), client.getProjectId()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnIndicatorConfiguration {

		@Bean
		HealthIndicator descopeHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
