package com.descope.notp.test.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.test.TestTokens;
import com.descope.notp.test.reactive.ReactiveTestApplication.ReactiveAccountController;
import com.descope.notp.test.security.DescopeTestKeys;
import com.descope.notp.test.security.DescopeUserSpec;
import com.descope.notp.test.security.MockDescopeUser;
import com.descope.notp.test.security.WithMockDescopeUser;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.descope.notp.test.security.DescopeMockServerConfigurers.descopeJwt;
import static com.descope.notp.test.security.DescopeMockServerConfigurers.mockDescopeUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @WebFluxTest} of a reactive controller secured with {@code @PreAuthorize},
 * with the starter and its test support on the class path and no Descope project, the
 * twin of the servlet slice's tests: the starter's reactive chain and method security
 * apply, the decoder trusts the test key, nothing is fetched;
 * {@code @WithMockDescopeUser} and the {@code WebTestClient} mutators
 * {@code mockDescopeUser()} and {@code descopeJwt()} give the starter's
 * {@code Authentication}.
 */
@WebFluxTest(ReactiveAccountController.class)
class DescopeWebFluxSliceTests {

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@Test
	void sliceWhenNoDescopeProjectThenTheTestProjectWithNoNetwork() {
		DescopeConnectionDetails details = this.context.getBean(DescopeConnectionDetails.class);

		assertThat(details.getProjectId()).isEqualTo(DescopeTestKeys.PROJECT_ID);
		assertThat(details.getBaseUrl()).isEqualTo("http://127.0.0.1:1");
		assertThat(this.context.getBeanNamesForType(JwtDecoder.class)).containsExactly("descopeTestJwtDecoder");
		assertThat(this.context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(BlockingJwtDecoderAdapter.class);
	}

	@Test
	void adminWhenNobodySignedInThenUnauthorized() {
		this.client.get().uri("/admin").exchange().expectStatus().isUnauthorized();
	}

	@Test
	@WithMockDescopeUser(roles = "admin")
	void adminWhenTheMockUserHasTheRoleThenOk() {
		this.client.get().uri("/admin").exchange().expectStatus().isOk();
	}

	@Test
	@WithMockDescopeUser(roles = "user")
	void adminWhenTheMockUserLacksTheRoleThenForbidden() {
		this.client.get().uri("/admin").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithMockDescopeUser(whatsAppFactorAge = "PT4M")
	void transferWhenTheFactorIsRecentThenOk() {
		this.client.get().uri("/transfer").exchange().expectStatus().isOk();
	}

	@Test
	@WithMockDescopeUser(whatsAppFactorAge = "PT10M")
	void transferWhenTheFactorIsOlderThanTheCheckThenForbidden() {
		this.client.get().uri("/transfer").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithMockDescopeUser(tenants = @WithMockDescopeUser.Tenant(id = "T1", permissions = "billing:write"))
	void billingWhenTheTenantGrantsThePermissionThenOk() {
		this.client.get().uri("/billing").exchange().expectStatus().isOk();
	}

	@Test
	@WithMockDescopeUser(tenants = @WithMockDescopeUser.Tenant(id = "T2", permissions = "billing:write"))
	void billingWhenAnotherTenantGrantsThePermissionThenForbidden() {
		this.client.get().uri("/billing").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithMockDescopeUser(userId = "U2Annotated", name = "Alice", roles = "admin", steppedUp = true)
	void whoamiWhenWithMockDescopeUserThenTheControllerGetsTheDescopePrincipal() {
		this.client.get().uri("/whoami").exchange().expectStatus().isOk();

		assertThat(TestSecurityContextHolder.getContext().getAuthentication())
			.isInstanceOf(DescopeAuthenticationToken.class);
		assertThat(controller().lastPrincipal()).isNotNull()
			.isEqualTo(TestSecurityContextHolder.getContext().getAuthentication().getPrincipal());
		assertThat(controller().lastPrincipal().name()).isEqualTo("Alice");
		assertThat(controller().lastPrincipal().steppedUp()).isTrue();
	}

	@Test
	void adminWhenTheMockDescopeUserHasTheRoleThenOkElseForbidden() {
		this.client.mutateWith(mockDescopeUser().roles("admin")).get().uri("/admin").exchange().expectStatus().isOk();
		this.client.mutateWith(mockDescopeUser().roles("user"))
			.get()
			.uri("/admin")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void whoamiWhenMockDescopeUserThenTheStartersPrincipalWithTheLoginAnswer() {
		this.client.mutateWith(mockDescopeUser().userId("U2Mutated").name("Bob").roles("admin"))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo("U2Mutated");

		assertThat(controller().lastPrincipal()).isEqualTo(MockDescopeUser.user()
			.userId("U2Mutated")
			.name("Bob")
			.roles("admin")
			.authentication(this.context)
			.getPrincipal());
		assertThat(controller().lastPrincipal().loginIds()).containsExactly(DescopeUserSpec.DEFAULT_PHONE);
	}

	@Test
	void mockDescopeUserWhenTwoAreAddedThenTheLastApplies() {
		this.client.mutateWith(mockDescopeUser().roles("admin"))
			.mutateWith(mockDescopeUser().roles("user"))
			.get()
			.uri("/admin")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.mutateWith(mockDescopeUser().roles("user"))
			.mutateWith(mockDescopeUser().roles("admin"))
			.get()
			.uri("/admin")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void transferWhenTheMockDescopeUsersFactorIsOldThenForbiddenAndWhenRecentThenOk() {
		this.client.mutateWith(mockDescopeUser().whatsAppFactorAge(Duration.ofMinutes(6)))
			.get()
			.uri("/transfer")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.mutateWith(mockDescopeUser().whatsAppFactorAge(Duration.ofMinutes(1)))
			.get()
			.uri("/transfer")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void adminWhenDescopeJwtHasTheRoleThenTheChainValidatesItAndOkElseForbidden() {
		this.client.mutateWith(descopeJwt().roles("admin")).get().uri("/admin").exchange().expectStatus().isOk();
		this.client.mutateWith(descopeJwt().roles("user")).get().uri("/admin").exchange().expectStatus().isForbidden();
	}

	@Test
	void billingWhenDescopeJwtTenantGrantsThePermissionThenOk() {
		this.client.mutateWith(descopeJwt().tenant("T1", List.of(), List.of("billing:write")))
			.get()
			.uri("/billing")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void whoamiWhenDescopeJwtThenABearerPrincipalWithNoLoginAnswer() {
		this.client.mutateWith(descopeJwt().userId("U2Bearer"))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo("U2Bearer");

		assertThat(controller().lastPrincipal().loginIds()).isEmpty();
	}

	@Test
	void whoamiWhenDescopeJwtIsForAnotherProjectThenUnauthorized() {
		this.client.mutateWith(descopeJwt().claim("iss", "P2AnotherProject0000000000000"))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void whoamiWhenDescopeJwtHasExpiredThenUnauthorized() {
		long anHourAgo = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
		this.client.mutateWith(descopeJwt().claim("exp", anHourAgo))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void whoamiWhenTheBearerTokenIsSignedByAnotherKeyThenUnauthorized() throws Exception {
		String forged = TestTokens.resign(MockDescopeUser.user().sessionJwt(this.context), DescopeTestKeys.KEY_ID,
				new RSAKeyGenerator(2048).generate());

		this.client.get()
			.uri("/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void mutatorsWhenAppliedToTheMockServerThenEveryExchangeOfTheClientCarriesThem() {
		WebTestClient admin = WebTestClient.bindToApplicationContext(this.context)
			.apply(mockDescopeUser().roles("admin"))
			.configureClient()
			.build();
		WebTestClient bearer = WebTestClient.bindToApplicationContext(this.context)
			.apply(descopeJwt().userId("U2Applied"))
			.configureClient()
			.build();

		admin.get().uri("/admin").exchange().expectStatus().isOk();
		bearer.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo("U2Applied");
		bearer.get().uri("/admin").exchange().expectStatus().isForbidden();
	}

	@Test
	void postWhenTheMockDescopeUserSendsNoCsrfTokenThenForbiddenAndWithSpringSecuritysCsrfMutatorThenOk() {
		this.client.mutateWith(mockDescopeUser()).post().uri("/notes").exchange().expectStatus().isForbidden();
		this.client.mutateWith(mockDescopeUser())
			.mutateWith(SecurityMockServerConfigurers.csrf())
			.post()
			.uri("/notes")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void postWhenDescopeJwtThenNoCsrfTokenNeeded() {
		this.client.mutateWith(descopeJwt()).post().uri("/notes").exchange().expectStatus().isOk();
	}

	/**
	 * Spring Security's {@code ReactorContextTestExecutionListener} hands reactive code
	 * the test's security context as it is before the test method, so a user set up
	 * later, at the test's execution, is seen by the test's own thread only, as with
	 * {@code @WithMockUser}: pinned here, and said in the README.
	 */
	@Test
	@WithMockDescopeUser(userId = "U2ExecutionUser", roles = "admin", setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void withMockDescopeUserWhenSetUpBeforeTheTestExecutionThenTheExchangeDoesNotSeeTheUser() {
		assertThat(TestSecurityContextHolder.getContext().getAuthentication().getName()).isEqualTo("U2ExecutionUser");
		this.client.get().uri("/admin").exchange().expectStatus().isUnauthorized();
	}

	private ReactiveAccountController controller() {
		return this.context.getBean(ReactiveAccountController.class);
	}

}
