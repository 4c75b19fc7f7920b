package com.descope.notp.test.security;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Builds the {@code SecurityContext} of a {@link WithMockDescopeUser}: the
 * {@code Authentication} of {@link DescopeUserSpec#authentication(ApplicationContext)},
 * for the project and converter of the test's application context when there is one.
 */
final class WithMockDescopeUserSecurityContextFactory
		implements WithSecurityContextFactory<WithMockDescopeUser>, ApplicationContextAware {

	private @Nullable ApplicationContext context;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
		this.securityContextHolderStrategy = context.getBeanProvider(SecurityContextHolderStrategy.class)
			.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
	}

	@Override
	public SecurityContext createSecurityContext(WithMockDescopeUser annotation) {
		MockDescopeUser user = MockDescopeUser.user()
			.userId(annotation.userId())
			.loginIds(annotation.loginIds())
			.name(emptyToNull(annotation.name()))
			.phone(emptyToNull(annotation.phone()))
			.email(emptyToNull(annotation.email()))
			.roles(annotation.roles())
			.permissions(annotation.permissions())
			.whatsAppFactor(annotation.whatsAppFactor())
			.whatsAppFactorAge(age(annotation.whatsAppFactorAge()))
			.steppedUp(annotation.steppedUp());
		for (WithMockDescopeUser.Tenant tenant : annotation.tenants()) {
			user.tenant(tenant.id(), List.of(tenant.roles()), List.of(tenant.permissions()));
		}
		SecurityContext securityContext = this.securityContextHolderStrategy.createEmptyContext();
		securityContext.setAuthentication(user.authentication(this.context));
		return securityContext;
	}

	private static Duration age(String value) {
		Duration age;
		try {
			age = Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(ageMessage(value), ex);
		}
		if (age.isNegative()) {
			throw new IllegalArgumentException(ageMessage(value));
		}
		return age;
	}

	private static String ageMessage(String value) {
		return "@WithMockDescopeUser(whatsAppFactorAge) must be an ISO-8601 duration, zero or more, such as PT10M, not '"
				+ value + "'";
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
