package com.descope.notp.security;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.Redaction;

/**
 * A nOTP flow a browser session started and has not completed.
 *
 * @param pendingRef the reference Descope answered
 * @param method how the flow was started
 * @param createdAt when it was started
 * @param expiresAt after when it is no longer accepted
 */
public record PendingFlow(String pendingRef, NotpMethod method, Instant createdAt, Instant expiresAt)
		implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	public String toString() {
		return "PendingFlow[pendingRef=" + Redaction.redact(this.pendingRef) + ", method=" + this.method
				+ ", createdAt=" + this.createdAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
