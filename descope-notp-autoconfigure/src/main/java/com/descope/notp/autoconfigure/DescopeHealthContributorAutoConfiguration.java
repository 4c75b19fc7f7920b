package com.descope.notp.autoconfigure;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.health.DescopeHealthIndicator;
import com.descope.notp.jwt.DescopeJwksState;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * The {@code descope} health indicator ({@link DescopeHealthIndicator}), when Spring
 * Boot's health support is on the class path ({@code spring-boot-health}, which
 * {@code spring-boot-starter-actuator} brings) and unless
 * {@code management.health.descope.enabled=false} (or
 * {@code management.health.defaults.enabled=false}). It reads the JWKS state of the
 * starter's session-token decoder; with a {@code JwtDecoder} of the application's own it
 * reports the API only, unless the application defines a {@link DescopeJwksState} bean
 * and builds its decoder with it. Backs off when the application defines a bean named
 * {@code descopeHealthIndicator} or {@code descopeHealthContributor}.
 */
@AutoConfiguration(after = { DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class },
		before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(Health.class)
@ConditionalOnBean(DescopeClient.class)
@ConditionalOnEnabledHealthIndicator("descope")
public final class DescopeHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "descopeHealthIndicator", "descopeHealthContributor" })
	DescopeHealthIndicator descopeHealthIndicator(DescopeClient descopeClient,
			ObjectProvider<DescopeJwksState> jwksState) {
		return new DescopeHealthIndicator(descopeClient, jwksState.getIfUnique());
	}

}
