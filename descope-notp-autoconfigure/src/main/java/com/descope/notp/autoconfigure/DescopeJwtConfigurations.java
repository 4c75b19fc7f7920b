package com.descope.notp.autoconfigure;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import com.descope.notp.jwt.DescopeJwksState;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The configurations {@link DescopeJwtAutoConfiguration} imports, each guarded by its own
 * conditions.
 */
final class DescopeJwtConfigurations {

	private DescopeJwtConfigurations() {
	}

	/**
	 * The session-token decoder for the client's project, unless the application has a
	 * {@link JwtDecoder} of its own, and the state of its JWKS for the health indicator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DescopeClient.class)
	@ConditionalOnMissingBean(JwtDecoder.class)
	static class JwtDecoderConfiguration {

		@Bean
		DescopeJwksState descopeJwksState() {
			return new DescopeJwksState();
		}

		@Bean
		JwtDecoder descopeJwtDecoder(DescopeProperties properties, DescopeClient descopeClient,
				DescopeJwksState descopeJwksState) {
			DescopeProperties.Jwt jwt = properties.getJwt();
			DescopeJwtDecoderBuilder builder = DescopeJwtDecoderBuilder.withJwkSetUri(descopeClient.getJwksUri(),
					descopeClient.getProjectId());
			try {
				builder.algorithms(jwt.getAlgorithms());
			}
			catch (IllegalArgumentException ex) {
				// the builder knows the signature algorithms; the property's name is ours
				throw new InvalidConfigurationPropertyValueException("descope.jwt.algorithms", jwt.getAlgorithms(),
						ex.getMessage() + ". Use RSA or EC signature algorithms such as RS256, PS256 or ES256");
			}
			return builder.clockSkew(jwt.getClockSkew())
				.jwksCacheTtl(jwt.getJwksCacheTtl())
				.jwksRateLimit(jwt.getJwksRateLimit())
				.jwksOutageTolerance(jwt.getJwksOutageTolerance())
				.verifiedTokenCacheSize(jwt.getVerifiedTokenCacheSize())
				.jwksState(descopeJwksState)
				.timeouts(properties.getHttp().getConnectTimeout(), properties.getHttp().getReadTimeout())
				.build();
		}

	}

	/**
	 * The conversion of a validated session token to an {@code Authentication}: each
	 * converter backs off on its own.
	 */
	@Configuration(proxyBeanMethods = false)
	static class AuthenticationConverterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DescopeGrantedAuthoritiesConverter descopeGrantedAuthoritiesConverter() {
			return new DescopeGrantedAuthoritiesConverter();
		}

		@Bean
		@ConditionalOnMissingBean
		DescopeJwtAuthenticationConverter descopeAuthenticationConverter(
				DescopeGrantedAuthoritiesConverter authoritiesConverter) {
			return new DescopeJwtAuthenticationConverter(authoritiesConverter);
		}

	}

}
