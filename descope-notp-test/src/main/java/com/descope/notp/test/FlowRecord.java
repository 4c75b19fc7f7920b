package com.descope.notp.test;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's mutable record of one nOTP flow. Guarded by the {@link EmulatorState}
 * lock.
 */
final class FlowRecord {

	final String pendingRef;

	final String code;

	final String method;

	final String loginId;

	final Instant createdAt;

	final String redirectUrl;

	final boolean stepup;

	final boolean mfa;

	final JsonNode requestBody;

	/** Set at start for step-up/MFA flows, at confirmation otherwise. */
	@Nullable String userId;

	String state = PendingFlow.PENDING;

	@Nullable String failureCode;

	boolean userCreated;

	FlowRecord(String pendingRef, String code, String method, String loginId, Instant createdAt, String redirectUrl,
			boolean stepup, boolean mfa, JsonNode requestBody, @Nullable String userId) {
		this.pendingRef = pendingRef;
		this.code = code;
		this.method = method;
		this.loginId = loginId;
		this.createdAt = createdAt;
		this.redirectUrl = redirectUrl;
		this.stepup = stepup;
		this.mfa = mfa;
		this.requestBody = requestBody;
		this.userId = userId;
	}

	/**
	 * The state as seen now: pending or confirmed flows older than {@code ttl} report
	 * expired.
	 * @param ttl how long a flow lives after it was started
	 * @param now the time to look at the flow at
	 * @return one of the {@link PendingFlow} states
	 */
	String effectiveState(Duration ttl, Instant now) {
		if ((PendingFlow.PENDING.equals(this.state) || PendingFlow.CONFIRMED.equals(this.state))
				&& !now.isBefore(this.createdAt.plus(ttl))) {
			return PendingFlow.EXPIRED;
		}
		return this.state;
	}

	PendingFlow snapshot(Duration ttl, Instant now) {
		return new PendingFlow(this.pendingRef, this.method, this.loginId, effectiveState(ttl, now), this.createdAt,
				this.redirectUrl, this.stepup, this.mfa, this.requestBody.deepCopy());
	}

	@Override
	public String toString() {
		return "FlowRecord[" + this.method + ", state=" + this.state + "]";
	}

}
