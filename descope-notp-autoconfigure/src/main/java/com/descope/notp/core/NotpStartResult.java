package com.descope.notp.core;

import java.time.Duration;

import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.limits.NotpStartGuard;

/**
 * What {@link NotpLoginService#start} came to: one of {@link Started}, {@link Rejected},
 * {@link Limited} or {@link Failed}. A web stack answers each in its own way.
 */
public sealed interface NotpStartResult
		permits NotpStartResult.Started, NotpStartResult.Rejected, NotpStartResult.Limited, NotpStartResult.Failed {

	/**
	 * Descope started the flow.
	 *
	 * @param flow the flow to bind to the browser session
	 * @param link Descope's answer: the {@code pendingRef}, the WhatsApp link and the QR
	 * image
	 */
	record Started(PendingFlow flow, NotpLinkResponse link) implements NotpStartResult {

	}

	/**
	 * The request was refused before Descope saw it.
	 *
	 * @param reason why
	 */
	record Rejected(Reason reason) implements NotpStartResult {

	}

	/**
	 * A rate limit on starts had no permit left; nothing was sent to Descope. Answered
	 * {@code 429} with {@code Retry-After}.
	 *
	 * @param scope which limit: per client address, per phone number, or in all
	 * @param retryAfter how long until that limit has a permit again
	 */
	record Limited(NotpStartGuard.Scope scope, Duration retryAfter) implements NotpStartResult {

	}

	/**
	 * Descope refused or could not answer, or answered no {@code pendingRef}.
	 *
	 * @param answer Descope's answer ({@code ok} with no {@code pendingRef} in the last
	 * case)
	 * @param actsOnUser whether the start acted on a signed-in user (step-up or MFA), so
	 * that a refused refresh JWT reads as "sign in again"
	 */
	record Failed(DescopeResponse<NotpLinkResponse> answer, boolean actsOnUser) implements NotpStartResult {

	}

	/** Why a start was refused before Descope saw it. */
	enum Reason {

		/**
		 * Step-up and MFA act on a signed-in user, and there is none (no refresh JWT).
		 */
		SIGN_IN_REQUIRED,

		/** Step-up and MFA must name the signed-in user's own login id, or none. */
		NOT_THE_USERS_LOGIN_ID,

		/**
		 * The phone number's country may not start a login here
		 * ({@code descope.notp.allowed-regions}, {@code descope.notp.denied-regions}).
		 */
		REGION_NOT_ALLOWED

	}

}
