package com.descope.notp.test.security;

import java.util.List;
import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import com.descope.notp.test.security.TestApplication.AccountController;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeJwt;
import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The test support gives the principal the starter gives at run time for the same claims:
 * a real sign-in on the Descope emulator (the application's own chain, no test security
 * context) and a bearer token the emulator issued, against {@link WithMockDescopeUser},
 * {@code descopeUser()} and {@code descopeJwt()}.
 */
@SpringBootTest(classes = TestApplication.class)
@DescopeEmulatorTest
class RuntimeAuthenticationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USER_ID = "U2RuntimeUser00000000000000001";

	private static final String PHONE = "+15555550142";

	@Autowired
	WebApplicationContext context;

	@Autowired
	DescopeEmulator emulator;

	/** The application's chain only, so nothing of the test security context applies. */
	private MockMvc app;

	@BeforeEach
	void setUp() {
		this.app = MockMvcBuilders.webAppContextSetup(this.context)
			.addFilters(this.context.getBean("springSecurityFilterChain", Filter.class))
			.build();
		if (this.emulator.findUserByLoginId(PHONE).isEmpty()) {
			this.emulator.addUser(new EmulatedUser(USER_ID, List.of(PHONE), "Rita Runtime", null, PHONE,
					List.of("admin", "user"), List.of("reports:read"),
					Map.of("T1", new EmulatedUser.TenantAccess(List.of("tenant-admin"), List.of("billing:write")))));
		}
	}

	@Test
	@WithMockDescopeUser(userId = USER_ID, loginIds = PHONE, phone = PHONE, name = "Rita Runtime",
			roles = { "admin", "user" }, permissions = "reports:read",
			tenants = @WithMockDescopeUser.Tenant(id = "T1", roles = "tenant-admin", permissions = "billing:write"))
	void withMockDescopeUserWhenTheSameClaimsThenThePrincipalOfARealSignIn() throws Exception {
		Object mock = SecurityContextHolder.getContext().getAuthentication().getPrincipal();

		assertThat(mock).isEqualTo(signedInPrincipal());
	}

	@Test
	void descopeUserWhenTheSameClaimsThenThePrincipalOfARealSignIn() throws Exception {
		DescopePrincipal runtime = signedInPrincipal();

		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		controller().forgetLastPrincipal();
		assertThat(mvc.perform(get("/whoami").with(sameUser(descopeUser()).name("Rita Runtime")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);

		assertThat(controller().lastPrincipal()).isEqualTo(runtime);
	}

	@Test
	void descopeJwtWhenTheSameClaimsThenThePrincipalOfARealBearerRequest() throws Exception {
		EmulatedUser user = this.emulator.findUserByLoginId(PHONE).orElseThrow();
		assertThat(this.app
			.perform(get("/whoami").header("Authorization", "Bearer " + this.emulator.issueSessionJwt(user)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		DescopePrincipal runtime = controller().lastPrincipal();
		assertThat(runtime).isNotNull();
		assertThat(runtime.roles()).containsExactly("admin", "user");

		controller().forgetLastPrincipal();
		assertThat(this.app.perform(get("/whoami").with(sameUser(descopeJwt()))).andReturn().getResponse().getStatus())
			.isEqualTo(200);

		assertThat(controller().lastPrincipal()).isEqualTo(runtime);
		assertThat(runtime.loginIds()).isEmpty();
	}

	@Test
	void descopeJwtWhenTheApplicationRunsOnTheEmulatorThenSignedByTheEmulatorsKey() {
		String jwt = MockDescopeUser.user().sessionJwt(this.context);

		JwtDecoder emulatorKeyOnly = DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(this.emulator.signingKey().toPublicJWK()), this.emulator.projectId())
			.build();
		assertThat(emulatorKeyOnly.decode(jwt).getSubject()).isEqualTo(DescopeUserSpec.DEFAULT_USER_ID);
	}

	private static <S extends DescopeUserSpec<S>> S sameUser(S spec) {
		return spec.userId(USER_ID)
			.loginIds(PHONE)
			.phone(PHONE)
			.roles("admin", "user")
			.permissions("reports:read")
			.tenant("T1", List.of("tenant-admin"), List.of("billing:write"));
	}

	/**
	 * Signs in with nOTP through the application's own chain, confirming on the emulator,
	 * and reads the principal the controller then gets.
	 */
	private DescopePrincipal signedInPrincipal() throws Exception {
		MockHttpSession session = new MockHttpSession();
		MockHttpServletResponse started = postJson("/login/notp", session, Map.of("loginId", PHONE));
		assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(200);
		this.emulator.confirm(JSON.readTree(started.getContentAsString()).get("pendingRef").asString());
		MockHttpServletResponse completed = postJson("/login/notp/session", session,
				Map.of("pendingRef", JSON.readTree(started.getContentAsString()).get("pendingRef").asString()));
		assertThat(completed.getStatus()).as(completed.getContentAsString()).isEqualTo(200);

		MockHttpServletResponse whoami = this.app.perform(get("/whoami").session(session)).andReturn().getResponse();
		assertThat(whoami.getStatus()).isEqualTo(200);
		assertThat(controller().lastPrincipal()).isNotNull();
		return controller().lastPrincipal();
	}

	private MockHttpServletResponse postJson(String path, MockHttpSession session, Map<String, ?> body)
			throws Exception {
		return this.app
			.perform(post(path).session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(body)))
			.andReturn()
			.getResponse();
	}

	private AccountController controller() {
		return this.context.getBean(AccountController.class);
	}

}
