package com.descope.notp.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A UTC clock a test moves instead of waiting: give it to the
 * {@link DescopeEmulator#setClock(Clock) emulator} and to whatever in the application
 * takes a {@link Clock}, then {@link #advance(Duration) advance} it past an expiry.
 * <ul>
 * <li>{@link #followingSystemTime()}: the system UTC clock plus the distance moved, so
 * tokens dated by it stay valid for parts of the application still on the system
 * clock;</li>
 * <li>{@link #standingAt(Instant)}: still at an instant until moved, for exact
 * arithmetic.</li>
 * </ul>
 * {@link #standStill()} stops a clock where it is; {@link #reset()} takes every change
 * back. Thread-safe.
 */
public final class MovableClock extends Clock {

	private final @Nullable Instant start;

	private volatile @Nullable Instant standing;

	private volatile Duration moved = Duration.ZERO;

	private MovableClock(@Nullable Instant start) {
		this.start = start;
		this.standing = start;
	}

	/**
	 * A clock that reads the system UTC clock, plus what it was moved.
	 * @return the clock, not moved yet
	 */
	public static MovableClock followingSystemTime() {
		return new MovableClock(null);
	}

	/**
	 * A clock that stands still at {@code start} until it is moved.
	 * @param start the instant it reads until moved
	 * @return the clock
	 */
	public static MovableClock standingAt(Instant start) {
		return new MovableClock(Objects.requireNonNull(start, "start"));
	}

	/**
	 * Moves the clock forward (or back, for a negative duration).
	 * @param duration how far
	 */
	public synchronized void advance(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		this.moved = this.moved.plus(duration);
	}

	/**
	 * Moves the clock to {@code instant}.
	 * @param instant the instant it reads now
	 */
	public synchronized void set(Instant instant) {
		Objects.requireNonNull(instant, "instant");
		this.moved = this.moved.plus(Duration.between(instant(), instant));
	}

	/**
	 * Stops the clock at the instant it reads now: from then on it moves only when moved,
	 * until {@link #reset()}.
	 */
	public synchronized void standStill() {
		this.standing = instant();
		this.moved = Duration.ZERO;
	}

	/**
	 * Takes back every move and {@link #standStill()}: the clock reads its start (or the
	 * system time) again.
	 */
	public synchronized void reset() {
		this.standing = this.start;
		this.moved = Duration.ZERO;
	}

	@Override
	public synchronized Instant instant() {
		Instant still = this.standing;
		return ((still != null) ? still : Instant.now()).plus(this.moved);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/**
	 * This clock, in UTC only.
	 * @param zone {@link ZoneOffset#UTC}
	 * @return this clock
	 * @throws UnsupportedOperationException for another zone
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		if (!ZoneOffset.UTC.equals(zone)) {
			throw new UnsupportedOperationException("A MovableClock reads UTC only");
		}
		return this;
	}

	@Override
	public String toString() {
		Instant still = this.standing;
		return "MovableClock[" + ((still != null) ? "standing at " + still : "following system time") + ", moved "
				+ this.moved + "]";
	}

}
