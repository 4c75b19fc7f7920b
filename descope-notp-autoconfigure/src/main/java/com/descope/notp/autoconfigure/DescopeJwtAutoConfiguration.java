package com.descope.notp.autoconfigure;

import com.descope.notp.jwt.DescopeJwtDecoderBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Session-token validation: a {@link JwtDecoder} for the project's JWKS
 * ({@link DescopeJwtDecoderBuilder}, tuned by {@code descope.jwt.*}), and the conversion
 * of a validated token to an {@code Authentication} with its authorities. Each bean backs
 * off when the application defines its own; the configurations it imports
 * ({@link DescopeJwtConfigurations}) carry their own conditions, as Spring Boot's
 * {@code OAuth2ResourceServerAutoConfiguration} does.
 */
@AutoConfiguration(after = DescopeClientAutoConfiguration.class)
@ConditionalOnClass(NimbusJwtDecoder.class)
@EnableConfigurationProperties(DescopeProperties.class)
@Import({ DescopeJwtConfigurations.JwtDecoderConfiguration.class,
		DescopeJwtConfigurations.AuthenticationConverterConfiguration.class })
public final class DescopeJwtAutoConfiguration {

}
