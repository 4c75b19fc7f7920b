package com.descope.notp.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Metrics of what the starter keeps in memory, when Micrometer's {@code micrometer-core}
 * is on the class path: the verified-token cache of its {@code JwtDecoder}, bound with
 * Micrometer's {@link CaffeineCacheMetrics} as the cache {@value #VERIFIED_TOKEN_CACHE}
 * ({@code cache.size}, {@code cache.gets} by {@code result=hit|miss},
 * {@code cache.evictions}, ...) to the application's {@link MeterRegistry}, when the
 * decoder makes the cache at the first token it decodes. Without a {@code MeterRegistry}
 * bean then, nothing is bound.
 *
 * <p>
 * Pending logins are not counted here: they live in the HTTP sessions or in the browsers'
 * cookies, not in this instance's memory; the {@code descope.login.start} and
 * {@code descope.login.poll} observations count how they start and end.
 */
@AutoConfiguration(before = DescopeJwtAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, CaffeineCacheMetrics.class })
public final class DescopeMetricsAutoConfiguration {

	/** The {@code cache} tag of the verified-token cache's meters. */
	static final String VERIFIED_TOKEN_CACHE = "descope.verified-tokens";

	@Bean
	VerifiedTokenCacheBinder descopeVerifiedTokenCacheBinder(ObjectProvider<MeterRegistry> meterRegistry) {
		return (cache) -> {
			MeterRegistry registry = meterRegistry.getIfUnique();
			if (registry != null) {
				CaffeineCacheMetrics.monitor(registry, cache, VERIFIED_TOKEN_CACHE);
			}
		};
	}

}
