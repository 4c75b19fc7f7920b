package com.descope.notp.autoconfigure;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Session-token validation: a {@link JwtDecoder} for the project's JWKS
 * ({@link DescopeJwtDecoderBuilder}, tuned by {@code descope.jwt.*}), and the conversion
 * of a validated token to an {@code Authentication} with its authorities. Each bean backs
 * off when the application defines its own.
 */
@AutoConfiguration(after = DescopeClientAutoConfiguration.class)
@ConditionalOnClass(NimbusJwtDecoder.class)
@EnableConfigurationProperties(DescopeProperties.class)
public final class DescopeJwtAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	@ConditionalOnBean(DescopeClient.class)
	JwtDecoder descopeJwtDecoder(DescopeProperties properties, DescopeClient descopeClient) {
		DescopeProperties.Jwt jwt = properties.getJwt();
		return DescopeJwtDecoderBuilder.withJwkSetUri(descopeClient.getJwksUri(), descopeClient.getProjectId())
			.algorithms(jwt.getAlgorithms())
			.clockSkew(jwt.getClockSkew())
			.jwksCacheTtl(jwt.getJwksCacheTtl())
			.jwksRateLimit(jwt.getJwksRateLimit())
			.jwksOutageTolerance(jwt.getJwksOutageTolerance())
			.verifiedTokenCacheSize(jwt.getVerifiedTokenCacheSize())
			.timeouts(properties.getHttp().getConnectTimeout(), properties.getHttp().getReadTimeout())
			.build();
	}

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
