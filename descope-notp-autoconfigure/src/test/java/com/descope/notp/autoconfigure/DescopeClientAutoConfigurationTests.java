package com.descope.notp.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.DescopeErrorCodes;
import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.DescopeUser;
import com.descope.notp.client.SelfSignedCertificate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeClientAutoConfiguration}: {@code descope.http.*} and Spring
 * Boot's HTTP client settings reach real calls to a real HTTP(S) server.
 */
class DescopeClientAutoConfigurationTests {

	private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private static final String REFRESH_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJkcm4iOiJEU1IifQ.cmVmcmVzaC1zaWduYXR1cmU";

	private final MockWebServer server = new MockWebServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void descopeClientWhenReadTimeoutSetThenALaterAnswerIsATransportFailure() throws IOException {
		this.server.enqueue(user().newBuilder().headersDelay(3, TimeUnit.SECONDS).build());

		contextRunner().withPropertyValues("descope.http.read-timeout=500ms").run((context) -> {
			DescopeResponse<DescopeUser> response = context.getBean(DescopeClient.class).me(REFRESH_JWT);

			assertThat(response.ok()).isFalse();
			assertThat(response.error().errorCode()).isEqualTo(DescopeErrorCodes.TRANSPORT_FAILURE);
		});
	}

	@Test
	void descopeClientWhenSpringHttpClientsReadTimeoutSetThenDescopesOwnTimeoutStillApplies() throws IOException {
		this.server.enqueue(user().newBuilder().headersDelay(300, TimeUnit.MILLISECONDS).build());

		contextRunner().withPropertyValues("spring.http.clients.read-timeout=50ms").run((context) -> {
			DescopeResponse<DescopeUser> response = context.getBean(DescopeClient.class).me(REFRESH_JWT);

			assertThat(response.ok()).isTrue();
		});
	}

	@Test
	void descopeClientWhenRetryBackoffSetThenRetriesThatManyTimes() throws IOException {
		for (int i = 0; i < 4; i++) {
			this.server.enqueue(new MockResponse.Builder().code(503).build());
		}

		contextRunner().withPropertyValues("descope.http.retry-backoff=0ms,1ms").run((context) -> {
			DescopeResponse<DescopeUser> response = context.getBean(DescopeClient.class).me(REFRESH_JWT);

			assertThat(response.code()).isEqualTo(503);
			assertThat(this.server.getRequestCount()).isEqualTo(3);
		});
	}

	@Test
	void descopeClientWhenRetryBackoffEmptyThenNotRetried() throws IOException {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(user());

		contextRunner().withPropertyValues("descope.http.retry-backoff=").run((context) -> {
			DescopeResponse<DescopeUser> response = context.getBean(DescopeClient.class).me(REFRESH_JWT);

			assertThat(response.code()).isEqualTo(503);
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void descopeClientWhenDescopeSslBundleSetThenTrustsItsCertificate(@TempDir Path directory) throws Exception {
		SelfSignedCertificate certificate = https(directory);

		contextRunner().withPropertyValues(bundle("descope", certificate))
			.withPropertyValues("descope.http.ssl.bundle=descope")
			.run((context) -> assertThat(context.getBean(DescopeClient.class).me(REFRESH_JWT).ok()).isTrue());
	}

	@Test
	void descopeClientWhenOnlySpringHttpClientsSslBundleSetThenTrustsItsCertificate(@TempDir Path directory)
			throws Exception {
		SelfSignedCertificate certificate = https(directory);

		contextRunner().withPropertyValues(bundle("corporate", certificate))
			.withPropertyValues("spring.http.clients.ssl.bundle=corporate")
			.run((context) -> assertThat(context.getBean(DescopeClient.class).me(REFRESH_JWT).ok()).isTrue());
	}

	@Test
	void descopeClientWhenNoSslBundleThenASelfSignedCertificateIsRefused(@TempDir Path directory) throws Exception {
		https(directory);

		contextRunner().run((context) -> {
			DescopeResponse<DescopeUser> response = context.getBean(DescopeClient.class).me(REFRESH_JWT);

			assertThat(response.ok()).isFalse();
			assertThat(response.error().errorCode()).isEqualTo(DescopeErrorCodes.TRANSPORT_FAILURE);
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void descopeClientWhenSslBundleUnknownThenStartupFailsNamingIt() throws IOException {
		contextRunner().withPropertyValues("descope.http.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(NoSuchSslBundleException.class)
				.hasMessageContaining("missing"));
	}

	@Test
	void descopeClientWhenRestClientCustomizerDefinedThenItAppliesToDescopeCalls() throws Exception {
		this.server.enqueue(user());

		contextRunner().withUserConfiguration(TracingCustomizerConfiguration.class).run((context) -> {
			assertThat(context.getBean(DescopeClient.class).me(REFRESH_JWT).ok()).isTrue();
			RecordedRequest request = this.server.takeRequest(1, TimeUnit.SECONDS);
			assertThat(request.getHeaders().get("X-Trace")).isEqualTo("on");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PROJECT_ID + ":" + REFRESH_JWT);
		});
	}

	@Test
	void descopeClientWhenContextStartsThenSpringBootsRestClientBuilderIsMadeAtTheFirstCall() throws Exception {
		this.server.enqueue(user());
		this.server.enqueue(user());

		contextRunner().withUserConfiguration(CountingCustomizerConfiguration.class).run((context) -> {
			AtomicInteger builders = context.getBean("builders", AtomicInteger.class);
			assertThat(builders).hasValue(0);

			DescopeClient client = context.getBean(DescopeClient.class);
			assertThat(client.me(REFRESH_JWT).ok()).isTrue();
			assertThat(client.me(REFRESH_JWT).ok()).isTrue();

			assertThat(builders).hasValue(1);
			assertThat(this.server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("X-Builder")).isEqualTo("1");
		});
	}

	@Test
	void configurationMetadataWhenBuiltThenDescribesTheHttpProperties() throws Exception {
		URL classes = DescopeProperties.class.getProtectionDomain().getCodeSource().getLocation();
		JsonNode root;
		try (InputStream in = new URL(classes, "META-INF/spring-configuration-metadata.json").openStream()) {
			root = JsonMapper.builder().build().readTree(in);
		}

		assertThat(root.get("properties"))
			.filteredOn((property) -> property.get("name").asString().startsWith("descope.http."))
			.extracting((property) -> property.get("name").asString())
			.containsExactlyInAnyOrder("descope.http.connect-timeout", "descope.http.read-timeout",
					"descope.http.retry-backoff", "descope.http.ssl.bundle");
		assertThat(root.get("properties"))
			.filteredOn((property) -> property.get("name").asString().equals("descope.http.ssl.bundle"))
			.singleElement()
			.satisfies((property) -> assertThat(property.get("description").asString())
				.contains("spring.http.clients.ssl.bundle"));
	}

	private SelfSignedCertificate https(Path directory) throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
		this.server.useHttps(certificate.serverContext().getSocketFactory());
		this.server.enqueue(user());
		return certificate;
	}

	/**
	 * Starts the server (over HTTPS when {@link #https(Path)} came first) and points the
	 * client at it.
	 */
	@Test
	void descopeClientWhenConnectionDetailsDefinedThenTheyWinOverTheProperties() throws IOException {
		this.server.enqueue(user());

		contextRunner().withPropertyValues("descope.base-url=http://127.0.0.1:9")
			.withBean(DescopeConnectionDetails.class, () -> new DescopeConnectionDetails() {

				@Override
				public String getProjectId() {
					return "P2ConnectionDetails0000000000";
				}

				@Override
				public String getBaseUrl() {
					return DescopeClientAutoConfigurationTests.this.server.url("/").toString();
				}

			})
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesDescopeConnectionDetails.class);
				DescopeClient client = context.getBean(DescopeClient.class);

				assertThat(client.getProjectId()).isEqualTo("P2ConnectionDetails0000000000");
				assertThat(client.me(REFRESH_JWT).ok()).isTrue();
				assertThat(this.server.takeRequest().getHeaders().get("Authorization"))
					.startsWith("Bearer P2ConnectionDetails0000000000:");
			});
	}

	@Test
	void connectionDetailsWhenNoneDefinedThenFromThePropertiesWithTheBaseUrlDerivedWhenUnset() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class))
			.withPropertyValues("descope.project-id=Puse12aAc4T2V93bddihGEx2Ryhc8e5Z")
			.run((context) -> {
				DescopeConnectionDetails details = context.getBean(DescopeConnectionDetails.class);

				assertThat(details).isInstanceOf(PropertiesDescopeConnectionDetails.class);
				assertThat(details.getProjectId()).isEqualTo("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z");
				assertThat(details.getBaseUrl()).isEqualTo("https://api.use1.descope.com");
			});
	}

	private ApplicationContextRunner contextRunner() throws IOException {
		if (!this.server.getStarted()) {
			this.server.start();
		}
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class, SslAutoConfiguration.class,
					HttpClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues("descope.project-id=" + PROJECT_ID, "descope.base-url=" + this.server.url("/"));
	}

	private static String[] bundle(String name, SelfSignedCertificate certificate) {
		String prefix = "spring.ssl.bundle.jks." + name + ".truststore.";
		return new String[] { prefix + "location=file:" + certificate.trustStoreFile(), prefix + "type=PKCS12",
				prefix + "password=" + SelfSignedCertificate.PASSWORD };
	}

	private static MockResponse user() {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"userId\":\"U1\"}")
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingCustomizerConfiguration {

		@Bean
		AtomicInteger builders() {
			return new AtomicInteger();
		}

		@Bean
		RestClientCustomizer countingCustomizer(AtomicInteger builders) {
			return (builder) -> builder.defaultHeader("X-Builder", String.valueOf(builders.incrementAndGet()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TracingCustomizerConfiguration {

		@Bean
		RestClientCustomizer tracingHeader() {
			return (builder) -> builder.defaultHeader("X-Trace", "on");
		}

	}

}
