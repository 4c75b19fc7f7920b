package com.descope.notp.autoconfigure;

import com.descope.notp.client.DescopeClient;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The {@link DescopeClient}, for the project of the {@link DescopeConnectionDetails} bean
 * (by default {@code descope.project-id} and {@code descope.base-url}; a blank or
 * malformed project id or base URL fails the start-up, naming its source), with
 * {@code descope.notp.provider} and {@code descope.http.*}, starting from Spring Boot's
 * {@link RestClient.Builder} when there is one (so its observations and customizers
 * apply), which the client asks for at its first call rather than at start-up. With an
 * {@code ObservationRegistry} bean, each call to Descope is the {@code RestClient}'s own
 * {@code http.client.requests} observation on it, its {@code uri} the endpoint's path.
 *
 * <p>
 * Of Spring Boot's HTTP client settings ({@code spring.http.clients.*}) the client takes
 * the SSL bundle, unless {@code descope.http.ssl.bundle} names another. Its timeouts stay
 * {@code descope.http.connect-timeout} and {@code read-timeout} (5 s and 10 s by default,
 * as documented for every call to Descope), its redirects are never followed, and its
 * request factory is always the JDK's (see the client's transport for why).
 *
 * <p>
 * Making the client logs one {@code INFO} line naming the project id and the base URL in
 * use (an emulator's too), so operators see which Descope project an instance speaks to.
 */
@AutoConfiguration(
		after = { RestClientAutoConfiguration.class, HttpClientAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnClass(RestClient.class)
@EnableConfigurationProperties(DescopeProperties.class)
public final class DescopeClientAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DescopeClientAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(DescopeConnectionDetails.class)
	PropertiesDescopeConnectionDetails descopeConnectionDetails(DescopeProperties properties) {
		return new PropertiesDescopeConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	DescopeClient descopeClient(DescopeProperties properties, DescopeConnectionDetails connectionDetails,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		DescopeProperties.Http http = properties.getHttp();
		boolean fromProperties = connectionDetails instanceof PropertiesDescopeConnectionDetails;
		// the properties check themselves, naming the property
		String projectId = fromProperties ? connectionDetails.getProjectId()
				: DescopeConnectionDetailsChecks.projectId(connectionDetails);
		@Nullable String baseUrl = fromProperties ? connectionDetails.getBaseUrl()
				: DescopeConnectionDetailsChecks.baseUrl(connectionDetails);
		DescopeClient client = DescopeClient.builder(projectId)
			.baseUrl(baseUrl)
			.provider(properties.getNotp().getProvider())
			.connectTimeout(http.getConnectTimeout())
			.readTimeout(http.getReadTimeout())
			.retryBackoff(http.getRetryBackoff())
			.sslBundle(sslBundle(http.getSsl().getBundle(), sslBundles, httpClientSettings))
			.deferredRestClientBuilder(restClientBuilder::getIfAvailable)
			.observationRegistry(observationRegistry.getIfUnique())
			.build();
		logger.info("Descope nOTP login for project " + client.getProjectId() + " at " + client.getBaseUrl());
		return client;
	}

	/**
	 * The bundle named by {@code descope.http.ssl.bundle}, else Spring Boot's
	 * {@code spring.http.clients.ssl.bundle}, else none.
	 * @param name the value of {@code descope.http.ssl.bundle}, or {@code null} (or
	 * blank) to fall back to Spring Boot's HTTP client settings
	 * @param sslBundles the application's SSL bundles ({@code spring.ssl.bundle.*}), if
	 * any
	 * @param httpClientSettings the HTTP client settings of Spring Boot, if any
	 * @return the bundle, or {@code null} for the JVM's default trust and key material
	 * @throws org.springframework.boot.ssl.NoSuchSslBundleException when the named bundle
	 * does not exist
	 * @throws IllegalStateException when a bundle is named and there are no bundles at
	 * all
	 */
	private static @Nullable SslBundle sslBundle(@Nullable String name, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		if (StringUtils.hasText(name)) {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new IllegalStateException(
						"descope.http.ssl.bundle is set but there are no SSL bundles (spring.ssl.bundle.*)");
			}
			return bundles.getBundle(name);
		}
		HttpClientSettings settings = httpClientSettings.getIfAvailable();
		return (settings != null) ? settings.sslBundle() : null;
	}

}
