package com.descope.notp.test.autoconfigure;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.security.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static com.descope.notp.test.security.DescopeMockMvcRequestPostProcessors.descopeJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link DescopeEmulatorTest} for an application that defines a
 * {@link DescopeConnectionDetails} bean of its own (its production project, say): the
 * test asked for the emulator, so the application runs on it, and the test support signs
 * for it.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
@DescopeEmulatorTest
@Import(DescopeEmulatorTestOwnConnectionDetailsTests.ProductionConnectionDetails.class)
class DescopeEmulatorTestOwnConnectionDetailsTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	DescopeEmulator emulator;

	@Autowired
	MockMvc mvc;

	@Test
	void applicationWhenItDefinesItsOwnConnectionDetailsThenRunsOnTheEmulator() throws Exception {
		DescopeClient client = this.context.getBean(DescopeClient.class);

		assertThat(this.context.getBeansOfType(DescopeConnectionDetails.class)).containsKey("productionProject")
			.hasSize(2);
		assertThat(client.getProjectId()).isEqualTo(this.emulator.projectId());
		assertThat(client.getBaseUrl()).isEqualTo(this.emulator.baseUrl());
		this.mvc.perform(get("/whoami").with(descopeJwt())).andExpect(status().isOk());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ProductionConnectionDetails {

		@Bean
		DescopeConnectionDetails productionProject() {
			return new DescopeConnectionDetails() {

				@Override
				public String getProjectId() {
					return "P2ProductionProject0000000000";
				}

				@Override
				public String getBaseUrl() {
					return "http://127.0.0.1:1";
				}

			};
		}

	}

}
