package com.descope.notp.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP {@code Retry-After} header value (RFC 9110, section 10.2.3): either a
 * number of seconds or an HTTP date.
 */
final class RetryAfter {

	private static final long MAX_SECONDS = Duration.ofHours(1).toSeconds();

	private RetryAfter() {
	}

	/**
	 * The wait a {@code Retry-After} value asks for.
	 * @param value the header value, or {@code null}
	 * @param clock the clock to measure an HTTP date against
	 * @return the wait, zero for a date in the past, capped at one hour; {@code null}
	 * when the value is missing or unreadable
	 */
	static @Nullable Duration parse(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds < 0) ? null : Duration.ofSeconds(Math.min(seconds, MAX_SECONDS));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(clock.instant(), at);
				if (wait.isNegative()) {
					return Duration.ZERO;
				}
				return (wait.toSeconds() > MAX_SECONDS) ? Duration.ofSeconds(MAX_SECONDS) : wait;
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
	}

}
