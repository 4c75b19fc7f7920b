package com.descope.notp.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Whether one Descope service (the API, or the project's JWKS) answered the last time it
 * was asked, logged once per change: the first failure after a success (or at the start)
 * logs one {@code WARN}, the first answer after failures one {@code INFO} with the number
 * of failed calls in between; every other call logs nothing here. An outage of any number
 * of requests is thus two lines, and operators see what the clients see as {@code 503}
 * answers. The lines name the service and its URL (which hold no secret: a base URL and
 * the project id) and the kind of failure (an HTTP status or an exception's class name),
 * never a request, a token, a phone number or a login id.
 *
 * <p>
 * What it knows can be read without calling the service ({@link #hasBeenCalled()},
 * {@link #isAvailable()}, {@link #getFailureReason()}, {@link #getFailedCalls()}), as the
 * starter's health indicator does.
 *
 * <p>
 * Thread-safe: concurrent calls log each change once.
 */
public final class DescopeAvailability {

	private static final Log logger = LogFactory.getLog(DescopeAvailability.class);

	private final String service;

	private final AtomicBoolean down = new AtomicBoolean();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean called;

	private volatile @Nullable String failureReason;

	/**
	 * The availability of one service, reachable until a call fails.
	 * @param service what to name it in the log lines, such as
	 * {@code Descope API at https://api.descope.com}; never a secret
	 */
	public DescopeAvailability(String service) {
		Assert.hasText(service, "service must not be empty");
		this.service = service;
	}

	/**
	 * Records a call that got an answer from the service (whatever it said, save a server
	 * error); logs the recovery when the last call had failed.
	 */
	public void answered() {
		this.called = true;
		if (this.down.compareAndSet(true, false)) {
			this.failureReason = null;
			long failed = this.failures.getAndSet(0);
			logger.info(
					this.service + " answers again, after " + failed + " failed " + ((failed != 1) ? "calls" : "call"));
		}
	}

	/**
	 * Records a call that got no answer, or a server error; logs the outage when the last
	 * call had not failed.
	 * @param reason the kind of failure, such as {@code HTTP 503} or
	 * {@code ConnectException}; never a message that may quote the request
	 */
	public void failed(String reason) {
		this.called = true;
		this.failureReason = reason;
		this.failures.incrementAndGet();
		if (this.down.compareAndSet(false, true)) {
			logger.warn(
					this.service + " is unavailable (" + reason + "); calls that need it fail until it answers again");
		}
	}

	/**
	 * Whether the last call got an answer.
	 * @return {@code false} from a failed call until the next answered one
	 */
	public boolean isAvailable() {
		return !this.down.get();
	}

	/**
	 * Whether the service was called at all: until then {@link #isAvailable()} says
	 * {@code true} without having seen an answer.
	 * @return {@code true} once a call was recorded, answered or failed
	 */
	public boolean hasBeenCalled() {
		return this.called;
	}

	/**
	 * The kind of the last failure while the service is unavailable.
	 * @return such as {@code HTTP 503} or {@code ConnectException} (never a message that
	 * may quote the request), or {@code null} while the last call got an answer
	 */
	public @Nullable String getFailureReason() {
		return isAvailable() ? null : this.failureReason;
	}

	/**
	 * The calls failed since the service last answered.
	 * @return {@code 0} while it is available
	 */
	public long getFailedCalls() {
		return isAvailable() ? 0 : this.failures.get();
	}

	@Override
	public String toString() {
		return "DescopeAvailability[" + this.service + ", available=" + isAvailable() + "]";
	}

}
