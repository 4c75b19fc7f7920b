package com.descope.notp.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.WaitForSessionConfig;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeFactors;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.core.SameOriginPaths;
import com.descope.notp.limits.InMemoryKeyedRateLimiter;
import com.descope.notp.limits.KeyedRateLimiter;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.limits.RateLimit;
import com.descope.notp.limits.StartLimits;
import com.descope.notp.security.login.CookiePendingFlowRepository;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.security.session.CookieDescopeTokenRepository;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.security.session.DescopeUserService;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import com.descope.notp.security.session.NoDescopeTokenRepository;
import com.descope.notp.web.DescopeSdkConfiguration;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
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
	 * The login's settings ({@code descope.notp.*}), on either web stack.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LoginSettingsConfiguration {

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

	}

	/**
	 * Where pending flows are kept.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LoginConfiguration {

		/**
		 * Where pending flows live, as {@code descope.notp.pending-flows} chooses: the
		 * HTTP session (default), or an encrypted cookie in the browser
		 * ({@link CookiePendingFlowRepository}). The cookie is allowed only where the
		 * tokens stay out of the HTTP session (in the {@code DS}/{@code DSR} cookies, or
		 * not kept at all): with tokens in the session, every signed-in browser has a
		 * session anyway, which then also holds the flows, and a flow cookie would only
		 * add a second place for the same state.
		 * @param properties the {@code descope.*} properties
		 * @param settings the login settings (the most flows per browser, the polling
		 * interval)
		 * @param cookies {@code Secure} and {@code SameSite} of the cookie
		 * @param tokens the token repository, whose storage must not be the HTTP session
		 * for the cookie
		 * @return the repository
		 */
		@Bean
		@ConditionalOnMissingBean
		PendingFlowRepository pendingFlowRepository(DescopeProperties properties, NotpLoginSettings settings,
				DescopeCookieSettings cookies, DescopeTokenRepository tokens) {
			DescopeProperties.Notp notp = properties.getNotp();
			String mode = notp.getPendingFlows().trim().toLowerCase(Locale.ROOT);
			if (mode.equals("session")) {
				return new HttpSessionPendingFlowRepository(settings.maxFlowsPerSession(), settings.pollingInterval(),
						Clock.systemUTC());
			}
			if (!mode.equals("cookie")) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.pending-flows",
						notp.getPendingFlows(), "Use session or cookie");
			}
			if (tokens.storage() == DescopeTokenStorage.HTTP_SESSION) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.pending-flows",
						notp.getPendingFlows(),
						"Pending flows are kept in a cookie only when the tokens stay out of the HTTP session: "
								+ "set descope.session-token-via-cookie=true (or descope.persist-tokens=false)");
			}
			return new CookiePendingFlowRepository(flowCookieKeys(notp.getFlowCookie().getKeys()), cookies,
					settings.maxFlowsPerSession(), settings.pollingInterval(), Clock.systemUTC());
		}

		/**
		 * The keys of {@code descope.notp.flow-cookie.keys}, each checked to be the
		 * base64 (standard or URL-safe) of {@value CookiePendingFlowRepository#KEY_BYTES}
		 * bytes; a failure names the property and never shows the value.
		 * @param encoded the configured values
		 * @return the keys, in the configured order
		 */
		private static List<byte[]> flowCookieKeys(List<String> encoded) {
			if (encoded.isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.flow-cookie.keys", "",
						"descope.notp.pending-flows=cookie needs at least one key: the base64 of "
								+ CookiePendingFlowRepository.KEY_BYTES + " random bytes (openssl rand -base64 32)");
			}
			List<byte[]> keys = new ArrayList<>();
			for (int i = 0; i < encoded.size(); i++) {
				String name = "descope.notp.flow-cookie.keys[" + i + "]";
				String value = (encoded.get(i) != null) ? encoded.get(i).trim() : "";
				byte[] key;
				try {
					key = (value.indexOf('-') >= 0 || value.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(value)
							: Base64.getDecoder().decode(value);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidConfigurationPropertyValueException(name, "[redacted]",
							"Not base64: use the base64 of " + CookiePendingFlowRepository.KEY_BYTES
									+ " random bytes (openssl rand -base64 32)");
				}
				if (key.length != CookiePendingFlowRepository.KEY_BYTES) {
					throw new InvalidConfigurationPropertyValueException(name, "[redacted]",
							"A key is " + CookiePendingFlowRepository.KEY_BYTES + " bytes (base64 of "
									+ CookiePendingFlowRepository.KEY_BYTES + " random bytes), this one is "
									+ key.length);
				}
				keys.add(key);
			}
			return keys;
		}

	}

	/**
	 * The service that starts a login with Descope, when there is a client and the
	 * application has no service of its own, with the guard that checks each start
	 * ({@code descope.notp.rate-limit.*}, {@code descope.notp.allowed-regions},
	 * {@code descope.notp.denied-regions}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DescopeClient.class)
	static class LoginServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NotpLoginService notpLoginService(DescopeClient descopeClient, NotpLoginSettings settings,
				ObjectProvider<NotpStartGuard> startGuard, ObjectProvider<ObservationRegistry> observationRegistry) {
			NotpLoginService service = new NotpLoginService(descopeClient, settings.flowTimeout());
			service.setStartGuard(startGuard.getIfUnique());
			service.setObservationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
			return service;
		}

	}

	/**
	 * The limits on starting logins: the in-memory counter unless the application has one
	 * of its own (for a store the instances share), and the guard from
	 * {@code descope.notp.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class StartLimitsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KeyedRateLimiter notpStartRateLimiter(DescopeProperties properties) {
			int maxKeys = properties.getNotp().getRateLimit().getMaxKeys();
			if (maxKeys < 1) {
				throw new InvalidConfigurationPropertyValueException("descope.notp.rate-limit.max-keys", maxKeys,
						"Hold at least one key");
			}
			return new InMemoryKeyedRateLimiter(maxKeys, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		NotpStartGuard notpStartGuard(DescopeProperties properties, NotpLoginSettings settings,
				KeyedRateLimiter rateLimiter) {
			DescopeProperties.Notp notp = properties.getNotp();
			DescopeProperties.RateLimit rateLimit = notp.getRateLimit();
			boolean on = rateLimit.isEnabled();
			Set<String> allowed = regions("descope.notp.allowed-regions", notp.getAllowedRegions());
			Set<String> denied = regions("descope.notp.denied-regions", notp.getDeniedRegions());
			for (String region : denied) {
				if (allowed.contains(region)) {
					throw new InvalidConfigurationPropertyValueException("descope.notp.denied-regions",
							notp.getDeniedRegions(), "Region " + region + " is also in descope.notp.allowed-regions");
				}
			}
			StartLimits limits = new StartLimits(
					on ? limit("descope.notp.rate-limit.per-address", rateLimit.getPerAddress()) : null,
					on ? limit("descope.notp.rate-limit.per-number", rateLimit.getPerNumber()) : null,
					on ? limit("descope.notp.rate-limit.global", rateLimit.getGlobal()) : null, allowed, denied);
			return new NotpStartGuard(limits, rateLimiter, settings.defaultRegion());
		}

		private static @Nullable RateLimit limit(String name, DescopeProperties.Limit limit) {
			if (limit.getPermits() < 0) {
				throw new InvalidConfigurationPropertyValueException(name + ".permits", limit.getPermits(),
						"Use 0 to turn this limit off, or a positive number of starts");
			}
			if (limit.getPeriod() == null || limit.getPeriod().compareTo(Duration.ofSeconds(1)) < 0) {
				throw new InvalidConfigurationPropertyValueException(name + ".period", limit.getPeriod(),
						"Use a duration of at least 1s");
			}
			return (limit.getPermits() != 0) ? new RateLimit(limit.getPermits(), limit.getPeriod()) : null;
		}

		private static Set<String> regions(String name, List<String> values) {
			Set<String> regions = new LinkedHashSet<>();
			for (int i = 0; i < values.size(); i++) {
				String value = values.get(i);
				if (value == null || !StartLimits.isKnownRegion(value)) {
					throw new InvalidConfigurationPropertyValueException(name + "[" + i + "]", value,
							"Use an ISO 3166 region code that libphonenumber knows, such as US or BR");
				}
				regions.add(value.trim().toUpperCase(Locale.ROOT));
			}
			return regions;
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
	 * How the starter's cookies are written ({@code descope.cookie.*}), on either web
	 * stack.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CookieSettingsConfiguration {

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
			String sessionName = cookieName("descope.cookie.session-name", cookie.getSessionName());
			String refreshName = cookieName("descope.cookie.refresh-name", cookie.getRefreshName());
			if (sessionName.equals(refreshName)) {
				throw new InvalidConfigurationPropertyValueException("descope.cookie.refresh-name", refreshName,
						"The refresh JWT's cookie needs a name of its own, not descope.cookie.session-name's");
			}
			return new DescopeCookieSettings(sessionName, refreshName, sameSite, cookie.isSessionHttpOnly(),
					cookie.isSecure(), cookie.getDomain());
		}

		/**
		 * A cookie name, checked to be an RFC 6265 token (letters, digits and
		 * {@code !#$%&'*+-.^_`|~}).
		 * @param property the property's name, for the failure
		 * @param value the configured value
		 * @return the trimmed name
		 */
		private static String cookieName(String property, @Nullable String value) {
			String name = (value != null) ? value.trim() : "";
			if (!name.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")) {
				throw new InvalidConfigurationPropertyValueException(property, value,
						"Use a cookie name: letters, digits and !#$%&'*+-.^_`|~, such as DS");
			}
			return name;
		}

	}

	/**
	 * Where the tokens live: the storage mode the flags choose.
	 */
	@Configuration(proxyBeanMethods = false)
	static class TokenStorageConfiguration {

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
	 * What refreshes and revokes a signed-in session at Descope, on either stack: the
	 * session manager, when there is a client and a decoder.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DescopeClient.class)
	static class SessionManagerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(JwtDecoder.class)
		DescopeSessionManager descopeSessionManager(DescopeClient descopeClient, JwtDecoder jwtDecoder,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			DescopeSessionManager manager = new DescopeSessionManager(descopeClient, jwtDecoder);
			manager.setObservationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
			return manager;
		}

	}

	/**
	 * What calls Descope for a signed-in session on the servlet stack: the user service,
	 * when there is a client.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DescopeClient.class)
	static class DescopeApiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DescopeUserService descopeUserService(DescopeClient descopeClient, DescopeTokenRepository tokenRepository) {
			return new DescopeUserService(descopeClient, tokenRepository);
		}

	}

	/**
	 * What front ends give Descope's SDKs, answered by the configuration endpoint of
	 * {@code notpLogin()} ({@code GET /login/notp/config}): the project and API URL of
	 * the {@link DescopeClient}, and {@code descope.base-static-url},
	 * {@code descope.base-cdn-url} and {@code descope.oidc.*}. The token, cookie and
	 * session options the endpoint answers are those of the chain that serves it
	 * ({@code notpLogin()} sets them from its token repository, cookie and session
	 * settings), so the two always agree.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DescopeClient.class)
	static class SdkConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DescopeSdkConfiguration descopeSdkConfiguration(DescopeClient descopeClient, DescopeProperties properties) {
			DescopeProperties.Oidc oidc = properties.getOidc();
			DescopeSdkConfiguration.OidcConfig oidcConfig = oidc.isEnabled()
					? new DescopeSdkConfiguration.OidcConfig(text(oidc.getApplicationId()), text(oidc.getClientId()),
							url("descope.oidc.issuer", oidc.getIssuer()),
							url("descope.oidc.redirect-uri", oidc.getRedirectUri()), text(oidc.getScope()))
					: null;
			return DescopeSdkConfiguration.of(descopeClient.getProjectId(), descopeClient.getBaseUrl())
				.withFrontEnd(url("descope.base-static-url", properties.getBaseStaticUrl()),
						url("descope.base-cdn-url", properties.getBaseCdnUrl()), oidcConfig);
		}

		private static @Nullable String text(@Nullable String value) {
			return (value != null && !value.isBlank()) ? value.trim() : null;
		}

		/**
		 * An absolute {@code http} or {@code https} URL, or {@code null} when not set.
		 * @param property the property's name, for the failure
		 * @param value the configured value
		 * @return the trimmed URL, or {@code null} when not set
		 */
		private static @Nullable String url(String property, @Nullable String value) {
			String url = text(value);
			if (url == null) {
				return null;
			}
			try {
				URI uri = new URI(url);
				if (uri.getHost() == null
						|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
					throw new URISyntaxException(url, "not an absolute http(s) URL");
				}
			}
			catch (URISyntaxException ex) {
				throw new InvalidConfigurationPropertyValueException(property, value,
						"Use an absolute http or https URL, such as https://auth.example.com");
			}
			return url;
		}

	}

}
