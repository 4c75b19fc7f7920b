package com.descope.notp.test.security;

import java.time.Duration;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.test.TestTokens;
import com.descope.notp.test.security.TestApplication.AccountController;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeJwt;
import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} of a controller secured with {@code @PreAuthorize}, with the
 * starter and its test support on the class path and no Descope project: the starter's
 * chain and method security apply, the decoder trusts the test key, nothing is fetched.
 */
@WebMvcTest(AccountController.class)
class DescopeWebMvcSliceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Test
	void sliceWhenNoDescopeProjectThenTheTestProjectWithNoNetwork() {
		DescopeConnectionDetails details = this.context.getBean(DescopeConnectionDetails.class);

		assertThat(details.getProjectId()).isEqualTo(DescopeTestKeys.PROJECT_ID);
		assertThat(details.getBaseUrl()).isEqualTo("http://127.0.0.1:1");
		assertThat(this.context.getBeanNamesForType(JwtDecoder.class)).containsExactly("descopeTestJwtDecoder");
	}

	@Test
	void adminWhenNobodySignedInThenUnauthorized() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isUnauthorized());
	}

	@Test
	@WithMockDescopeUser(roles = "admin")
	void adminWhenTheMockUserHasTheRoleThenOk() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
	}

	@Test
	@WithMockDescopeUser(roles = "user")
	void adminWhenTheMockUserLacksTheRoleThenForbidden() throws Exception {
		this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockDescopeUser(whatsAppFactorAge = "PT4M")
	void transferWhenTheFactorIsRecentThenOk() throws Exception {
		this.mvc.perform(get("/transfer")).andExpect(status().isOk());
	}

	@Test
	@WithMockDescopeUser(whatsAppFactorAge = "PT10M")
	void transferWhenTheFactorIsOlderThanTheCheckThenForbidden() throws Exception {
		this.mvc.perform(get("/transfer")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockDescopeUser(whatsAppFactor = false)
	void transferWhenThereIsNoFactorThenForbidden() throws Exception {
		this.mvc.perform(get("/transfer")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockDescopeUser(tenants = @WithMockDescopeUser.Tenant(id = "T1", permissions = "billing:write"))
	void billingWhenTheTenantGrantsThePermissionThenOk() throws Exception {
		this.mvc.perform(get("/billing")).andExpect(status().isOk());
	}

	@Test
	@WithMockDescopeUser(tenants = @WithMockDescopeUser.Tenant(id = "T2", permissions = "billing:write"))
	void billingWhenAnotherTenantGrantsThePermissionThenForbidden() throws Exception {
		this.mvc.perform(get("/billing")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockDescopeUser(userId = "U2Annotated", name = "Alice", roles = "admin", steppedUp = true)
	void whoamiWhenWithMockDescopeUserThenTheControllerGetsTheDescopePrincipal() throws Exception {
		this.mvc.perform(get("/whoami")).andExpect(status().isOk());

		assertThat(TestSecurityContextHolder.getContext().getAuthentication())
			.isInstanceOf(DescopeAuthenticationToken.class);
		assertThat(controller().lastPrincipal()).isNotNull()
			.isEqualTo(TestSecurityContextHolder.getContext().getAuthentication().getPrincipal());
		assertThat(controller().lastPrincipal().userId()).isEqualTo("U2Annotated");
		assertThat(controller().lastPrincipal().name()).isEqualTo("Alice");
		assertThat(controller().lastPrincipal().steppedUp()).isTrue();
	}

	@Test
	void adminWhenDescopeUserPostProcessorHasTheRoleThenOkElseForbidden() throws Exception {
		this.mvc.perform(get("/admin").with(descopeUser().roles("admin"))).andExpect(status().isOk());
		this.mvc.perform(get("/admin").with(descopeUser().roles("user"))).andExpect(status().isForbidden());
	}

	@Test
	void adminWhenDescopeJwtHasTheRoleThenTheChainValidatesItAndOkElseForbidden() throws Exception {
		this.mvc.perform(get("/admin").with(descopeJwt().roles("admin"))).andExpect(status().isOk());
		this.mvc.perform(get("/admin").with(descopeJwt().roles("user"))).andExpect(status().isForbidden());
	}

	@Test
	void transferWhenDescopeJwtFactorIsOldThenForbiddenAndWhenRecentThenOk() throws Exception {
		this.mvc.perform(get("/transfer").with(descopeJwt().whatsAppFactorAge(Duration.ofMinutes(6))))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/transfer").with(descopeJwt().whatsAppFactorAge(Duration.ofMinutes(1))))
			.andExpect(status().isOk());
	}

	@Test
	void whoamiWhenDescopeJwtIsForAnotherProjectThenUnauthorized() throws Exception {
		this.mvc.perform(get("/whoami").with(descopeJwt().claim("iss", "P2AnotherProject0000000000000")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void whoamiWhenTheBearerTokenIsSignedByAnotherKeyThenUnauthorized() throws Exception {
		String forged = TestTokens.resign(MockDescopeUser.user().sessionJwt(this.context), DescopeTestKeys.KEY_ID,
				new RSAKeyGenerator(2048).generate());

		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + forged))
			.andExpect(status().isUnauthorized());
	}

	private AccountController controller() {
		return this.context.getBean(AccountController.class);
	}

}
