package com.descope.notp.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PhoneNumberNormalizer}.
 */
class PhoneNumberNormalizerTests {

	private final PhoneNumberNormalizer international = new PhoneNumberNormalizer(null);

	@ParameterizedTest
	@ValueSource(strings = { "+15550100100", " +1 555 0100 100 ", "+1 (555) 010-0100", "+1.555.010.0100",
			"\uFF0B\uFF11\uFF15\uFF15\uFF15\uFF10\uFF11\uFF10\uFF10\uFF11\uFF10\uFF10",
			"+\u0661\u0665\u0665\u0665\u0660\u0661\u0660\u0660\u0661\u0660\u0660",
			"+\u06F1\u06F5\u06F5\u06F5\u06F0\u06F1\u06F0\u06F0\u06F1\u06F0\u06F0", "+1\u00A0555\u20110100\u2013100" })
	void normalizeWhenInternationalNumberWrittenAnyUsualWayThenE164(String loginId) {
		assertThat(this.international.normalize(loginId, "loginId")).isEqualTo("+15550100100");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "\u3000" })
	void normalizeWhenBlankThenEmpty(String loginId) {
		assertThat(this.international.normalize(loginId, "loginId")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "15550100100", "(555) 010-0100", "+", "+12345678901234567890", "12345678901234567890",
			"+1", "+1 800 FLOWERS", "+1555010010O", "abc", "+15550100100\n", "\t+15550100100", "+1555\u00000100100",
			"+1555\u007F0100100", "+1555\u202E0100100", "+1555\u200B0100100", "+15550100100;ext=1", "+1555/0100100" })
	void normalizeWhenNotAPossibleInternationalNumberThenRejectsLoginId(String loginId) {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.international.normalize(loginId, "loginId"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("loginId"));
	}

	@Test
	void normalizeWhenLongerThanAnyPhoneNumberThenRejected() {
		String loginId = "+1" + " ".repeat(70) + "5550100100";

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.international.normalize(loginId, "loginId"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("loginId"));
	}

	@Test
	void normalizeWhenFieldNamedThenErrorNamesIt() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.international.normalize("letters", "user.phone"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("user.phone"));
	}

	@Test
	void normalizeWhenDefaultRegionThenNationalNumbersAccepted() {
		PhoneNumberNormalizer us = new PhoneNumberNormalizer("US");

		assertThat(us.normalize("(555) 010-0100", "loginId")).isEqualTo("+15550100100");
		assertThat(us.normalize("555 010 0100", "loginId")).isEqualTo("+15550100100");
		assertThat(us.normalize("+44 20 7946 0958", "loginId")).isEqualTo("+442079460958");
	}

	@Test
	void newWhenRegionUnknownThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumberNormalizer("XX"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumberNormalizer("us"));
	}

}
