package com.descope.notp.autoconfigure;

import java.time.Clock;
import java.util.Locale;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.security.reactive.login.ServerNotpLoginSpec;
import com.descope.notp.security.reactive.login.ServerPendingFlowRepository;
import com.descope.notp.security.reactive.login.WebSessionServerPendingFlowRepository;
import com.descope.notp.security.reactive.session.CookieServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.NoServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.ServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.WebSessionDescopeTokenRepository;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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

	/**
	 * Where the reactive login keeps a browser's pending flows, from the same
	 * {@code descope.notp.pending-flows} as the servlet side: {@code session} (the
	 * default) keeps them in the {@code WebSession}
	 * ({@link WebSessionServerPendingFlowRepository}) with the same limits. The reactive
	 * flow cookie ({@code cookie}) is not there yet, and is refused naming the property.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PendingFlowConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerPendingFlowRepository serverPendingFlowRepository(DescopeProperties properties,
				NotpLoginSettings settings) {
			DescopeProperties.Notp notp = properties.getNotp();
			String mode = notp.getPendingFlows().trim().toLowerCase(Locale.ROOT);
			if (mode.equals("session")) {
				return new WebSessionServerPendingFlowRepository(settings.maxFlowsPerSession(),
						settings.pollingInterval(), Clock.systemUTC());
			}
			if (!mode.equals("cookie")) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.pending-flows",
						notp.getPendingFlows(), "Use session or cookie");
			}
			throw new InvalidConfigurationPropertyValueException("descope.notp.pending-flows", notp.getPendingFlows(),
					"The reactive stack keeps pending flows in the WebSession only for now: use session");
		}

	}

}
