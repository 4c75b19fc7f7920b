package com.descope.notp.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an emulator tells whoever started it: one {@code INFO} line with its URL and
 * project id (and no token), and the users it holds, the two seeded ones first, then
 * those added since.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmulatorStartTests {

	@Test
	void startWhenCalledThenLogsItsUrlAndProjectId(CapturedOutput output) {
		try (DescopeEmulator emulator = DescopeEmulator.start()) {
			assertThat(output.getOut()).containsOnlyOnce(
					"Descope emulator started at " + emulator.baseUrl() + " for project id " + emulator.projectId());
			assertThat(output.getOut()).contains("INFO").doesNotContain("eyJ");
		}
	}

	@Test
	void usersWhenStartedThenTheTwoSeededOnesThenThoseAddedSince() {
		try (DescopeEmulator emulator = DescopeEmulator.start()) {
			assertThat(emulator.users()).extracting(EmulatedUser::phone)
				.containsExactly("+15555550100", "+15555550101");
			assertThat(emulator.users()).extracting(EmulatedUser::roles)
				.containsExactly(List.of("admin", "user"), List.of("user"));

			EmulatedUser carol = emulator.addUser(EmulatedUser.withPhone("+15555550102", "Carol"));

			assertThat(emulator.users()).extracting(EmulatedUser::phone)
				.containsExactly("+15555550100", "+15555550101", "+15555550102");
			assertThat(emulator.users()).last().isEqualTo(carol);
		}
	}

}
