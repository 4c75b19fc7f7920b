package com.descope.notp.autoconfigure;

import com.descope.notp.core.NotpAuthenticationProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * The beans of the nOTP login for servlet applications, which {@code notpLogin()} picks
 * up: the login's settings from {@code descope.notp.*} and the pending-flow repository;
 * the session's settings, the token repository that {@code descope.persist-tokens} and
 * {@code descope.session-token-via-cookie} choose, the refresher and the user service;
 * and the {@link NotpAuthenticationProvider}, whose presence also stops Spring Boot from
 * creating its default in-memory user. Each bean backs off when the application defines
 * its own; the configurations it imports ({@link DescopeSecurityConfigurations}) carry
 * their own conditions. The default {@code SecurityFilterChain} is
 * {@link DescopeWebSecurityAutoConfiguration}'s.
 */
@AutoConfiguration(after = DescopeJwtAutoConfiguration.class,
		before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(EnableWebSecurity.class)
@EnableConfigurationProperties(DescopeProperties.class)
@Import({ DescopeSecurityConfigurations.LoginSettingsConfiguration.class,
		DescopeSecurityConfigurations.LoginConfiguration.class,
		DescopeSecurityConfigurations.LoginServiceConfiguration.class,
		DescopeSecurityConfigurations.StartLimitsConfiguration.class,
		DescopeSecurityConfigurations.AuthenticationProviderConfiguration.class,
		DescopeSecurityConfigurations.SessionConfiguration.class,
		DescopeSecurityConfigurations.CookieSettingsConfiguration.class,
		DescopeSecurityConfigurations.TokenStorageConfiguration.class,
		DescopeSecurityConfigurations.SessionManagerConfiguration.class,
		DescopeSecurityConfigurations.DescopeApiConfiguration.class,
		DescopeSecurityConfigurations.SdkConfiguration.class })
public final class DescopeSecurityAutoConfiguration {

}
