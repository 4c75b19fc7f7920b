package com.descope.notp.test;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A snapshot of one nOTP flow started at the {@link DescopeEmulator} (by {@code POST
 * /v1/auth/notp/whatsapp/signin|signup|signup-in}).
 *
 * <p>
 * {@link #toString()} shows only the first four characters of the {@code pendingRef}:
 * whoever holds a pending reference can redeem the session.
 *
 * @param pendingRef the reference the client polls with: 32 random URL-safe alphanumerics
 * @param method {@code "signin"}, {@code "signup"} or {@code "signup-in"}
 * @param loginId the login id from the start request ({@code ""} when none was given);
 * for a step-up or MFA flow started without one, the primary login id of the signed-in
 * user
 * @param state {@code "pending"}, {@code "confirmed"}, {@code "redeemed"},
 * {@code "expired"} or {@code "failed"}; a flow older than the pending-flow TTL reports
 * {@code "expired"} unless it was already redeemed or failed
 * @param createdAt when the flow was started
 * @param redirectUrl the link standing in for the {@code wa.me} link:
 * {@code <baseUrl>/notp/confirm/<16-char code>}
 * @param stepup whether {@code loginOptions.stepup} was true
 * @param mfa whether {@code loginOptions.mfa} was true
 * @param requestBody the parsed JSON body of the start request (a copy; an empty object
 * when the body was empty)
 */
public record PendingFlow(String pendingRef, String method, String loginId, String state, Instant createdAt,
		String redirectUrl, boolean stepup, boolean mfa, @Nullable JsonNode requestBody) {

	/** Flow state: started, waiting for the WhatsApp message. */
	public static final String PENDING = "pending";

	/** Flow state: the WhatsApp message arrived; the next poll gets the session. */
	public static final String CONFIRMED = "confirmed";

	/** Flow state: a poll got the session; further polls are refused. */
	public static final String REDEEMED = "redeemed";

	/** Flow state: expired (by {@link DescopeEmulator#expire(String)} or by age). */
	public static final String EXPIRED = "expired";

	/**
	 * Flow state: failed (by {@link DescopeEmulator#fail(String, String)} or a
	 * confirmation that cannot succeed).
	 */
	public static final String FAILED = "failed";

	/** Shows the flow without its full pending reference. */
	@Override
	public String toString() {
		String ref = (this.pendingRef.length() > 4) ? this.pendingRef.substring(0, 4) + "…" : "…";
		return "PendingFlow[pendingRef=" + ref + ", method=" + this.method + ", loginId=" + this.loginId + ", state="
				+ this.state + ", createdAt=" + this.createdAt + ", stepup=" + this.stepup + ", mfa=" + this.mfa + "]";
	}
}
