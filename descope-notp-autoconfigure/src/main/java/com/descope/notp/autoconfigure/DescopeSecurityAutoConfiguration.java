package com.descope.notp.autoconfigure;

import java.time.Clock;
import java.util.Locale;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeFactors;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.core.SameOriginPaths;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.login.NotpLoginConfigurer;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.security.session.CookieDescopeTokenRepository;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.security.session.DescopeUserService;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import com.descope.notp.security.session.NoDescopeTokenRepository;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The nOTP login for servlet applications: its settings from {@code descope.notp.*}, the
 * pending-flow and token repositories, the {@link NotpAuthenticationProvider} (whose
 * presence also stops Spring Boot from creating its default in-memory user), and, when
 * the application defines no {@link SecurityFilterChain}, a default chain: every request
 * authenticated but {@code /error}, CSRF in Spring's single-page-app mode, and
 * {@link NotpLoginConfigurer#notpLogin()}.
 */
@AutoConfiguration(after = DescopeJwtAutoConfiguration.class,
		before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(EnableWebSecurity.class)
@EnableConfigurationProperties(DescopeProperties.class)
public final class DescopeSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NotpLoginSettings notpLoginSettings(DescopeProperties properties) {
		DescopeProperties.Notp notp = properties.getNotp();
		NotpMethod method = NotpMethod.fromValue(notp.getDefaultMethod());
		if (method == null) {
			throw new InvalidConfigurationPropertyValueException("descope.notp.default-method", notp.getDefaultMethod(),
					"Use sign-in, sign-up or sign-up-or-in");
		}
		if (notp.getPollingInterval().toMillis() < 1000) {
			throw new InvalidConfigurationPropertyValueException("descope.notp.polling-interval",
					notp.getPollingInterval(), "Poll at most once a second, as Descope's SDKs do");
		}
		if (notp.getTimeout().isNegative() || notp.getTimeout().isZero() || notp.getTimeout().toMinutes() > 10) {
			throw new InvalidConfigurationPropertyValueException("descope.notp.timeout", notp.getTimeout(),
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
		return new NotpLoginSettings(notp.getPollingInterval(), notp.getTimeout(), method, notp.getDefaultRegion(),
				notp.getMaxFlowsPerSession(), notp.getDefaultSuccessUrl());
	}

	@Bean
	@ConditionalOnMissingBean
	PendingFlowRepository pendingFlowRepository(NotpLoginSettings settings) {
		return new HttpSessionPendingFlowRepository(settings.maxFlowsPerSession(), Clock.systemUTC());
	}

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

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ DescopeClient.class, JwtDecoder.class })
	DescopeSessionManager descopeSessionManager(DescopeClient descopeClient, JwtDecoder jwtDecoder) {
		return new DescopeSessionManager(descopeClient, jwtDecoder);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DescopeClient.class)
	DescopeUserService descopeUserService(DescopeClient descopeClient, DescopeTokenRepository tokenRepository) {
		return new DescopeUserService(descopeClient, tokenRepository);
	}

	@Bean
	@ConditionalOnMissingBean
	DescopeFactors descopeFactors() {
		return new DescopeFactors();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ DescopeClient.class, JwtDecoder.class })
	NotpAuthenticationProvider notpAuthenticationProvider(DescopeClient descopeClient, JwtDecoder jwtDecoder,
			DescopeJwtAuthenticationConverter authenticationConverter) {
		return new NotpAuthenticationProvider(descopeClient, jwtDecoder, authenticationConverter);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		@Bean
		SecurityFilterChain descopeSecurityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
				.csrf((csrf) -> csrf.spa())
				.with(NotpLoginConfigurer.notpLogin(), Customizer.withDefaults());
			return http.build();
		}

	}

}
