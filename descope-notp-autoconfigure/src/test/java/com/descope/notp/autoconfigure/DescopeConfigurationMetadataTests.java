package com.descope.notp.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.NotpMethod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs read
 * ({@code META-INF/spring-configuration-metadata.json}, generated from
 * {@link DescopeProperties} and {@code additional-spring-configuration-metadata.json})
 * tells the truth: every property is described, every default the code has is there and
 * binds to that very value, the enumerated settings offer their values, and each offered
 * value starts the application.
 */
class DescopeConfigurationMetadataTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What an offered value needs besides, as its description says. */
	private static final Map<String, String[]> ALSO_NEEDED = Map.of("descope.notp.pending-flows=cookie",
			new String[] { "descope.session-token-via-cookie=true",
					"descope.notp.flow-cookie.keys=" + Base64.getEncoder().encodeToString(new byte[32]) });

	private static JsonNode metadata;

	private static Map<String, JsonNode> properties;

	@BeforeAll
	static void readMetadata() throws Exception {
		URL classes = DescopeProperties.class.getProtectionDomain().getCodeSource().getLocation();
		try (InputStream in = new URL(classes, "META-INF/spring-configuration-metadata.json").openStream()) {
			metadata = JSON.readTree(in);
		}
		properties = new LinkedHashMap<>();
		metadata.get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));
	}

	@Test
	void metadataWhenBuiltThenDescribesProperties() {
		assertThat(properties).containsKeys("descope.project-id", "descope.base-url", "descope.notp.polling-interval",
				"descope.notp.timeout", "descope.notp.default-method", "descope.jwt.clock-skew",
				"descope.notp.default-success-url", "descope.method-security.enabled");
		assertThat(properties.get("descope.project-id").get("description").asString()).contains("Required");
		JsonNode successUrl = properties.get("descope.notp.default-success-url");
		assertThat(successUrl.get("defaultValue").asString()).isEqualTo("/");
		assertThat(successUrl.get("description").asString()).contains("context path");
		assertThat(properties.get("descope.method-security.enabled").get("defaultValue").asBoolean()).isTrue();
	}

	@Test
	void metadataWhenBuiltThenEveryPropertyHasADescription() {
		assertThat(properties).isNotEmpty().allSatisfy((name, property) -> {
			assertThat(name).startsWith("descope.");
			assertThat(property.path("description").asString()).as(name).isNotBlank().endsWith(".");
		});
	}

	@Test
	void metadataWhenTheCodeHasADefaultThenItIsThereAndBindsToThatValue() {
		DescopeProperties defaults = new DescopeProperties();
		assertThat(properties).allSatisfy((name, property) -> {
			Object codeDefault = codeValue(defaults, name);
			if (codeDefault == null) {
				assertThat(property.has("defaultValue")).as("%s has no default in the code", name).isFalse();
				return;
			}
			assertThat(property.has("defaultValue")).as("%s's default %s is in the metadata", name, codeDefault)
				.isTrue();
			assertThat(codeValue(bind(name, property.get("defaultValue")), name))
				.as("%s bound from the metadata's default", name)
				.isEqualTo(codeDefault);
		});
		assertThat(properties.get("descope.notp.default-method").get("defaultValue").asString())
			.isEqualTo("sign-up-or-in");
		assertThat(properties.get("descope.jwt.verified-token-cache-size").get("defaultValue").asInt())
			.isEqualTo(10000);
		assertThat(strings(properties.get("descope.jwt.algorithms").get("defaultValue"))).containsExactly("RS256");
		assertThat(strings(properties.get("descope.http.retry-backoff").get("defaultValue"))).containsExactly("100ms",
				"5s", "5s");
	}

	@Test
	void metadataWhenBuiltThenTheFrontEndPropertiesSayTheConfigurationEndpointServesThem() {
		assertThat(properties).containsKeys("descope.oidc.enabled", "descope.oidc.application-id",
				"descope.oidc.client-id", "descope.oidc.issuer", "descope.oidc.redirect-uri", "descope.oidc.scope",
				"descope.cookie.session-name", "descope.cookie.refresh-name");
		assertThat(properties.get("descope.base-static-url").get("description").asString())
			.contains("configuration endpoint");
		assertThat(properties.get("descope.base-cdn-url").get("description").asString())
			.contains("configuration endpoint");
		assertThat(properties.get("descope.oidc.enabled").get("description").asString()).contains("oidcConfig");
		assertThat(properties.get("descope.cookie.session-name").get("defaultValue").asString()).isEqualTo("DS");
		assertThat(properties.get("descope.cookie.refresh-name").get("defaultValue").asString()).isEqualTo("DSR");
	}

	@Test
	void metadataWhenBuiltThenPollingAndTimeoutSayWhatTheyDo() {
		assertThat(properties.get("descope.notp.polling-interval").get("description").asString())
			.contains("default login page")
			.doesNotContain("waitForSession");
		assertThat(properties.get("descope.notp.timeout").get("description").asString())
			.contains("started login may be completed")
			.doesNotContain("waitForSession");
	}

	@Test
	void hintsWhenBuiltThenOfferTheValuesOfEachEnumeratedSetting() {
		assertThat(hintValues("descope.notp.default-method"))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(NotpMethod.values()).map(NotpMethod::value).toList());
		assertThat(hintValues("descope.cookie.same-site")).containsExactlyInAnyOrder("Lax", "Strict", "None");
		assertThat(hintValues("descope.jwt.algorithms")).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(SignatureAlgorithm.values()).map(SignatureAlgorithm::getName).toList());
		assertThat(metadata.get("hints")).allSatisfy((hint) -> assertThat(hint.get("values"))
			.allSatisfy((value) -> assertThat(value.path("description").asString()).isNotBlank()));
	}

	@Test
	void hintsWhenEachOfferedValueIsSetThenTheApplicationStarts() {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
					DescopeJwtAutoConfiguration.class, DescopeSecurityAutoConfiguration.class,
					DescopeWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
			.withPropertyValues("descope.project-id=P2aAc4T2V93bddihGEx2Ryhc8e5Z",
					"descope.base-url=http://127.0.0.1:9/");
		for (JsonNode hint : metadata.get("hints")) {
			String name = hint.get("name").asString();
			for (String value : hintValues(name)) {
				runner.withPropertyValues(name + "=" + value)
					.withPropertyValues(ALSO_NEEDED.getOrDefault(name + "=" + value, new String[0]))
					.run((context) -> assertThat(context).as("%s=%s", name, value).hasNotFailed());
			}
		}
	}

	private static List<String> hintValues(String name) {
		return metadata.get("hints")
			.valueStream()
			.filter((hint) -> hint.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no hints for " + name))
			.get("values")
			.valueStream()
			.map((value) -> value.get("value").asString())
			.toList();
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	/**
	 * {@link DescopeProperties} bound from one property set to a metadata default (a list
	 * default as its comma-separated form).
	 */
	private static DescopeProperties bind(String name, JsonNode defaultValue) {
		String value = defaultValue.isArray() ? String.join(",", strings(defaultValue)) : defaultValue.asString();
		return new Binder(new MapConfigurationPropertySource(Map.of(name, value))).bindOrCreate("descope",
				DescopeProperties.class);
	}

	/** The value of {@code descope.a.b-c} in {@code properties}, read as {@code a.bC}. */
	private static @Nullable Object codeValue(DescopeProperties properties, String name) {
		String path = Arrays.stream(name.substring("descope.".length()).split("\\."))
			.map(DescopeConfigurationMetadataTests::camelCase)
			.reduce((a, b) -> a + "." + b)
			.orElseThrow();
		return new BeanWrapperImpl(properties).getPropertyValue(path);
	}

	private static String camelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

}
