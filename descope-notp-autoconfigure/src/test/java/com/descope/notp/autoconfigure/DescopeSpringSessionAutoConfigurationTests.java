package com.descope.notp.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

import com.descope.notp.core.DescopeTokens;
import com.descope.notp.security.session.SessionStoreUnavailableFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DescopeSpringSessionAutoConfiguration}: with a Spring Session filter, the
 * {@link SessionStoreUnavailableFilter} just before it; with
 * {@code descope.spring-session.json=true}, the JSON
 * {@code springSessionDefaultRedisSerializer} (writing the starter's types), unless the
 * application has its own; nothing without Spring Session.
 */
class DescopeSpringSessionAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeSpringSessionAutoConfiguration.class));

	@Test
	void autoConfigurationWhenSpringSessionFiltersRequestsThenTheStoreFailureFilterRunsJustBeforeIt() {
		this.contextRunner.withUserConfiguration(SpringSessionConfiguration.class).run((context) -> {
			assertThat(context).hasBean("descopeSessionStoreUnavailableFilter");
			FilterRegistrationBean<?> registration = context.getBean("descopeSessionStoreUnavailableFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(SessionStoreUnavailableFilter.class);
			assertThat(registration.getOrder()).isEqualTo(SessionRepositoryFilter.DEFAULT_ORDER - 1);
			assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer");
		});
	}

	@Test
	void autoConfigurationWhenNoSpringSessionFilterThenNoStoreFailureFilter() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void autoConfigurationWhenJsonIsAskedForThenSessionsAreWrittenAsJsonWithTheStartersTypes() {
		this.contextRunner.withPropertyValues("descope.spring-session.json=true").run((context) -> {
			RedisSerializer<?> serializer = context.getBean("springSessionDefaultRedisSerializer",
					RedisSerializer.class);
			assertThat(serializer).isInstanceOf(GenericJacksonJsonRedisSerializer.class);
			GenericJacksonJsonRedisSerializer json = (GenericJacksonJsonRedisSerializer) serializer;
			DescopeTokens tokens = new DescopeTokens("s", "r");
			byte[] written = json.serialize(tokens);
			assertThat(new String(written, StandardCharsets.UTF_8)).contains(DescopeTokens.class.getName());
			assertThat(json.deserialize(written)).isEqualTo(tokens);
		});
	}

	@Test
	void autoConfigurationWhenTheApplicationHasItsOwnSerializerThenItIsKept() {
		this.contextRunner.withPropertyValues("descope.spring-session.json=true")
			.withUserConfiguration(OwnSerializerConfiguration.class)
			.run((context) -> assertThat(context.getBean("springSessionDefaultRedisSerializer"))
				.isInstanceOf(JdkSerializationRedisSerializer.class));
	}

	@Test
	void autoConfigurationWhenJsonIsNotAskedForOrSpringSessionIsAbsentThenNothing() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer"));
		this.contextRunner.withPropertyValues("descope.spring-session.json=true")
			.withUserConfiguration(SpringSessionConfiguration.class)
			.withClassLoader(new FilteredClassLoader(SessionRepositoryFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer")
				.doesNotHaveBean("descopeSessionStoreUnavailableFilter"));
	}

	@Configuration(proxyBeanMethods = false)
	static class SpringSessionConfiguration {

		@Bean
		SessionRepositoryFilter<?> springSessionRepositoryFilter() {
			return new SessionRepositoryFilter<>(new MapSessionRepository(new ConcurrentHashMap<>()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSerializerConfiguration {

		@Bean
		RedisSerializer<Object> springSessionDefaultRedisSerializer() {
			return new JdkSerializationRedisSerializer();
		}

	}

}
