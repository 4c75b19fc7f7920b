package com.descope.notp.test;

import java.time.Clock;
import java.time.Duration;

/** The emulator's switches; each read and written atomically (volatile). */
final class EmulatorSettings {

	volatile Duration sessionTokenTtl = Duration.ofMinutes(10);

	volatile Duration pendingFlowTtl = Duration.ofMinutes(10);

	volatile boolean tokensInCookies;

	volatile boolean refreshTokenRotation;

	/**
	 * The emulator's time: dates the tokens it issues ({@code iat}, {@code exp}) and the
	 * flows it starts, ages the flows and counts cookie lifetimes.
	 */
	volatile Clock clock = Clock.systemUTC();

	/**
	 * {@code cookieDomain} of every JWTResponse: the project's cookie domain, none by
	 * default.
	 */
	volatile String cookieDomain = "";

	/** {@code cookiePath} of every JWTResponse. */
	volatile String cookiePath = "/";

}
