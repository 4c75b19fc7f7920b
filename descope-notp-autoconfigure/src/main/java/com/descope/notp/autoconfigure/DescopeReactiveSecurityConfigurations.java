package com.descope.notp.autoconfigure;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.security.reactive.login.ServerNotpLoginSpec;
import com.descope.notp.security.reactive.session.CookieServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.NoServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.ServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.WebSessionDescopeTokenRepository;

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
	 * Where the tokens live: the storage mode the flags choose, as on the servlet side.
	 */
	@Configuration(proxyBeanMethods = false)
	static class TokenStorageConfiguration {

		/**
		 * The storage mode the flags choose: {@code persist-tokens=false} keeps nothing;
		 * {@code session-token-via-cookie=true} keeps the tokens in the {@code DS} /
		 * {@code DSR} cookies; otherwise they stay in the {@code WebSession}.
		 * @param properties the {@code descope.*} properties, read for the two flags
		 * @param cookies the names and attributes of the {@code DS} and {@code DSR}
		 * cookies, used in the cookie mode
		 * @return the repository for the chosen mode
		 */
		@Bean
		@ConditionalOnMissingBean
		ServerDescopeTokenRepository serverDescopeTokenRepository(DescopeProperties properties,
				DescopeCookieSettings cookies) {
			if (!properties.isPersistTokens()) {
				return new NoServerDescopeTokenRepository();
			}
			return properties.isSessionTokenViaCookie() ? new CookieServerDescopeTokenRepository(cookies)
					: new WebSessionDescopeTokenRepository();
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
