package com.descope.notp.test.reactive;

import java.util.List;
import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import com.descope.notp.test.reactive.ReactiveTestApplication.ReactiveAccountController;
import com.descope.notp.test.security.DescopeUserSpec;
import com.descope.notp.test.security.MockDescopeUser;
import com.descope.notp.test.security.WithMockDescopeUser;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.descope.notp.test.security.DescopeMockServerConfigurers.descopeJwt;
import static com.descope.notp.test.security.DescopeMockServerConfigurers.mockDescopeUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reactive application on its Descope emulator, with a {@code WebTestClient} bound to
 * it ({@code @AutoConfigureWebTestClient} in a mock web environment):
 * {@code descopeJwt()} is signed by the emulator's key, so the starter's real decoder
 * (fetching the emulator's JWKS) accepts it and gives the principal of a bearer token the
 * emulator issued for the same claims; {@code mockDescopeUser()} and
 * {@code @WithMockDescopeUser} give the principal {@code MockDescopeUser} builds for the
 * application's project.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, properties = "spring.main.web-application-type=reactive")
@AutoConfigureWebTestClient
@DescopeEmulatorTest
class ReactiveRuntimeAuthenticationTests {

	private static final String USER_ID = "U2ReactiveUser0000000000000001";

	private static final String PHONE = "+15555550143";

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@Autowired
	DescopeEmulator emulator;

	@BeforeEach
	void addTheUser() {
		if (this.emulator.findUserByLoginId(PHONE).isEmpty()) {
			this.emulator.addUser(new EmulatedUser(USER_ID, List.of(PHONE), "Rita Reactive", null, PHONE,
					List.of("admin", "user"), List.of("reports:read"),
					Map.of("T1", new EmulatedUser.TenantAccess(List.of("tenant-admin"), List.of("billing:write")))));
		}
	}

	@Test
	void descopeJwtWhenTheSameClaimsThenThePrincipalOfARealBearerRequest() {
		EmulatedUser user = this.emulator.findUserByLoginId(PHONE).orElseThrow();
		this.client.get()
			.uri("/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.emulator.issueSessionJwt(user))
			.exchange()
			.expectStatus()
			.isOk();
		DescopePrincipal runtime = controller().lastPrincipal();
		assertThat(runtime).isNotNull();
		assertThat(runtime.roles()).containsExactly("admin", "user");

		controller().forgetLastPrincipal();
		this.client.mutateWith(sameUser(descopeJwt())).get().uri("/whoami").exchange().expectStatus().isOk();

		assertThat(controller().lastPrincipal()).isEqualTo(runtime);
	}

	@Test
	void descopeJwtWhenTheApplicationRunsOnTheEmulatorThenSignedByTheEmulatorsKeyNotTheTestKey() {
		String jwt = MockDescopeUser.user().sessionJwt(this.context);

		assertThat(DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(this.emulator.signingKey().toPublicJWK()), this.emulator.projectId())
			.build()
			.decode(jwt)
			.getSubject()).isEqualTo(DescopeUserSpec.DEFAULT_USER_ID);
		this.client.mutateWith(descopeJwt().roles("admin")).get().uri("/admin").exchange().expectStatus().isOk();
	}

	@Test
	void mockDescopeUserWhenTheApplicationRunsOnTheEmulatorThenTheAuthenticationForItsProject() {
		this.client.mutateWith(sameUser(mockDescopeUser())).get().uri("/admin").exchange().expectStatus().isOk();

		this.client.mutateWith(sameUser(mockDescopeUser())).get().uri("/whoami").exchange().expectStatus().isOk();
		assertThat(controller().lastPrincipal())
			.isEqualTo(sameUser(MockDescopeUser.user()).authentication(this.context).getPrincipal());
		assertThat(controller().lastPrincipal().loginIds()).containsExactly(PHONE);
	}

	@Test
	@WithMockDescopeUser(userId = USER_ID, loginIds = PHONE, phone = PHONE, roles = { "admin", "user" },
			permissions = "reports:read",
			tenants = @WithMockDescopeUser.Tenant(id = "T1", roles = "tenant-admin", permissions = "billing:write"))
	void withMockDescopeUserWhenTheClientIsBoundToTheApplicationThenTheControllerGetsTheTestsPrincipal() {
		this.client.get().uri("/whoami").exchange().expectStatus().isOk();

		assertThat(controller().lastPrincipal())
			.isEqualTo(SecurityContextHolder.getContext().getAuthentication().getPrincipal());
		assertThat(controller().lastPrincipal())
			.isEqualTo(sameUser(MockDescopeUser.user()).authentication(this.context).getPrincipal());
	}

	private static <S extends DescopeUserSpec<S>> S sameUser(S spec) {
		return spec.userId(USER_ID)
			.loginIds(PHONE)
			.phone(PHONE)
			.roles("admin", "user")
			.permissions("reports:read")
			.tenant("T1", List.of("tenant-admin"), List.of("billing:write"));
	}

	private ReactiveAccountController controller() {
		return this.context.getBean(ReactiveAccountController.class);
	}

}
