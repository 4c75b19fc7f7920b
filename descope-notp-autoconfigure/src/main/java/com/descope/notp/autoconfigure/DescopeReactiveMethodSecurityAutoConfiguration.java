package com.descope.notp.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;

/**
 * Turns on Spring Security's reactive method security, as
 * {@link EnableReactiveMethodSecurity @EnableReactiveMethodSecurity} does, in reactive
 * applications that have not enabled it themselves: the twin of
 * {@link DescopeMethodSecurityAutoConfiguration}, so that a
 * {@code @PreAuthorize("hasRole('admin')")} on a reactive controller's method (returning
 * a {@code Mono} or {@code Flux}) refuses plain users with no further set-up. It backs
 * off when the application enables method security itself (its {@code @PreAuthorize}
 * interceptor is then a bean), and with {@code descope.method-security.enabled=false}.
 */
@AutoConfiguration(after = DescopeReactiveSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(EnableReactiveMethodSecurity.class)
@ConditionalOnBooleanProperty(name = "descope.method-security.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(name = DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE)
@EnableReactiveMethodSecurity
public final class DescopeReactiveMethodSecurityAutoConfiguration {

}
