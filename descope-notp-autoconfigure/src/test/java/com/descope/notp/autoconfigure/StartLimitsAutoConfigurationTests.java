package com.descope.notp.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.descope.notp.core.NotpLoginService;
import com.descope.notp.limits.InMemoryKeyedRateLimiter;
import com.descope.notp.limits.KeyedRateLimiter;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.limits.RateLimit;
import com.descope.notp.limits.RateLimitDecision;
import com.descope.notp.limits.StartLimits;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * How {@code descope.notp.rate-limit.*}, {@code descope.notp.allowed-regions} and
 * {@code descope.notp.denied-regions} become the {@link NotpStartGuard} of the login
 * service: the documented defaults, limits turned off one by one or all at once, regions
 * upper-cased; a bad value fails the start-up naming the property; a
 * {@link KeyedRateLimiter} bean of the application's own (a shared store) replaces the
 * in-memory one, and counts the starts that go through the real filter chain.
 */
class StartLimitsAutoConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DescopeEmulator emulator = DescopeEmulator.start();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
				DescopeJwtAutoConfiguration.class, DescopeSecurityAutoConfiguration.class,
				DescopeWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("descope.project-id=" + emulator.projectId(), "descope.base-url=" + emulator.baseUrl());

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void guardWhenNothingIsSetThenTheDefaultLimitsInMemoryAndEveryRegion() {
		this.contextRunner.run((context) -> {
			NotpStartGuard guard = context.getBean(NotpStartGuard.class);
			assertThat(guard.getLimits()).isEqualTo(StartLimits.DEFAULTS);
			assertThat(guard.getLimits().perNumber()).isEqualTo(new RateLimit(5, Duration.ofMinutes(10)));
			assertThat(guard.getLimits().perAddress()).isEqualTo(new RateLimit(30, Duration.ofMinutes(10)));
			assertThat(guard.getLimits().global()).isEqualTo(new RateLimit(300, Duration.ofMinutes(1)));
			assertThat(context.getBean(KeyedRateLimiter.class)).isInstanceOf(InMemoryKeyedRateLimiter.class);
			assertThat(context.getBean(NotpLoginService.class).getStartGuard()).isSameAs(guard);
		});
	}

	@Test
	void guardWhenLimitsAndRegionsAreSetThenItEnforcesThem() {
		this.contextRunner
			.withPropertyValues("descope.notp.rate-limit.per-number.permits=2",
					"descope.notp.rate-limit.per-number.period=1h", "descope.notp.rate-limit.per-address.permits=0",
					"descope.notp.rate-limit.global.period=30s", "descope.notp.allowed-regions=us, br",
					"descope.notp.denied-regions=")
			.run((context) -> assertThat(context.getBean(NotpStartGuard.class).getLimits())
				.isEqualTo(new StartLimits(null, new RateLimit(2, Duration.ofHours(1)),
						new RateLimit(300, Duration.ofSeconds(30)), Set.of("US", "BR"), Set.of())));
	}

	@Test
	void guardWhenRateLimitingIsOffThenOnlyTheRegionRulesApply() {
		this.contextRunner.withPropertyValues("descope.notp.rate-limit.enabled=false", "descope.notp.denied-regions=JM")
			.run((context) -> assertThat(context.getBean(NotpStartGuard.class).getLimits())
				.isEqualTo(new StartLimits(null, null, null, Set.of(), Set.of("JM"))));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "descope.notp.rate-limit.per-number.permits=-1|descope.notp.rate-limit.per-number.permits",
					"descope.notp.rate-limit.per-address.period=500ms|descope.notp.rate-limit.per-address.period",
					"descope.notp.rate-limit.global.period=0s|descope.notp.rate-limit.global.period",
					"descope.notp.rate-limit.max-keys=0|descope.notp.rate-limit.max-keys",
					"descope.notp.allowed-regions=US,XX|descope.notp.allowed-regions[1]",
					"descope.notp.denied-regions=USA|descope.notp.denied-regions[0]" })
	void startUpWhenAValueIsBadThenFailsNamingTheProperty(String setting, String property) {
		this.contextRunner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property);
		});
	}

	@Test
	void startUpWhenARegionIsBothAllowedAndDeniedThenFailsNamingTheDeniedRegions() {
		this.contextRunner.withPropertyValues("descope.notp.allowed-regions=US,BR", "descope.notp.denied-regions=br")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("descope.notp.denied-regions")
				.hasMessageContaining("BR"));
	}

	@Test
	void rateLimiterWhenTheApplicationHasOneThenItCountsTheStartsThroughTheFilterChain() {
		this.contextRunner.withUserConfiguration(SharedStoreConfiguration.class).run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
			RecordingRateLimiter shared = context.getBean(RecordingRateLimiter.class);
			assertThat(context.getBean(NotpStartGuard.class)).isNotNull();
			long callsBefore = emulator.calls().size();

			MockHttpServletResponse response = mvc.perform(post("/login/notp").with(csrf()).with((request) -> {
				request.setRemoteAddr("203.0.113.7");
				return request;
			})
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("loginId", "+1 555 010 0199")))).andReturn().getResponse();

			assertThat(response.getStatus()).isEqualTo(429);
			assertThat(response.getHeader("Retry-After")).isEqualTo("7");
			assertThat(shared.keys).containsExactly("address:203.0.113.7", "number:+15550100199");
			assertThat(emulator.calls()).hasSize((int) callsBefore);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedStoreConfiguration {

		@Bean
		RecordingRateLimiter sharedStoreRateLimiter() {
			return new RecordingRateLimiter();
		}

	}

	/**
	 * Stands for a shared store: records the keys asked for, and has no permit left for
	 * numbers.
	 */
	static class RecordingRateLimiter implements KeyedRateLimiter {

		final java.util.List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public RateLimitDecision tryAcquire(String key, RateLimit limit) {
			this.keys.add(key);
			return key.startsWith("number:") ? RateLimitDecision.refused(Duration.ofMillis(6_200))
					: RateLimitDecision.permitted();
		}

	}

}
