package com.descope.notp.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What one of the starter's observations knows when it stops: which operation it
 * observes, and its outcome, Descope's error code, the reason class and the kind of start
 * or logout, each a word from a small fixed set (or Descope's error code, of which there
 * are a few dozen). It holds no login id, phone number, token, {@code pendingRef} or user
 * id, so no convention can put one in a key value.
 */
public class DescopeObservationContext extends Observation.Context {

	private final DescopeObservationDocumentation operation;

	private @Nullable String outcome;

	private @Nullable String errorCode;

	private @Nullable String reason;

	private @Nullable String kind;

	/**
	 * A context for one observation of an operation.
	 * @param operation the operation observed
	 */
	public DescopeObservationContext(DescopeObservationDocumentation operation) {
		Assert.notNull(operation, "operation must not be null");
		this.operation = operation;
	}

	/**
	 * The operation observed, so that a convention for several of them can tell them
	 * apart.
	 * @return the operation
	 */
	public DescopeObservationDocumentation getOperation() {
		return this.operation;
	}

	/**
	 * How the operation ended, such as {@code started}, {@code completed},
	 * {@code refused}.
	 * @return the outcome, or {@code null} while it runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the operation ended.
	 * @param outcome a word of the operation's outcomes
	 */
	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

	/**
	 * Descope's error code of a failed call, such as {@code E061103}.
	 * @return the code, or {@code null} when Descope answered none
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Sets Descope's error code.
	 * @param errorCode the code, or {@code null}
	 */
	public void setErrorCode(@Nullable String errorCode) {
		this.errorCode = errorCode;
	}

	/**
	 * Why the operation was refused or failed, as a class: a rejection reason, the rate
	 * limit that refused a start, an exception's simple class name, an HTTP status.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String getReason() {
		return this.reason;
	}

	/**
	 * Sets the reason class.
	 * @param reason the reason, never a message (which may quote a request)
	 */
	public void setReason(@Nullable String reason) {
		this.reason = reason;
	}

	/**
	 * The kind of operation: the nOTP method of a start ({@code sign-in},
	 * {@code sign-up}, {@code sign-up-or-in}), or the scope of a logout ({@code session},
	 * {@code all}).
	 * @return the kind, or {@code null}
	 */
	public @Nullable String getKind() {
		return this.kind;
	}

	/**
	 * Sets the kind of operation.
	 * @param kind the kind
	 */
	public void setKind(@Nullable String kind) {
		this.kind = kind;
	}

}
