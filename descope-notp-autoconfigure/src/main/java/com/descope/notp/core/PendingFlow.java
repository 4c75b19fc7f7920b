package com.descope.notp.core;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.Redaction;
import org.jspecify.annotations.Nullable;

/**
 * A nOTP flow a browser session started and has not completed.
 *
 * @param pendingRef the reference Descope answered
 * @param method how the flow was started
 * @param createdAt when it was started
 * @param expiresAt after when it is no longer accepted
 * @param claimedAt when a completion attempt took it (see
 * {@code PendingFlowRepository#claimFlow}), or {@code null} when none holds it
 * @param polledAt when a completion attempt last took it to ask Descope, kept after the
 * attempt gives it back, so that no attempt asks Descope again before one polling
 * interval has passed; {@code null} before the first
 */
public record PendingFlow(String pendingRef, NotpMethod method, Instant createdAt, Instant expiresAt,
		@Nullable Instant claimedAt, @Nullable Instant polledAt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * A flow just started, held by no completion attempt.
	 * @param pendingRef the reference Descope answered
	 * @param method how the flow was started
	 * @param createdAt when it was started
	 * @param expiresAt after when it is no longer accepted
	 */
	public PendingFlow(String pendingRef, NotpMethod method, Instant createdAt, Instant expiresAt) {
		this(pendingRef, method, createdAt, expiresAt, null, null);
	}

	/**
	 * A flow never polled.
	 * @param pendingRef the reference Descope answered
	 * @param method how the flow was started
	 * @param createdAt when it was started
	 * @param expiresAt after when it is no longer accepted
	 * @param claimedAt when a completion attempt took it, or {@code null}
	 */
	public PendingFlow(String pendingRef, NotpMethod method, Instant createdAt, Instant expiresAt,
			@Nullable Instant claimedAt) {
		this(pendingRef, method, createdAt, expiresAt, claimedAt, null);
	}

	/**
	 * This flow, held by an attempt from the given time, or released with {@code null}.
	 * @param at the time of the claim, or {@code null}
	 * @return the flow
	 */
	public PendingFlow withClaimedAt(@Nullable Instant at) {
		return new PendingFlow(this.pendingRef, this.method, this.createdAt, this.expiresAt, at, this.polledAt);
	}

	/**
	 * This flow, taken at the given time by an attempt that asks Descope about it: both
	 * {@link #claimedAt()} and {@link #polledAt()} are that time.
	 * @param at the time of the claim
	 * @return the flow
	 */
	public PendingFlow withPollClaimedAt(Instant at) {
		return new PendingFlow(this.pendingRef, this.method, this.createdAt, this.expiresAt, at, at);
	}

	@Override
	public String toString() {
		return "PendingFlow[pendingRef=" + Redaction.redact(this.pendingRef) + ", method=" + this.method
				+ ", createdAt=" + this.createdAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
