package com.descope.notp.autoconfigure;

import com.descope.notp.client.DescopeClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DescopeConnectionDetails} bean of the application's own, or
 * {@code descope.base-url}, giving a blank or malformed project id or base URL: the
 * start-up fails with a message that names the bean's type or the property and says what
 * a usable value is, instead of a client that fails at the first login or a JWKS URI that
 * nobody configured.
 */
class DescopeConnectionDetailsChecksTests {

	private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void startUpWhenTheBeanGivesABlankProjectIdThenFailsNamingTheBean(String projectId) {
		this.contextRunner.withBean(DescopeConnectionDetails.class, () -> new Details(projectId, "http://127.0.0.1:9"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("DescopeConnectionDetails bean (" + Details.class.getName() + ")")
				.hasMessageContaining("blank project id")
				.hasMessageContaining("4 to 64 letters and digits"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "P2aAc4T2V93bddihGEx2Ryhc8e5Z/../x", "P2aAc4T2V93bddihGEx2Ryhc8e5Z?x=1", "has space" })
	void startUpWhenTheBeanGivesAProjectIdThatWouldBendTheUrlsThenFailsWithoutRepeatingIt(String projectId) {
		this.contextRunner.withBean(DescopeConnectionDetails.class, () -> new Details(projectId, "http://127.0.0.1:9"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("DescopeConnectionDetails bean (" + Details.class.getName() + ")")
				.hasMessageContaining("unusable project id")
				.hasMessageNotContaining(projectId));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "localhost:8080", "ftp://descope.example", "http://", "/v1",
			"https://auth.example.com?tenant=1", "http://[::1" })
	void startUpWhenTheBeanGivesAMalformedBaseUrlThenFailsNamingTheBeanAndTheUrl(String baseUrl) {
		this.contextRunner.withBean(DescopeConnectionDetails.class, () -> new Details(PROJECT_ID, baseUrl))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("DescopeConnectionDetails bean (" + Details.class.getName() + ")")
				.hasMessageContaining("base URL '" + baseUrl + "'")
				.hasMessageContaining("absolute http or https URL"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://auth.example.com/", "http://127.0.0.1:9", "HTTPS://API.DESCOPE.COM",
			"http://[::1]:8080" })
	void startUpWhenTheBeanGivesAUsableBaseUrlThenTheClientCallsIt(String baseUrl) {
		this.contextRunner.withBean(DescopeConnectionDetails.class, () -> new Details(" " + PROJECT_ID + " ", baseUrl))
			.run((context) -> {
				DescopeClient client = context.getBean(DescopeClient.class);

				assertThat(client.getProjectId()).isEqualTo(PROJECT_ID);
				assertThat(client.getJwksUri()).isEqualTo(baseUrl.replaceAll("/$", "") + "/v2/keys/" + PROJECT_ID);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "ftp://descope.example", "localhost:8080" })
	void startUpWhenTheBaseUrlPropertyIsMalformedThenFailsNamingTheProperty(String baseUrl) {
		this.contextRunner.withPropertyValues("descope.project-id=" + PROJECT_ID, "descope.base-url=" + baseUrl)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("descope.base-url");
					assertThat(ex.getReason()).contains("absolute http or https URL");
				}));
	}

	/**
	 * Connection details as an application writes them.
	 *
	 * @param projectId the project id it gives
	 * @param baseUrl the base URL it gives
	 */
	record Details(String projectId, String baseUrl) implements DescopeConnectionDetails {

		@Override
		public String getProjectId() {
			return this.projectId;
		}

		@Override
		public String getBaseUrl() {
			return this.baseUrl;
		}

	}

}
