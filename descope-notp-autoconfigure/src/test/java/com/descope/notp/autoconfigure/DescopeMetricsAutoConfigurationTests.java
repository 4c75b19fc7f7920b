package com.descope.notp.autoconfigure;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DescopeMetricsAutoConfiguration}: the verified-token cache of the
 * auto-configured decoder bound with Micrometer's {@code CaffeineCacheMetrics} to the
 * application's {@link MeterRegistry} as the cache {@code descope.verified-tokens} when
 * the first token is decoded (hits, misses, size), tokens from the Descope emulator over
 * real HTTP; nothing bound and nothing failing without a registry or without
 * {@code micrometer-core}.
 */
class DescopeMetricsAutoConfigurationTests {

	private static final DescopeEmulator emulator = DescopeEmulator.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
				DescopeJwtAutoConfiguration.class, DescopeMetricsAutoConfiguration.class))
		.withPropertyValues("descope.project-id=" + emulator.projectId(), "descope.base-url=" + emulator.baseUrl());

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void decodeWhenAMeterRegistryExistsThenTheVerifiedTokenCacheIsMeasured() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("cache.gets").meters()).isEmpty();
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			String token = emulator.issueSessionJwt(bob());
			decoder.decode(token);
			decoder.decode(token);
			decoder.decode(token);
			assertThat(meters.get("cache.gets")
				.tags("cache", DescopeMetricsAutoConfiguration.VERIFIED_TOKEN_CACHE, "result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
			// a token is cached at its second verification
			assertThat(meters.get("cache.gets")
				.tags("cache", DescopeMetricsAutoConfiguration.VERIFIED_TOKEN_CACHE, "result", "miss")
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(meters.get("cache.size")
				.tag("cache", DescopeMetricsAutoConfiguration.VERIFIED_TOKEN_CACHE)
				.gauge()
				.value()).isEqualTo(1);
		});
	}

	@Test
	void decodeWhenNoMeterRegistryThenNothingIsBoundAndTokensValidate() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(VerifiedTokenCacheBinder.class);
			String token = emulator.issueSessionJwt(bob());
			assertThat(context.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo(bob().userId());
		});
	}

	@Test
	void decodeWhenMicrometerCoreIsAbsentThenNoBinderAndTokensValidate() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(VerifiedTokenCacheBinder.class);
			String token = emulator.issueSessionJwt(bob());
			assertThat(context.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo(bob().userId());
		});
	}

	private static EmulatedUser bob() {
		return emulator.findUserByLoginId("+15555550101").orElseThrow();
	}

}
