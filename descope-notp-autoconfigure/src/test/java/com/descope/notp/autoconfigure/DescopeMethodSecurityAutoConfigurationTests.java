package com.descope.notp.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DescopeMethodSecurityAutoConfiguration}: {@code @PreAuthorize} is
 * enforced in an application that did not enable method security, and an application's
 * own {@code @EnableMethodSecurity} is left as it is.
 */
class DescopeMethodSecurityAutoConfigurationTests {

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
			DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class,
			DescopeSecurityAutoConfiguration.class, DescopeWebSecurityAutoConfiguration.class,
			DescopeMethodSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
			SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS)
		.withPropertyValues("descope.project-id=P2aAc4T2V93bddihGEx2Ryhc8e5Z", "descope.base-url=http://127.0.0.1:9/")
		.withUserConfiguration(AdminServiceConfiguration.class);

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void methodSecurityWhenTheApplicationEnablesNoneThenTheStarterEnablesItAndPreAuthorizeIsEnforced() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(DescopeMethodSecurityAutoConfiguration.class)
				.hasBean(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE);
			assertPreAuthorizeEnforced(context);
		});
	}

	@Test
	void methodSecurityWhenTheApplicationEnablesItItselfThenTheStarterBacksOffAndItsOwnIsEnforced() {
		this.contextRunner.withUserConfiguration(OwnMethodSecurityConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.class);
			assertThat(context.getBeanNamesForType(org.aopalliance.intercept.MethodInterceptor.class))
				.containsOnlyOnce(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE);
			assertPreAuthorizeEnforced(context);
		});
	}

	@Test
	void methodSecurityWhenTheApplicationEnablesOnlySecuredThenItsChoiceIsKept() {
		this.contextRunner.withUserConfiguration(SecuredOnlyConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.class)
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE)
				.hasBean(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.SECURED);
			signIn("user");
			assertThatExceptionOfType(AccessDeniedException.class)
				.isThrownBy(() -> context.getBean(AdminService.class).securedAdminOnly());
		});
	}

	@Test
	void methodSecurityWhenTurnedOffByPropertyThenNotEnabled() {
		this.contextRunner.withPropertyValues("descope.method-security.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.class)
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE));
	}

	@Test
	void methodSecurityWhenNotAWebApplicationThenNotEnabled() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withPropertyValues("descope.project-id=P2aAc4T2V93bddihGEx2Ryhc8e5Z",
					"descope.base-url=http://127.0.0.1:9/")
			.run((AssertableApplicationContext context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.class)
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE));
	}

	private static void assertPreAuthorizeEnforced(ApplicationContext context) {
		AdminService service = context.getBean(AdminService.class);
		signIn("user");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::adminOnly);
		signIn("admin");
		assertThat(service.adminOnly()).isEqualTo("admin");
	}

	private static void signIn(String role) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("someone", null, List.of(() -> "ROLE_" + role)));
	}

	/** A service guarded by annotations only. */
	static class AdminService {

		@PreAuthorize("hasRole('admin')")
		String adminOnly() {
			return "admin";
		}

		@Secured("ROLE_admin")
		String securedAdminOnly() {
			return "admin";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AdminServiceConfiguration {

		@Bean
		AdminService adminService() {
			return new AdminService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class OwnMethodSecurityConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity(prePostEnabled = false, securedEnabled = true)
	static class SecuredOnlyConfiguration {

	}

}
