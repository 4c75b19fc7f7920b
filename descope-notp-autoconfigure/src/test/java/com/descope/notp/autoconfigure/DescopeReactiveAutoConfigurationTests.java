package com.descope.notp.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.security.reactive.login.ServerNotpLoginSpec;
import com.descope.notp.security.reactive.login.ServerPendingFlowRepository;
import com.descope.notp.security.reactive.login.WebSessionServerPendingFlowRepository;
import com.descope.notp.security.session.DescopeTokenRepository;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the reactive auto-configurations
 * ({@link DescopeReactiveSecurityAutoConfiguration},
 * {@link DescopeWebFluxSecurityAutoConfiguration},
 * {@link DescopeReactiveMethodSecurityAutoConfiguration}) with every auto-configuration
 * of the starter and Spring Boot's security ones: a reactive application gets the
 * reactive beans and none of the servlet ones, a servlet application the servlet ones and
 * none of the reactive ones, from the same properties; each reactive bean backs off for
 * the application's own.
 */
class DescopeReactiveAutoConfigurationTests {

	private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
			DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class,
			DescopeSecurityAutoConfiguration.class, DescopeWebSecurityAutoConfiguration.class,
			DescopeMethodSecurityAutoConfiguration.class, DescopeReactiveSecurityAutoConfiguration.class,
			DescopeWebFluxSecurityAutoConfiguration.class, DescopeReactiveMethodSecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
			SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
			ReactiveUserDetailsServiceAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS)
		.withPropertyValues("descope.project-id=" + PROJECT_ID, "descope.base-url=http://127.0.0.1:9/");

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS)
		.withPropertyValues("descope.project-id=" + PROJECT_ID, "descope.base-url=http://127.0.0.1:9/");

	@Test
	void autoConfigurationWhenReactiveApplicationThenReactiveBeansAndNoServletOnes() {
		this.reactiveRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(JwtDecoder.class)
				.hasSingleBean(ReactiveJwtDecoder.class)
				.hasSingleBean(DescopeJwtAuthenticationConverter.class)
				.hasSingleBean(NotpLoginSettings.class)
				.hasSingleBean(NotpLoginService.class)
				.hasSingleBean(NotpStartGuard.class)
				.hasSingleBean(NotpAuthenticationProvider.class)
				.hasSingleBean(DescopeSessionSettings.class)
				.hasSingleBean(DescopeCookieSettings.class)
				.hasSingleBean(SecurityWebFilterChain.class)
				.hasSingleBean(WebSessionServerPendingFlowRepository.class)
				.hasBean("descopeSecurityWebFilterChain")
				.hasBean(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE)
				.doesNotHaveBean(SecurityFilterChain.class)
				.doesNotHaveBean(PendingFlowRepository.class)
				.doesNotHaveBean(DescopeTokenRepository.class)
				.doesNotHaveBean(DescopeSecurityAutoConfiguration.class)
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.class)
				.doesNotHaveBean(ReactiveUserDetailsService.class);
			// the reactive decoder is the servlet side's decoder (its caches) on a
			// scheduler
			assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(BlockingJwtDecoderAdapter.class);
			assertThat(((BlockingJwtDecoderAdapter) context.getBean(ReactiveJwtDecoder.class)).getDelegate())
				.isSameAs(context.getBean(JwtDecoder.class));
			// a new spec for each chain
			assertThat(context.getBean(ServerNotpLoginSpec.class))
				.isNotSameAs(context.getBean(ServerNotpLoginSpec.class));
		});
	}

	@Test
	void autoConfigurationWhenServletApplicationThenServletBeansAndNoReactiveOnes() {
		this.servletRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(SecurityFilterChain.class)
			.hasSingleBean(PendingFlowRepository.class)
			.hasSingleBean(DescopeTokenRepository.class)
			.hasSingleBean(NotpLoginSettings.class)
			.hasSingleBean(DescopeCookieSettings.class)
			.doesNotHaveBean(ReactiveJwtDecoder.class)
			.doesNotHaveBean(SecurityWebFilterChain.class)
			.doesNotHaveBean(ServerNotpLoginSpec.class)
			.doesNotHaveBean(DescopeReactiveSecurityAutoConfiguration.class)
			.doesNotHaveBean(DescopeReactiveMethodSecurityAutoConfiguration.class));
	}

	@Test
	void autoConfigurationWhenReactiveApplicationThenSettingsBoundFromTheSameProperties() {
		this.reactiveRunner
			.withPropertyValues("descope.notp.polling-interval=2s", "descope.cookie.same-site=strict",
					"descope.refresh-threshold=30s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(NotpLoginSettings.class).pollingInterval()).hasSeconds(2);
				assertThat(context.getBean(DescopeCookieSettings.class).sameSite()).isEqualTo("Strict");
				assertThat(context.getBean(DescopeSessionSettings.class).refreshThreshold()).hasSeconds(30);
			});
	}

	@Test
	void autoConfigurationWhenReactiveApplicationHasABadSettingThenStartUpFailsNamingTheProperty() {
		this.reactiveRunner.withPropertyValues("descope.notp.polling-interval=100ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("descope.notp.polling-interval");
		});
	}

	@Test
	void autoConfigurationWhenReactivePendingFlowsInACookieThenStartUpFailsNamingTheProperty() {
		this.reactiveRunner.withPropertyValues("descope.notp.pending-flows=cookie").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("descope.notp.pending-flows");
		});
	}

	@Test
	void autoConfigurationWhenApplicationHasItsOwnPendingFlowRepositoryThenTheDefaultBacksOff() {
		ServerPendingFlowRepository own = new WebSessionServerPendingFlowRepository(1, Duration.ofSeconds(5),
				Clock.systemUTC());
		this.reactiveRunner.withBean(ServerPendingFlowRepository.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(ServerPendingFlowRepository.class)
				.isSameAs(own));
	}

	@Test
	void autoConfigurationWhenApplicationHasItsOwnChainThenTheDefaultChainBacksOff() {
		this.reactiveRunner.withUserConfiguration(OwnChainConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SecurityWebFilterChain.class)
				.hasBean("ownChain")
				.doesNotHaveBean("descopeSecurityWebFilterChain"));
	}

	@Test
	void autoConfigurationWhenApplicationHasItsOwnReactiveDecoderThenTheAdapterBacksOff() {
		this.reactiveRunner.withUserConfiguration(OwnReactiveDecoderConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ReactiveJwtDecoder.class)
				.hasBean("ownReactiveDecoder")
				.doesNotHaveBean(BlockingJwtDecoderAdapter.class)
				.hasBean("descopeSecurityWebFilterChain"));
	}

	@Test
	void autoConfigurationWhenReactiveApplicationHasNoProjectIdThenStartUpFailsSayingSo() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DescopeProjectIdMissingException.class)
				.hasMessageContaining("descope.project-id");
		});
	}

	@Test
	void methodSecurityWhenReactiveApplicationThenPreAuthorizeOnAMonoIsEnforced() {
		this.reactiveRunner.withUserConfiguration(AdminServiceConfiguration.class).run((context) -> {
			AdminService service = context.getBean(AdminService.class);
			StepVerifier
				.create(service.adminOnly()
					.contextWrite(ReactiveSecurityContextHolder
						.withAuthentication(new TestingAuthenticationToken("bob", "n/a", "ROLE_user"))))
				.expectError(AccessDeniedException.class)
				.verify();
			StepVerifier
				.create(service.adminOnly()
					.contextWrite(ReactiveSecurityContextHolder
						.withAuthentication(new TestingAuthenticationToken("alice", "n/a", "ROLE_admin"))))
				.expectNext("secret")
				.verifyComplete();
		});
	}

	@Test
	void methodSecurityWhenTurnedOffThenNoInterceptor() {
		this.reactiveRunner.withPropertyValues("descope.method-security.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DescopeReactiveMethodSecurityAutoConfiguration.class)
				.doesNotHaveBean(DescopeMethodSecurityAutoConfiguration.InterceptorBeanNames.PRE_AUTHORIZE));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChainConfiguration {

		@Bean
		SecurityWebFilterChain ownChain(ServerHttpSecurity http, ServerNotpLoginSpec notpLogin) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			return notpLogin.configure(http).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnReactiveDecoderConfiguration {

		@Bean
		ReactiveJwtDecoder ownReactiveDecoder() {
			return (token) -> Mono.error(new IllegalStateException("not used"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AdminServiceConfiguration {

		@Bean
		AdminService adminService() {
			return new AdminService();
		}

	}

	static class AdminService {

		@PreAuthorize("hasRole('admin')")
		Mono<String> adminOnly() {
			return Mono.just("secret");
		}

	}

}
