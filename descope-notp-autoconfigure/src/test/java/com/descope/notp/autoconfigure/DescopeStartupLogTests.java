package com.descope.notp.autoconfigure;

import java.util.List;

import com.descope.notp.client.DescopeBaseUrls;
import com.descope.notp.client.DescopeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the start-up line of {@link DescopeClientAutoConfiguration}: making the
 * {@link DescopeClient} logs one {@code INFO} line naming the project id and the base URL
 * in use, from the properties, derived from the project id, or from a
 * {@link DescopeConnectionDetails} bean (as an emulator defines one); an application's
 * own client bean logs none.
 */
@ExtendWith(OutputCaptureExtension.class)
class DescopeStartupLogTests {

	private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class));

	@Test
	void descopeClientWhenMadeFromThePropertiesThenOneInfoLineNamesTheProjectAndTheBaseUrl(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("descope.project-id=" + PROJECT_ID, "descope.base-url=https://auth.example.com")
			.run((context) -> assertThat(context).hasSingleBean(DescopeClient.class));

		assertThat(startupLines(output)).singleElement()
			.asString()
			.contains("INFO")
			.endsWith("Descope nOTP login for project " + PROJECT_ID + " at https://auth.example.com");
	}

	@Test
	void descopeClientWhenNoBaseUrlIsSetThenTheLineNamesTheDerivedOne(CapturedOutput output) {
		this.contextRunner.withPropertyValues("descope.project-id=" + PROJECT_ID)
			.run((context) -> assertThat(context).hasSingleBean(DescopeClient.class));

		assertThat(startupLines(output)).singleElement()
			.asString()
			.endsWith(
					"Descope nOTP login for project " + PROJECT_ID + " at " + DescopeBaseUrls.forProjectId(PROJECT_ID));
	}

	@Test
	void descopeClientWhenConnectionDetailsAreABeanThenTheLineNamesTheirProjectAndUrl(CapturedOutput output) {
		String emulatorId = "P2EmulatedProject00000000000";
		this.contextRunner.withBean(DescopeConnectionDetails.class, () -> new DescopeConnectionDetails() {

			@Override
			public String getProjectId() {
				return emulatorId;
			}

			@Override
			public String getBaseUrl() {
				return "http://127.0.0.1:8089";
			}

		}).run((context) -> assertThat(context).hasSingleBean(DescopeClient.class));

		assertThat(startupLines(output)).singleElement()
			.asString()
			.endsWith("Descope nOTP login for project " + emulatorId + " at http://127.0.0.1:8089");
	}

	@Test
	void descopeClientWhenTheApplicationDefinesItsOwnThenNoLine(CapturedOutput output) {
		this.contextRunner.withPropertyValues("descope.project-id=" + PROJECT_ID)
			.withBean(DescopeClient.class, () -> DescopeClient.builder(PROJECT_ID).build())
			.run((context) -> assertThat(context).hasSingleBean(DescopeClient.class));

		assertThat(startupLines(output)).isEmpty();
	}

	private static List<String> startupLines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("Descope nOTP login for project")).toList();
	}

}
