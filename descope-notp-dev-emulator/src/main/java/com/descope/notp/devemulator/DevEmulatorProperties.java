package com.descope.notp.devemulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The development-time emulator's settings, bound from {@code descope.dev-emulator.*}
 * with Spring Boot's {@link Binder} before the application context is refreshed (so they
 * are not a bean).
 */
@ConfigurationProperties(DevEmulatorProperties.NAME)
public final class DevEmulatorProperties {

	static final String NAME = "descope.dev-emulator";

	/**
	 * Whether the Descope emulator starts when descope.project-id is not set. It never
	 * starts when a project id is set.
	 */
	private boolean enabled = true;

	private final Skip skip = new Skip();

	/**
	 * Whether the emulator starts when no project id is set.
	 * @return {@code true} by default
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether the emulator starts when no project id is set.
	 * @param enabled {@code false} to never start it
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * When the emulator stays off although it would start.
	 * @return the skip settings
	 */
	public Skip getSkip() {
		return this.skip;
	}

	/**
	 * The settings bound from {@code descope.dev-emulator.*}, or the defaults.
	 * @param binder the binder of the application's environment
	 * @return the settings
	 */
	static DevEmulatorProperties get(Binder binder) {
		return binder.bind(NAME, DevEmulatorProperties.class).orElseGet(DevEmulatorProperties::new);
	}

	/**
	 * When the emulator stays off ({@code descope.dev-emulator.skip.*}).
	 */
	public static final class Skip {

		/**
		 * Whether the emulator stays off when the application runs in a test (JUnit on
		 * the class path and a test framework starting the application). Set it to false
		 * in a test that runs the application on the emulator.
		 */
		private boolean inTests = true;

		/**
		 * Whether the emulator stays off in tests.
		 * @return {@code true} by default
		 */
		public boolean isInTests() {
			return this.inTests;
		}

		/**
		 * Sets whether the emulator stays off in tests.
		 * @param inTests {@code false} to let it start in tests
		 */
		public void setInTests(boolean inTests) {
			this.inTests = inTests;
		}

	}

}
