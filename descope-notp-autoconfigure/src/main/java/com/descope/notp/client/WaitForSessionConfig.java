package com.descope.notp.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How {@link PendingSessionPoller#waitForSession(String, WaitForSessionConfig)} polls,
 * clamped as the Descope JS SDK clamps ({@code docs/descope-protocol.md}, "Calls the
 * client makes"): the interval is at least {@link #MIN_POLLING_INTERVAL} (1 s), the
 * timeout at most {@link #MAX_TIMEOUT} (10 min), and a missing, zero or negative timeout
 * means the maximum.
 *
 * @param pollingInterval the time between the answer of one poll and the start of the
 * next; {@code null} means 1 s
 * @param timeout how long to wait in all before answering {@code ok=false}; {@code null}
 * means 10 min
 */
public record WaitForSessionConfig(@Nullable Duration pollingInterval, @Nullable Duration timeout) {

	/** The shortest and default polling interval: 1 s. */
	public static final Duration MIN_POLLING_INTERVAL = Duration.ofSeconds(1);

	/** The longest and default timeout: 10 min. */
	public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

	/** The defaults: every 1 s for up to 10 min. */
	public static final WaitForSessionConfig DEFAULTS = new WaitForSessionConfig(null, null);

	/**
	 * The interval to use: the given one, raised to at least 1 s.
	 * @return the effective polling interval
	 */
	public Duration effectivePollingInterval() {
		return (this.pollingInterval == null || this.pollingInterval.compareTo(MIN_POLLING_INTERVAL) < 0)
				? MIN_POLLING_INTERVAL : this.pollingInterval;
	}

	/**
	 * The timeout to use: the given one, or 10 min when it is missing, not positive or
	 * longer.
	 * @return the effective timeout
	 */
	public Duration effectiveTimeout() {
		return (this.timeout == null || this.timeout.isZero() || this.timeout.isNegative()
				|| this.timeout.compareTo(MAX_TIMEOUT) > 0) ? MAX_TIMEOUT : this.timeout;
	}

}
