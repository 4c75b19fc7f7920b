package com.descope.notp.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeBaseUrls} and the clamping of {@link WaitForSessionConfig}.
 */
class DescopeBaseUrlsTests {

	@Test
	void forProjectIdWhenRegionalThenRegionalHost() {
		assertThat(DescopeBaseUrls.forProjectId("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z"))
			.isEqualTo("https://api.use1.descope.com");
	}

	@Test
	void forProjectIdWhenDefaultRegionThenDefaultHost() {
		assertThat(DescopeBaseUrls.forProjectId("P2aAc4T2V93bddihGEx2Ryhc8e5Z")).isEqualTo("https://api.descope.com")
			.isEqualTo(DescopeBaseUrls.DEFAULT);
	}

	@Test
	void forProjectIdWhenShortThenDefaultHost() {
		assertThat(DescopeBaseUrls.forProjectId("Pshort")).isEqualTo(DescopeBaseUrls.DEFAULT);
	}

	@Test
	void builderWhenNoBaseUrlThenDerivesItFromProjectId() {
		try (DescopeClient regional = DescopeClient.builder("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z").build();
				DescopeClient custom = DescopeClient.builder("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z")
					.baseUrl("https://auth.example.com/")
					.build()) {
			assertThat(regional.getBaseUrl()).isEqualTo("https://api.use1.descope.com");
			assertThat(regional.getJwksUri())
				.isEqualTo("https://api.use1.descope.com/v2/keys/Puse12aAc4T2V93bddihGEx2Ryhc8e5Z");
			assertThat(custom.getBaseUrl()).isEqualTo("https://auth.example.com");
		}
	}

	@Test
	void waitForSessionConfigWhenIntervalBelowOneSecondThenOneSecond() {
		assertThat(new WaitForSessionConfig(Duration.ofMillis(200), null).effectivePollingInterval())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(new WaitForSessionConfig(Duration.ZERO, null).effectivePollingInterval())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(new WaitForSessionConfig(Duration.ofSeconds(-3), null).effectivePollingInterval())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(new WaitForSessionConfig(null, null).effectivePollingInterval()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void waitForSessionConfigWhenIntervalAtLeastOneSecondThenKept() {
		assertThat(new WaitForSessionConfig(Duration.ofSeconds(1), null).effectivePollingInterval())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(new WaitForSessionConfig(Duration.ofMillis(2500), null).effectivePollingInterval())
			.isEqualTo(Duration.ofMillis(2500));
	}

	@Test
	void waitForSessionConfigWhenTimeoutZeroNegativeNullOrAboveTenMinutesThenTenMinutes() {
		Duration tenMinutes = Duration.ofMinutes(10);
		assertThat(new WaitForSessionConfig(null, Duration.ZERO).effectiveTimeout()).isEqualTo(tenMinutes);
		assertThat(new WaitForSessionConfig(null, Duration.ofSeconds(-1)).effectiveTimeout()).isEqualTo(tenMinutes);
		assertThat(new WaitForSessionConfig(null, null).effectiveTimeout()).isEqualTo(tenMinutes);
		assertThat(new WaitForSessionConfig(null, Duration.ofMinutes(10).plusMillis(1)).effectiveTimeout())
			.isEqualTo(tenMinutes);
		assertThat(new WaitForSessionConfig(null, Duration.ofHours(2)).effectiveTimeout()).isEqualTo(tenMinutes);
		assertThat(WaitForSessionConfig.DEFAULTS.effectiveTimeout()).isEqualTo(tenMinutes);
	}

	@Test
	void waitForSessionConfigWhenTimeoutWithinTenMinutesThenKept() {
		assertThat(new WaitForSessionConfig(null, Duration.ofSeconds(3)).effectiveTimeout())
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(new WaitForSessionConfig(null, Duration.ofMinutes(10)).effectiveTimeout())
			.isEqualTo(Duration.ofMinutes(10));
	}

}
