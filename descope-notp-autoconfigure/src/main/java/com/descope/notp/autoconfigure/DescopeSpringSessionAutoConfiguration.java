package com.descope.notp.autoconfigure;

import com.descope.notp.jackson.DescopeJacksonModule;
import com.descope.notp.security.session.SessionStoreUnavailableFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * What the starter adds when the application keeps its HTTP sessions in Spring Session,
 * so that several instances share them:
 * <ul>
 * <li>a {@link SessionStoreUnavailableFilter} just before Spring Session's filter, so
 * that a session store out of reach (Redis restarting, say) answers {@code 503} with
 * {@code Retry-After} instead of {@code 500};</li>
 * <li>with {@code descope.spring-session.json=true} and Spring Session on Redis, JSON
 * instead of JDK serialization for the sessions
 * ({@link DescopeJacksonModule#sessionJsonMapper}), unless the application declares its
 * own {@code springSessionDefaultRedisSerializer}.</li>
 * </ul>
 */
@AutoConfiguration(afterName = { "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
		"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
		"org.springframework.boot.session.jdbc.autoconfigure.SessionJdbcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SessionRepositoryFilter.class)
public final class DescopeSpringSessionAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DataAccessException.class)
	@ConditionalOnBean(SessionRepositoryFilter.class)
	static class SessionStoreFailureConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "descopeSessionStoreUnavailableFilter")
		FilterRegistrationBean<SessionStoreUnavailableFilter> descopeSessionStoreUnavailableFilter() {
			FilterRegistrationBean<SessionStoreUnavailableFilter> registration = new FilterRegistrationBean<>(
					new SessionStoreUnavailableFilter());
			registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ GenericJacksonJsonRedisSerializer.class, SecurityJacksonModules.class })
	@ConditionalOnBooleanProperty("descope.spring-session.json")
	static class JsonSerializerConfiguration {

		/** The bean name Spring Session on Redis takes its serializer from. */
		static final String REDIS_SERIALIZER_BEAN = "springSessionDefaultRedisSerializer";

		@Bean(name = REDIS_SERIALIZER_BEAN)
		@ConditionalOnMissingBean(name = REDIS_SERIALIZER_BEAN)
		RedisSerializer<Object> springSessionDefaultRedisSerializer() {
			return new GenericJacksonJsonRedisSerializer(DescopeJacksonModule
				.sessionJsonMapper(DescopeSpringSessionAutoConfiguration.class.getClassLoader()));
		}

	}

}
