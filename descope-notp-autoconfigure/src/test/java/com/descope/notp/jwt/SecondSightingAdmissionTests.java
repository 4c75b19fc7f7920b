package com.descope.notp.jwt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SecondSightingAdmission}: an entry is admitted from its second
 * sighting on, as long as its slot remembers it.
 */
class SecondSightingAdmissionTests {

	@Test
	void admitWhenFirstSightingThenNotAdmitted() {
		SecondSightingAdmission admission = new SecondSightingAdmission(16);

		assertThat(admission.admit(0x1234_5678)).isFalse();
	}

	@Test
	void admitWhenSeenBeforeThenAdmittedEveryTime() {
		SecondSightingAdmission admission = new SecondSightingAdmission(16);
		admission.admit(0x1234_5678);

		assertThat(admission.admit(0x1234_5678)).isTrue();
		assertThat(admission.admit(0x1234_5678)).isTrue();
	}

	@Test
	void admitWhenHashCodeIsZeroThenNotAdmittedAtFirstSighting() {
		SecondSightingAdmission admission = new SecondSightingAdmission(16);

		assertThat(admission.admit(0)).isFalse();
		assertThat(admission.admit(0)).isTrue();
	}

	@Test
	void admitWhenAnotherEntryTookTheSlotThenFirstSightingAgain() {
		SecondSightingAdmission admission = new SecondSightingAdmission(1);
		admission.admit(2);
		admission.admit(4);

		assertThat(admission.admit(2)).isFalse();
		assertThat(admission.admit(2)).isTrue();
	}

	@Test
	void newWhenCapacityNotPositiveThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecondSightingAdmission(0));
	}

}
