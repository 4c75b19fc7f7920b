package com.descope.notp.test;

import java.time.Duration;

/** The emulator's switches; each read and written atomically (volatile). */
final class EmulatorSettings {

	volatile Duration sessionTokenTtl = Duration.ofMinutes(10);
	volatile Duration pendingFlowTtl = Duration.ofMinutes(10);
	volatile boolean tokensInCookies;
	volatile boolean refreshTokenRotation;
}
