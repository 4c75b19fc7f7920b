package com.descope.notp.autoconfigure;

import com.descope.notp.client.DescopeClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The {@link DescopeClient}, from {@code descope.project-id}, {@code descope.base-url},
 * {@code descope.notp.provider} and {@code descope.http.*}, starting from Spring Boot's
 * {@link RestClient.Builder} when there is one.
 */
@AutoConfiguration(after = RestClientAutoConfiguration.class)
@ConditionalOnClass(RestClient.class)
@EnableConfigurationProperties(DescopeProperties.class)
public final class DescopeClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DescopeClient descopeClient(DescopeProperties properties, ObjectProvider<RestClient.Builder> restClientBuilder) {
		return DescopeClient.builder(properties.requireProjectId())
			.baseUrl(properties.getBaseUrl())
			.provider(properties.getNotp().getProvider())
			.connectTimeout(properties.getHttp().getConnectTimeout())
			.readTimeout(properties.getHttp().getReadTimeout())
			.retryBackoff(properties.getHttp().getRetryBackoff())
			.restClientBuilder(restClientBuilder.getIfAvailable())
			.build();
	}

}
