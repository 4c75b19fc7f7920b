package com.descope.notp.test.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as a signed-in Descope user, as Spring Security's {@code @WithMockUser}
 * runs it as a user name: the test's {@code SecurityContext} holds the
 * {@code DescopeAuthenticationToken} the starter builds after a login, with a
 * {@code DescopePrincipal} ({@code @AuthenticationPrincipal DescopePrincipal} works) and
 * a session JWT signed by the test key (or by the application's Descope emulator).
 * Meta-annotatable:
 *
 * <pre>{@code
 * &#64;Retention(RUNTIME)

 * &#64;WithMockDescopeUser(roles = "admin")
 *
&#64;interface WithAdmin { }
 * }</pre>
 *
 * What each attribute sets, and the defaults, are those of {@link DescopeUserSpec}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithMockDescopeUserSecurityContextFactory.class)
public @interface WithMockDescopeUser {

	/**
	 * The user id; an alias of {@link #userId()}.
	 * @return the user id
	 */
	@AliasFor("userId")
	String value() default DescopeUserSpec.DEFAULT_USER_ID;

	/**
	 * The Descope user id ({@code sub}).
	 * @return the user id
	 */
	@AliasFor("value")
	String userId() default DescopeUserSpec.DEFAULT_USER_ID;

	/**
	 * The login ids.
	 * @return phone numbers in E.164
	 */
	String[] loginIds() default DescopeUserSpec.DEFAULT_PHONE;

	/**
	 * The display name; empty for none.
	 * @return the name
	 */
	String name() default "";

	/**
	 * The phone number; empty for none.
	 * @return E.164
	 */
	String phone() default DescopeUserSpec.DEFAULT_PHONE;

	/**
	 * The email address; empty for none.
	 * @return the address
	 */
	String email() default "";

	/**
	 * Project-level roles, each granted as {@code ROLE_<role>}.
	 * @return role names
	 */
	String[] roles() default {};

	/**
	 * Project-level permissions.
	 * @return permission names
	 */
	String[] permissions() default {};

	/**
	 * Tenant memberships.
	 * @return the tenants
	 */
	Tenant[] tenants() default {};

	/**
	 * Whether the session proves a WhatsApp confirmation ({@code FACTOR_WHATSAPP}).
	 * @return default {@code true}
	 */
	boolean whatsAppFactor() default true;

	/**
	 * How long ago the user confirmed on WhatsApp, an ISO-8601 duration.
	 * @return for example {@code PT10M}; default {@code PT0S} (just now)
	 */
	String whatsAppFactorAge() default "PT0S";

	/**
	 * Whether the session was stepped up ({@code su}).
	 * @return default {@code false}
	 */
	boolean steppedUp() default false;

	/**
	 * When the security context is set up, as with {@code @WithMockUser}.
	 * @return default {@link TestExecutionEvent#TEST_METHOD}
	 */
	@AliasFor(annotation = WithSecurityContext.class)
	TestExecutionEvent setupBefore() default TestExecutionEvent.TEST_METHOD;

	/**
	 * A tenant membership of a {@link WithMockDescopeUser}.
	 */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface Tenant {

		/**
		 * The tenant id.
		 * @return the id
		 */
		String id();

		/**
		 * Roles in the tenant.
		 * @return role names
		 */
		String[] roles() default {};

		/**
		 * Permissions in the tenant.
		 * @return permission names
		 */
		String[] permissions() default {};

	}

}
