package com.descope.notp.autoconfigure;

import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.security.reactive.login.ServerNotpLoginSpec;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The beans of the nOTP login for reactive (WebFlux) applications, the twin of
 * {@link DescopeSecurityAutoConfiguration}, which registers the servlet ones: never both,
 * as each is guarded by its kind of web application. From the same {@code descope.*}
 * properties it shares the stack-neutral beans (the login's settings, the start limits,
 * the login service and provider, the session settings and factors, the cookie settings),
 * and adds a {@link ReactiveJwtDecoder} (the session-token {@link JwtDecoder}, with its
 * JWKS and verified-token caches, on a bounded scheduler:
 * {@link BlockingJwtDecoderAdapter}) and the {@link ServerNotpLoginSpec} applied to
 * {@code ServerHttpSecurity}. The decoder bean also stops Spring Boot from creating its
 * default in-memory user. The default {@code SecurityWebFilterChain} is
 * {@link DescopeWebFluxSecurityAutoConfiguration}'s.
 */
@AutoConfiguration(after = DescopeJwtAutoConfiguration.class,
		before = ReactiveUserDetailsServiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ EnableWebFluxSecurity.class, ReactiveJwtDecoder.class })
@EnableConfigurationProperties(DescopeProperties.class)
@Import({ DescopeSecurityConfigurations.LoginSettingsConfiguration.class,
		DescopeSecurityConfigurations.LoginServiceConfiguration.class,
		DescopeSecurityConfigurations.StartLimitsConfiguration.class,
		DescopeSecurityConfigurations.AuthenticationProviderConfiguration.class,
		DescopeSecurityConfigurations.SessionConfiguration.class,
		DescopeSecurityConfigurations.CookieSettingsConfiguration.class,
		DescopeSecurityConfigurations.SdkConfiguration.class,
		DescopeSecurityConfigurations.SessionManagerConfiguration.class,
		DescopeReactiveSecurityConfigurations.ReactiveJwtDecoderConfiguration.class,
		DescopeReactiveSecurityConfigurations.TokenStorageConfiguration.class,
		DescopeReactiveSecurityConfigurations.LoginSpecConfiguration.class,
		DescopeReactiveSecurityConfigurations.PendingFlowConfiguration.class })
public final class DescopeReactiveSecurityAutoConfiguration {

}
