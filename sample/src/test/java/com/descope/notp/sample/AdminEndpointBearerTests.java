package com.descope.notp.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeJwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Testing your application, style 2 (the README's example): a real signed session JWT as
 * a bearer token, validated by the starter's whole chain (signature, issuer, expiry,
 * conversion) in a {@code @WebMvcTest} slice, with no network.
 */
@WebMvcTest(SampleController.class)
@Import(SecurityConfiguration.class)
class AdminEndpointBearerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void adminWhenTheBearerTokenHasTheAdminRoleThenOk() throws Exception {
		this.mvc.perform(get("/api/admin").with(descopeJwt().userId("U2Alice").roles("admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value("U2Alice"));
	}

	@Test
	void adminWhenTheBearerTokenLacksTheAdminRoleThenForbidden() throws Exception {
		this.mvc.perform(get("/api/admin").with(descopeJwt().roles("user"))).andExpect(status().isForbidden());
	}

	@Test
	void adminWhenTheBearerTokenIsForgedThenUnauthorized() throws Exception {
		this.mvc.perform(get("/api/admin").header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30."))
			.andExpect(status().isUnauthorized());
	}

}
