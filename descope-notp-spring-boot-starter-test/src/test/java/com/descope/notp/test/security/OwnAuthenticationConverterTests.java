package com.descope.notp.test.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import com.descope.notp.test.security.TestApplication.AccountController;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeJwt;
import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeUser;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An application with its own {@link DescopeJwtAuthenticationConverter} bean (here one
 * that makes every user of the project an {@code admin}): {@link WithMockDescopeUser},
 * {@code descopeUser()} and {@code descopeJwt()} all give the authorities it gives, as
 * the application's chain would at run time. Without it, a user with no roles is refused
 * {@code /admin} ({@link DescopeWebMvcSliceTests}).
 */
@WebMvcTest(AccountController.class)
@Import(OwnAuthenticationConverterTests.EveryoneAdmin.class)
class OwnAuthenticationConverterTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithMockDescopeUser
	void withMockDescopeUserWhenTheApplicationHasItsOwnConverterThenItsAuthorities() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
	}

	@Test
	void descopeUserWhenTheApplicationHasItsOwnConverterThenItsAuthorities() throws Exception {
		this.mvc.perform(get("/admin").with(descopeUser())).andExpect(status().isOk());
	}

	@Test
	void descopeJwtWhenTheApplicationHasItsOwnConverterThenItsAuthorities() throws Exception {
		this.mvc.perform(get("/admin").with(descopeJwt())).andExpect(status().isOk());
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
