package com.descope.notp.autoconfigure;

import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.security.reactive.login.ServerNotpLoginSpec;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The reactive-only configurations {@link DescopeReactiveSecurityAutoConfiguration}
 * imports, each guarded by its own conditions.
 */
final class DescopeReactiveSecurityConfigurations {

	private DescopeReactiveSecurityConfigurations() {
	}

	/**
	 * The reactive session-token decoder: the starter's {@link JwtDecoder} (or the
	 * application's) on a bounded scheduler, unless the application has a
	 * {@link ReactiveJwtDecoder} of its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JwtDecoder.class)
	@ConditionalOnMissingBean(ReactiveJwtDecoder.class)
	static class ReactiveJwtDecoderConfiguration {

		@Bean
		BlockingJwtDecoderAdapter descopeReactiveJwtDecoder(JwtDecoder jwtDecoder) {
			return new BlockingJwtDecoderAdapter(jwtDecoder);
		}

	}

	/**
	 * A new {@link ServerNotpLoginSpec} for each chain that asks for one, finding its
	 * collaborators in the application context.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LoginSpecConfiguration {

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		@ConditionalOnMissingBean
		ServerNotpLoginSpec serverNotpLoginSpec(ApplicationContext context) {
			return ServerNotpLoginSpec.notpLogin(context);
		}

	}

}
