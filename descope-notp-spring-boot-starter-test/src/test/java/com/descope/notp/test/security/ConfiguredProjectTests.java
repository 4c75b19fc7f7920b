package com.descope.notp.test.security;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A test with MockMvc ({@code @AutoConfigureMockMvc}, which brings the test support's
 * slice configuration, as {@code @WebMvcTest} does) of an application whose
 * {@code descope.project-id} is set: the test support stays off, so the starter's decoder
 * checks tokens against the project's keys (here an emulator standing for the project,
 * reached only through the properties) and does not trust the test key. A
 * {@code descopeJwt()} token, signed by the test key, is a clean {@code 401}; a token the
 * project signed passes.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
class ConfiguredProjectTests {

	private static final DescopeEmulator project = DescopeEmulator.start();

	@Autowired
	ApplicationContext context;

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void project(DynamicPropertyRegistry registry) {
		registry.add("descope.project-id", project::projectId);
		registry.add("descope.base-url", project::baseUrl);
	}

	@AfterAll
	static void closeProject() {
		project.close();
	}

	@Test
	void contextWhenAProjectIdIsSetThenTheStartersDecoderAndNoTestProject() {
		assertThat(this.context.getBeanNamesForType(JwtDecoder.class)).containsExactly("descopeJwtDecoder");
		assertThat(this.context.getBean(DescopeConnectionDetails.class).getProjectId()).isEqualTo(project.projectId());
		assertThat(this.context.containsBean("descopeTestConnectionDetails")).isFalse();
	}

	@Test
	void descopeJwtWhenTheApplicationIsOnAConfiguredProjectThenUnauthorized() throws Exception {
		this.mvc.perform(get("/whoami").with(descopeJwt())).andExpect(status().isUnauthorized());
	}

	@Test
	void bearerWhenTheProjectSignedTheTokenThenOk() throws Exception {
		String jwt = project.issueSessionJwt(project.findUserByLoginId("+15555550100").orElseThrow());

		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + jwt)).andExpect(status().isOk());
	}

}
