package com.descope.notp.test.reactive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import com.descope.notp.test.reactive.ReactiveTestApplication.ReactiveAccountController;
import com.descope.notp.test.security.WithMockDescopeUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.descope.notp.test.security.DescopeMockServerConfigurers.descopeJwt;
import static com.descope.notp.test.security.DescopeMockServerConfigurers.mockDescopeUser;

/**
 * A reactive application with its own {@link DescopeJwtAuthenticationConverter} bean
 * (here one that makes every user of the project an {@code admin}):
 * {@link WithMockDescopeUser}, {@code mockDescopeUser()} and {@code descopeJwt()} all
 * give the authorities it gives, as the application's reactive chain would at run time.
 * Without it, a user with no roles is refused {@code /admin}
 * ({@link DescopeWebFluxSliceTests}).
 */
@WebFluxTest(ReactiveAccountController.class)
@Import(ReactiveOwnAuthenticationConverterTests.EveryoneAdmin.class)
class ReactiveOwnAuthenticationConverterTests {

	@Autowired
	WebTestClient client;

	@Test
	@WithMockDescopeUser
	void withMockDescopeUserWhenTheApplicationHasItsOwnConverterThenItsAuthorities() {
		this.client.get().uri("/admin").exchange().expectStatus().isOk();
	}

	@Test
	void mockDescopeUserWhenTheApplicationHasItsOwnConverterThenItsAuthorities() {
		this.client.mutateWith(mockDescopeUser()).get().uri("/admin").exchange().expectStatus().isOk();
	}

	@Test
	void descopeJwtWhenTheApplicationHasItsOwnConverterThenItsAuthorities() {
		this.client.mutateWith(descopeJwt()).get().uri("/admin").exchange().expectStatus().isOk();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class EveryoneAdmin {

		@Bean
		DescopeJwtAuthenticationConverter everyoneAdmin() {
			DescopeGrantedAuthoritiesConverter descope = new DescopeGrantedAuthoritiesConverter();
			return new DescopeJwtAuthenticationConverter((jwt) -> {
				Collection<GrantedAuthority> authorities = new ArrayList<>(descope.convert(jwt));
				authorities.add(new SimpleGrantedAuthority("ROLE_admin"));
				return List.copyOf(authorities);
			});
		}

	}

}
