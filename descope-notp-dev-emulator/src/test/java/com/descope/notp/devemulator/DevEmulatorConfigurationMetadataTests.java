package com.descope.notp.devemulator;

import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs read for {@code descope.dev-emulator.*} (generated from
 * {@link DevEmulatorProperties}) names both settings, describes them, and gives the
 * defaults the code has.
 */
class DevEmulatorConfigurationMetadataTests {

	@Test
	void metadataWhenBuiltThenDescribesBothSettingsWithTheCodesDefaults() throws Exception {
		Map<String, JsonNode> properties = properties();
		DevEmulatorProperties defaults = new DevEmulatorProperties();

		assertThat(properties).containsOnlyKeys("descope.dev-emulator.enabled", "descope.dev-emulator.skip.in-tests");
		assertThat(properties.get("descope.dev-emulator.enabled").get("defaultValue").asBoolean())
			.isEqualTo(defaults.isEnabled())
			.isTrue();
		assertThat(properties.get("descope.dev-emulator.skip.in-tests").get("defaultValue").asBoolean())
			.isEqualTo(defaults.getSkip().isInTests())
			.isTrue();
		assertThat(properties).allSatisfy((name,
				property) -> assertThat(property.path("description").asString()).as(name).isNotBlank().endsWith("."));
	}

	private static Map<String, JsonNode> properties() throws Exception {
		URL classes = DevEmulatorProperties.class.getProtectionDomain().getCodeSource().getLocation();
		JsonNode metadata;
		try (InputStream in = new URL(classes, "META-INF/spring-configuration-metadata.json").openStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		metadata.get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));
		return properties;
	}

}
