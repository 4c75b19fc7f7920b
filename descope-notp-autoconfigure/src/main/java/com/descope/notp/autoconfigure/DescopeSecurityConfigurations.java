package com.descope.notp.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.WaitForSessionConfig;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeFactors;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.core.SameOriginPaths;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.security.session.CookieDescopeTokenRepository;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.security.session.DescopeUserService;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import com.descope.notp.security.session.NoDescopeTokenRepository;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The configurations {@link DescopeSecurityAutoConfiguration} imports, each guarded by
 * its own conditions. Settings are checked here, so that a bad value fails the start-up
 * with an {@link InvalidConfigurationPropertyValueException} naming the property.
 */
final class DescopeSecurityConfigurations {

	private DescopeSecurityConfigurations() {
	}

	/**
	 * The login's settings ({@code descope.notp.*}) and where pending flows are kept.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LoginConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NotpLoginSettings notpLoginSettings(DescopeProperties properties) {
			DescopeProperties.Notp notp = properties.getNotp();
			NotpMethod method = NotpMethod.fromValue(notp.getDefaultMethod());
			if (method == null) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.default-method",
						notp.getDefaultMethod(), "Use sign-in, sign-up or sign-up-or-in");
			}
			Duration pollingInterval = notp.getPollingInterval();
			if (pollingInterval.compareTo(WaitForSessionConfig.MIN_POLLING_INTERVAL) < 0) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.polling-interval", pollingInterval,
						"Poll at most once a second, as Descope's SDKs do");
			}
			Duration timeout = notp.getTimeout();
			if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(WaitForSessionConfig.MAX_TIMEOUT) > 0) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.timeout", timeout,
						"Use a positive duration of at most 10m");
			}
			if (notp.getMaxFlowsPerSession() < 1) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.max-flows-per-session",
						notp.getMaxFlowsPerSession(), "Allow at least one flow");
			}
			if (!SameOriginPaths.isSafe(notp.getDefaultSuccessUrl())) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.default-success-url",
						notp.getDefaultSuccessUrl(),
						"Use a path of this application relative to its context path, starting with a single /, such as /home");
			}
			return new NotpLoginSettings(pollingInterval, timeout, method, notp.getDefaultRegion(),
					notp.getMaxFlowsPerSession(), notp.getDefaultSuccessUrl());
		}

		@Bean
		@ConditionalOnMissingBean
		PendingFlowRepository pendingFlowRepository(NotpLoginSettings settings) {
			return new HttpSessionPendingFlowRepository(settings.maxFlowsPerSession(), Clock.systemUTC());
		}

	}

	/**
	 * The service that starts a login with Descope, when there is a client and the
	 * application has no service of its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DescopeClient.class)
	static class LoginServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NotpLoginService notpLoginService(DescopeClient descopeClient, NotpLoginSettings settings) {
			return new NotpLoginService(descopeClient, settings.flowTimeout());
		}

	}

	/**
	 * The provider that completes a login with Descope and validates its session token,
	 * when both a client and a decoder are there and the application has no provider of
	 * its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ DescopeClient.class, JwtDecoder.class })
	@ConditionalOnMissingBean(NotpAuthenticationProvider.class)
	static class AuthenticationProviderConfiguration {

		@Bean
		NotpAuthenticationProvider notpAuthenticationProvider(DescopeClient descopeClient, JwtDecoder jwtDecoder,
				DescopeJwtAuthenticationConverter authenticationConverter) {
			return new NotpAuthenticationProvider(descopeClient, jwtDecoder, authenticationConverter);
		}

	}

	/**
	 * A signed-in session's lifecycle ({@code descope.auto-refresh},
	 * {@code descope.refresh-threshold}, the last user) and the factor checks for
	 * {@code @PreAuthorize}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SessionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DescopeSessionSettings descopeSessionSettings(DescopeProperties properties) {
			if (properties.getRefreshThreshold().isNegative()) {
				throw new InvalidConfigurationPropertyValueException("descope.refresh-threshold",
						properties.getRefreshThreshold(), "Use a duration of zero or more");
			}
			return new DescopeSessionSettings(properties.isAutoRefresh(), properties.getRefreshThreshold(),
					properties.isStoreLastAuthenticatedUser(), properties.isKeepLastAuthenticatedUserAfterLogout());
		}

		@Bean
		@ConditionalOnMissingBean
		DescopeFactors descopeFactors() {
			return new DescopeFactors();
		}

	}

	/**
	 * Where the tokens live: the storage mode the flags choose, and how the cookies of
	 * the cookie mode are written ({@code descope.cookie.*}).
	 */
	@Configuration(proxyBeanMethods = false)
	static class TokenStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DescopeCookieSettings descopeCookieSettings(DescopeProperties properties) {
			DescopeProperties.Cookie cookie = properties.getCookie();
			String sameSite = switch (cookie.getSameSite().toLowerCase(Locale.ROOT)) {
				case "lax" -> "Lax";
				case "strict" -> "Strict";
				case "none" -> "None";
				default -> throw new InvalidConfigurationPropertyValueException("descope.cookie.same-site",
						cookie.getSameSite(), "Use Lax, Strict or None");
			};
			return new DescopeCookieSettings(DescopeCookieSettings.DEFAULTS.sessionCookieName(),
					DescopeCookieSettings.DEFAULTS.refreshCookieName(), sameSite, cookie.isSessionHttpOnly(),
					cookie.isSecure(), cookie.getDomain());
		}

		/**
		 * The storage mode the flags choose: {@code persist-tokens=false} keeps nothing;
		 * {@code session-token-via-cookie=true} keeps the tokens in the {@code DS} /
		 * {@code DSR} cookies; otherwise they stay in the HTTP session.
		 * @param properties the {@code descope.*} properties, read for the two flags
		 * @param cookies the names and attributes of the {@code DS} and {@code DSR}
		 * cookies, used in the cookie mode
		 * @return the repository for the chosen mode
		 */
		@Bean
		@ConditionalOnMissingBean
		DescopeTokenRepository descopeTokenRepository(DescopeProperties properties, DescopeCookieSettings cookies) {
			if (!properties.isPersistTokens()) {
				return new NoDescopeTokenRepository();
			}
			return properties.isSessionTokenViaCookie() ? new CookieDescopeTokenRepository(cookies)
					: new HttpSessionDescopeTokenRepository();
		}

	}

	/**
	 * What calls Descope for a signed-in session: the session manager (with a decoder)
	 * and the user service, when there is a client.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DescopeClient.class)
	static class DescopeApiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(JwtDecoder.class)
		DescopeSessionManager descopeSessionManager(DescopeClient descopeClient, JwtDecoder jwtDecoder) {
			return new DescopeSessionManager(descopeClient, jwtDecoder);
		}

		@Bean
		@ConditionalOnMissingBean
		DescopeUserService descopeUserService(DescopeClient descopeClient, DescopeTokenRepository tokenRepository) {
			return new DescopeUserService(descopeClient, tokenRepository);
		}

	}

}
