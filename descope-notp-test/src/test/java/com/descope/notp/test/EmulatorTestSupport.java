package com.descope.notp.test;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh emulator per test, and an HTTP client for it.
 */
abstract class EmulatorTestSupport {

	DescopeEmulator emulator;

	EmulatorHttp http;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.http = new EmulatorHttp(this.emulator);
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

}
