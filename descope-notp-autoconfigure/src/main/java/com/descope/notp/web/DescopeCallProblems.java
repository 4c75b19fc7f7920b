package com.descope.notp.web;

import java.util.Map;

import com.descope.notp.client.DescopeError;
import com.descope.notp.client.DescopeErrorCodes;
import com.descope.notp.client.DescopeResponse;

/**
 * The problem a failed Descope call is answered with, the same in every endpoint and on
 * both stacks:
 * <ul>
 * <li>no answer, {@code 5xx}, or an answer not in the protocol's shape → {@code 503}
 * {@link ProblemType#DESCOPE_UNAVAILABLE} with {@code Retry-After};</li>
 * <li>{@code 429} → {@code 429} {@link ProblemType#RATE_LIMITED} with Descope's
 * {@code Retry-After};</li>
 * <li>{@code 401}/{@code 403} on a call that carried the user's refresh JWT, or a step-up
 * without one → {@code 401} {@link ProblemType#UNAUTHENTICATED};</li>
 * <li>{@code 401}/{@code 403} on a call with the project id only → {@code 502}
 * {@link ProblemType#DESCOPE_MISCONFIGURED} (the project id is wrong);</li>
 * <li>any other {@code 4xx} → {@code 400} {@link ProblemType#REJECTED_BY_DESCOPE} with
 * Descope's {@code errorCode}.</li>
 * </ul>
 * Descope's own texts are not echoed; the detail is ours. Each stack's problem writer
 * negotiates the answer (problem+json for API calls, a page for browser navigations); the
 * servlet side writes through {@link DescopeFailureProblems}.
 */
public final class DescopeCallProblems {

	private DescopeCallProblems() {
	}

	/**
	 * A session JWT (stored, or just refreshed) could not be checked because Descope's
	 * keys could not be fetched: {@code 503} with {@code Retry-After}, as it may well be
	 * valid.
	 */
	public static final Problem SESSION_TOKEN_UNCHECKED = Problem.withRetryAfter(ProblemType.DESCOPE_UNAVAILABLE,
			"The session token could not be checked now; try again later", null);

	/**
	 * The problem of a failed call, on either stack.
	 * @param failure the failed Descope response
	 * @param carriedUserToken whether the call carried the user's refresh JWT
	 * @return the problem
	 */
	public static Problem problem(DescopeResponse<?> failure, boolean carriedUserToken) {
		DescopeError error = (failure.error() != null) ? failure.error()
				: DescopeError.of(DescopeErrorCodes.INVALID_RESPONSE, null);
		int code = failure.code();
		if (code == 429) {
			return Problem.withRetryAfter(ProblemType.RATE_LIMITED,
					"Descope is rate-limiting requests; try again later", error.retryAfter());
		}
		if (failure.isTransientFailure() || DescopeErrorCodes.INVALID_RESPONSE.equals(error.errorCode())) {
			return Problem.withRetryAfter(ProblemType.DESCOPE_UNAVAILABLE,
					"Descope could not be reached or answered in error; try again later", error.retryAfter());
		}
		if ("G030004".equals(error.errorCode()) || (carriedUserToken && (code == 401 || code == 403))) {
			return Problem.of(ProblemType.UNAUTHENTICATED, "This needs a signed-in user with a valid Descope session",
					Map.of());
		}
		if (code == 401 || code == 403) {
			return Problem.of(ProblemType.DESCOPE_MISCONFIGURED, "Descope refused this application's project id",
					Map.of());
		}
		return Problem.of(ProblemType.REJECTED_BY_DESCOPE, detail(error.errorCode()),
				Map.of("errorCode", error.errorCode()));
	}

	private static String detail(String errorCode) {
		return switch (errorCode) {
			case DescopeErrorCodes.USER_NOT_FOUND -> "No user has this login id; sign up first";
			case DescopeErrorCodes.USER_ALREADY_EXISTS -> "A user with this login id already exists; sign in instead";
			default -> "Descope refused the request";
		};
	}

}
