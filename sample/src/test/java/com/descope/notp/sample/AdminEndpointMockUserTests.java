package com.descope.notp.sample;

import com.descope.notp.test.security.DescopeUserSpec;
import com.descope.notp.test.security.WithMockDescopeUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Testing your application, style 1 (the README's example): a {@code @WebMvcTest} slice
 * with a mock Descope user. No Descope project, no emulator, no network: the test support
 * puts the slice on a test project whose keys it holds.
 */
@WebMvcTest(SampleController.class)
@Import(SecurityConfiguration.class)
class AdminEndpointMockUserTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithMockDescopeUser(roles = "admin")
	void adminWhenUserHasTheAdminRoleThenOk() throws Exception {
		this.mvc.perform(get("/api/admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value(DescopeUserSpec.DEFAULT_USER_ID));
	}

	@Test
	@WithMockDescopeUser(roles = "user")
	void adminWhenUserLacksTheAdminRoleThenForbidden() throws Exception {
		this.mvc.perform(get("/api/admin")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockDescopeUser(whatsAppFactorAge = "PT10M")
	void sensitiveWhenTheWhatsAppConfirmationIsTenMinutesOldThenForbidden() throws Exception {
		this.mvc.perform(get("/api/sensitive")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockDescopeUser(name = "Alice")
	void meWhenSignedInThenTheDescopePrincipal() throws Exception {
		this.mvc.perform(get("/api/me")).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Alice"));
	}

	@Test
	void meWhenNotSignedInThenUnauthorized() throws Exception {
		this.mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
	}

}
