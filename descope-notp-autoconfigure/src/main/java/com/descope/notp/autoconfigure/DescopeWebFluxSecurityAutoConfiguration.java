package com.descope.notp.autoconfigure;

import com.descope.notp.security.reactive.login.ServerNotpLoginSpec;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * The default {@link SecurityWebFilterChain} of a reactive application that defines none,
 * the twin of {@link DescopeWebSecurityAutoConfiguration}: every exchange authenticated
 * but {@code /error} and the login page; CSRF with the token in the {@code XSRF-TOKEN}
 * cookie, sent back raw in the {@code X-XSRF-TOKEN} header (what the servlet chain's
 * single-page-app mode accepts from scripts), its failures answered {@code 403}
 * problem+json; Spring's CORS handling with the application's (unique)
 * {@link CorsConfigurationSource} bean, when it has one; and {@link ServerNotpLoginSpec}.
 * It takes the place of Spring Security's default chain (form login and HTTP Basic), and
 * only when the session-token decoder is there (a {@link ReactiveJwtDecoder} bean, from
 * {@link DescopeReactiveSecurityAutoConfiguration} or the application). Any
 * {@code SecurityWebFilterChain} of the application's own replaces it; apply the
 * {@link ServerNotpLoginSpec} bean there.
 */
@AutoConfiguration(after = DescopeReactiveSecurityAutoConfiguration.class,
		before = ReactiveWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ EnableWebFluxSecurity.class, ReactiveJwtDecoder.class })
@ConditionalOnMissingBean(SecurityWebFilterChain.class)
@ConditionalOnBean({ ReactiveJwtDecoder.class, ServerNotpLoginSpec.class })
public final class DescopeWebFluxSecurityAutoConfiguration {

	@Bean
	SecurityWebFilterChain descopeSecurityWebFilterChain(ServerHttpSecurity http, ServerNotpLoginSpec notpLogin,
			ObjectProvider<CorsConfigurationSource> corsConfigurationSource) {
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/error", notpLogin.getLoginPage())
			.permitAll()
			.anyExchange()
			.authenticated())
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.accessDeniedHandler(notpLogin.getAccessDeniedHandler()));
		// a single-page app reads the token from the cookie, so the cookie is written on
		// every answer, as the servlet chain's single-page-app mode does (the reactive
		// repository writes it only when the token is asked for)
		http.addFilterAfter(DescopeWebFluxSecurityAutoConfiguration::writeCsrfCookie, SecurityWebFiltersOrder.CSRF);
		// Spring's CORS handling when the application configured it, as the servlet chain
		// does: a preflight is answered before authentication and CSRF, and a request
		// from an origin the configuration does not allow is refused
		CorsConfigurationSource cors = corsConfigurationSource.getIfUnique();
		if (cors != null) {
			http.cors((spec) -> spec.configurationSource(cors));
		}
		notpLogin.configure(http);
		return http.build();
	}

	private static Mono<Void> writeCsrfCookie(ServerWebExchange exchange, WebFilterChain chain) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return ((token != null) ? token : Mono.<CsrfToken>empty()).then(chain.filter(exchange));
	}

}
