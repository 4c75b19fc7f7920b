package com.descope.notp.test.autoconfigure;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.security.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeEmulatorTest}: the application runs on the class's own
 * emulator, found through {@link DescopeConnectionDetails} before the properties, and the
 * test gets that emulator as a bean and as a parameter.
 */
@SpringBootTest(classes = TestApplication.class)
@DescopeEmulatorTest
@TestPropertySource(
		properties = { "descope.project-id=P2PropertiesProject0000000000", "descope.base-url=http://127.0.0.1:1" })
class DescopeEmulatorTestTests {

	@Autowired
	DescopeEmulator emulator;

	@Autowired
	ApplicationContext context;

	@Test
	void applicationWhenAnnotatedThenItsClientCallsTheEmulatorNotTheConfiguredProject() {
		DescopeConnectionDetails details = this.context.getBean(DescopeConnectionDetails.class);
		DescopeClient client = this.context.getBean(DescopeClient.class);

		assertThat(details.getProjectId()).isEqualTo(this.emulator.projectId());
		assertThat(details.getBaseUrl()).isEqualTo(this.emulator.baseUrl());
		assertThat(client.getProjectId()).isEqualTo(this.emulator.projectId());
		assertThat(client.getJwksUri()).startsWith(this.emulator.baseUrl());
	}

	@Test
	void testMethodWhenItAsksForTheEmulatorThenTheApplicationsOne(DescopeEmulator parameter) {
		assertThat(parameter).isSameAs(this.emulator);
	}

	@Test
	void emulatorWhenTheApplicationCallsDescopeThenTheTestSeesTheCall() {
		int before = this.emulator.calls().size();

		this.context.getBean(DescopeClient.class).me("not-a-refresh-jwt");

		assertThat(this.emulator.calls()).hasSize(before + 1);
		assertThat(this.emulator.calls().get(before).path()).isEqualTo("/v1/auth/me");
	}

}
