package com.descope.notp.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Turns on Spring Security's method security, as
 * {@link EnableMethodSecurity @EnableMethodSecurity} does ({@code @PreAuthorize},
 * {@code @PostAuthorize}, {@code @PreFilter}, {@code @PostFilter}), in servlet
 * applications that have not enabled it themselves, so that a
 * {@code @PreAuthorize("hasRole('admin')")} endpoint refuses plain users with no further
 * set-up (without it, Spring ignores the annotation and lets everyone in).
 * <p>
 * It backs off when the application enables method security in any way: when one of the
 * method interceptors that {@code @EnableMethodSecurity} registers (for
 * {@code prePostEnabled}, {@code securedEnabled} or {@code jsr250Enabled}) is a bean, so
 * an application's own choice (such as
 * {@code @EnableMethodSecurity(prePostEnabled = false, securedEnabled = true)}) is kept
 * as it is. They are matched by bean name because the configuration classes that declare
 * them are not public. {@code descope.method-security.enabled=false} turns it off.
 */
@AutoConfiguration(after = DescopeSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(EnableMethodSecurity.class)
@ConditionalOnBooleanProperty(name = "descope.method-security.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(name = { DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE,
		DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.SECURED,
		DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.JSR250 })
@EnableMethodSecurity
public final class DescopeMethodSecurityAutoConfiguration {

	/**
	 * The names of the method interceptor beans that {@code @EnableMethodSecurity}
	 * registers. They are kept here rather than as constants of the auto-configuration,
	 * which would then be a class of static members only, with a constructor Spring must
	 * call.
	 */
	static final class InterceptorBeanNames {

		/** The bean {@code @EnableMethodSecurity} registers for {@code @PreAuthorize}. */
		static final String PRE_AUTHORIZE = "preAuthorizeAuthorizationMethodInterceptor";

		/**
		 * The bean {@code @EnableMethodSecurity(securedEnabled = true)} registers for
		 * {@code @Secured}.
		 */
		static final String SECURED = "securedAuthorizationMethodInterceptor";

		/**
		 * The bean {@code @EnableMethodSecurity(jsr250Enabled = true)} registers for
		 * {@code @RolesAllowed}.
		 */
		static final String JSR250 = "jsr250AuthorizationMethodInterceptor";

		private InterceptorBeanNames() {
		}

	}

}
