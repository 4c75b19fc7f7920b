package com.descope.notp.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource hints for libphonenumber's metadata ({@link PhoneNumberRuntimeHints}), as
 * the AOT engine gathers them (every registrar of {@code META-INF/spring/aot.factories}
 * on the class path): each file a {@link PhoneNumberUtil} reads while it parses, checks
 * and formats numbers of geographic regions and of a non-geographic calling code is
 * included, recorded by a loader that reads the files as libphonenumber's own does; so is
 * every region's file in libphonenumber's jar.
 */
class PhoneNumberRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@BeforeEach
	void registerHints() {
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@ParameterizedTest
	@CsvSource({ "+44 20 7946 0958, ZZ", "030 901820, DE", "+1 (555) 010-0100, ZZ", "+800 1234 5678, ZZ",
			"+81 3-1234-5678, ZZ" })
	void parseWhenANumberIsNormalizedThenEveryMetadataFileReadIsIncluded(String number, String region)
			throws NumberParseException {
		List<String> read = new ArrayList<>();
		PhoneNumberUtil phoneNumbers = PhoneNumberUtil.createInstance((name) -> {
			read.add(name);
			return PhoneNumberUtil.class.getResourceAsStream(name);
		});

		PhoneNumber parsed = phoneNumbers.parse(number, region);
		phoneNumbers.isPossibleNumber(parsed);
		phoneNumbers.isValidNumber(parsed);
		phoneNumbers.getRegionCodeForNumber(parsed);
		phoneNumbers.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);

		assertThat(read).isNotEmpty()
			.allSatisfy((name) -> assertThat(name).startsWith("/com/google/i18n/phonenumbers/data/"))
			.allSatisfy((name) -> assertThat(RuntimeHintsPredicates.resource().forResource(name.substring(1))).as(name)
				.accepts(this.hints));
	}

	@Test
	void metadataWhenShippedByLibphonenumberThenEveryRegionsFileIsIncluded() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver(getClass().getClassLoader())
			.getResources("classpath*:com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_*");

		assertThat(files).hasSizeGreaterThan(200).allSatisfy((file) -> {
			try (InputStream content = file.getInputStream()) {
				assertThat(content.read()).isNotNegative();
			}
			assertThat(RuntimeHintsPredicates.resource()
				.forResource("com/google/i18n/phonenumbers/data/" + file.getFilename())).accepts(this.hints);
		});
	}

}
