package com.descope.notp.sample;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test-only: counts the requests the server has begun and finished, by path (the request
 * URI), so that a test waits for requests to be in the server, or to be done with (their
 * filters, claims and releases run), instead of sleeping. Registered as a servlet
 * listener by {@code @Import(ServerRequests.class)}.
 */
final class ServerRequests implements ServletRequestListener {

	private final Map<String, Integer> begun = new HashMap<>();

	private final Map<String, Integer> ended = new HashMap<>();

	@Override
	public void requestInitialized(ServletRequestEvent event) {
		count(this.begun, event);
	}

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		count(this.ended, event);
	}

	private synchronized void count(Map<String, Integer> counts, ServletRequestEvent event) {
		if (event.getServletRequest() instanceof HttpServletRequest request) {
			counts.merge(request.getRequestURI(), 1, Integer::sum);
			notifyAll();
		}
	}

	/**
	 * How many requests to {@code path} the server has begun.
	 * @param path the request URI
	 * @return the count
	 */
	synchronized int begun(String path) {
		return this.begun.getOrDefault(path, 0);
	}

	/**
	 * How many requests to {@code path} the server has finished.
	 * @param path the request URI
	 * @return the count
	 */
	synchronized int ended(String path) {
		return this.ended.getOrDefault(path, 0);
	}

	/**
	 * Waits until the server has begun {@code count} requests to {@code path}.
	 * @param path the request URI
	 * @param count how many, since the server started
	 * @param timeout the longest wait; only a failing test waits that long
	 */
	void awaitBegun(String path, int count, Duration timeout) throws InterruptedException {
		await(this.begun, path, count, timeout);
	}

	/**
	 * Waits until the server has finished {@code count} requests to {@code path}.
	 * @param path the request URI
	 * @param count how many, since the server started
	 * @param timeout the longest wait; only a failing test waits that long
	 */
	void awaitEnded(String path, int count, Duration timeout) throws InterruptedException {
		await(this.ended, path, count, timeout);
	}

	private synchronized void await(Map<String, Integer> counts, String path, int count, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (counts.getOrDefault(path, 0) < count) {
			long left = deadline - System.nanoTime();
			assertThat(left).as("%d requests to %s within %s", count, path, timeout).isPositive();
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
	}

}
