package com.descope.notp.test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The calls to one path of a {@link DescopeEmulator} held before they are answered, from
 * {@link DescopeEmulator#holdAnswers(String)} until {@link #release()}: a Descope that
 * takes exactly as long as the test needs, so that a test acts while the application
 * waits on Descope (a second request, a hang-up) and makes an overlap happen instead of
 * hoping for it.
 *
 * <pre>{@code
 * try (AnswerHold hold = descope.holdAnswers("/v1/auth/notp/pending-session")) {
 *     // make the application call Descope, on another thread or connection
 *     hold.awaitHeld(1, Duration.ofSeconds(10));   // it is now waiting on Descope
 *     // ... act during the call ...
 * }   // released: the held calls are answered
 * }</pre>
 *
 * A held call is recorded ({@link DescopeEmulator#calls()}) when it arrives, and answered
 * after the release from the emulator's state at that time (a flow confirmed meanwhile is
 * confirmed). Calls arriving after the release are not held. Thread-safe.
 */
public final class AnswerHold implements AutoCloseable {

	private final String path;

	private final Consumer<AnswerHold> onRelease;

	private final CountDownLatch released = new CountDownLatch(1);

	private int held;

	AnswerHold(String path, Consumer<AnswerHold> onRelease) {
		this.path = path;
		this.onRelease = onRelease;
	}

	/** On the emulator's thread: counts the call, then waits for the release. */
	void holdCall() {
		synchronized (this) {
			this.held++;
			notifyAll();
		}
		try {
			this.released.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits until {@code count} calls to the path are held.
	 * @param count how many, counted since the hold began
	 * @param timeout how long to wait at most; only a failing test waits that long
	 * @throws IllegalStateException if fewer calls came within {@code timeout}
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitHeld(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (this.held < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException(
							this.held + " of " + count + " calls to " + this.path + " held after " + timeout);
				}
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
		}
	}

	/**
	 * How many calls to the path have been held so far.
	 * @return the count
	 */
	public synchronized int held() {
		return this.held;
	}

	/** Ends the hold: the held calls are answered, later ones at once. Idempotent. */
	public void release() {
		this.onRelease.accept(this);
		this.released.countDown();
	}

	/** Same as {@link #release()}. */
	@Override
	public void close() {
		release();
	}

	@Override
	public String toString() {
		return "AnswerHold[" + this.path + ", held " + held() + ((this.released.getCount() == 0) ? ", released]" : "]");
	}

}
