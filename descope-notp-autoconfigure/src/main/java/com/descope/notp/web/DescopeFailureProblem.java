package com.descope.notp.web;

import java.time.Duration;
import java.util.Map;

import com.descope.notp.client.DescopeError;
import com.descope.notp.client.DescopeErrorCodes;
import com.descope.notp.client.DescopeResponse;
import org.jspecify.annotations.Nullable;

/**
 * The problem a failed Descope call is answered with, on no particular web stack: the one
 * mapping {@link DescopeFailureProblems} (servlet) and the reactive problem writer both
 * answer with ({@link #of}).
 *
 * @param type the kind of problem
 * @param detail our short explanation (never Descope's text)
 * @param retryAfterHeader whether the answer carries {@code Retry-After}
 * @param retryAfter Descope's wait, or {@code null} for the default of 1 s
 * @param extensions extra members, such as Descope's {@code errorCode}
 */
public record DescopeFailureProblem(ProblemType type, String detail, boolean retryAfterHeader,
		@Nullable Duration retryAfter, Map<String, ?> extensions) {

	/**
	 * A session JWT (stored, or just refreshed) could not be checked because Descope's
	 * keys could not be fetched: {@code 503} with {@code Retry-After}, as it may well be
	 * valid.
	 */
	public static final DescopeFailureProblem SESSION_TOKEN_UNCHECKED = new DescopeFailureProblem(
			ProblemType.DESCOPE_UNAVAILABLE, "The session token could not be checked now; try again later", true, null,
			Map.of());

	/**
	 * The problem of a failed call, as {@link DescopeFailureProblems} lists them.
	 * @param failure the failed Descope response
	 * @param carriedUserToken whether the call carried the user's refresh JWT
	 * @return the problem
	 */
	public static DescopeFailureProblem of(DescopeResponse<?> failure, boolean carriedUserToken) {
		DescopeError error = (failure.error() != null) ? failure.error()
				: DescopeError.of(DescopeErrorCodes.INVALID_RESPONSE, null);
		int code = failure.code();
		if (code == 429) {
			return new DescopeFailureProblem(ProblemType.RATE_LIMITED,
					"Descope is rate-limiting requests; try again later", true, error.retryAfter(), Map.of());
		}
		if (failure.isTransientFailure() || DescopeErrorCodes.INVALID_RESPONSE.equals(error.errorCode())) {
			return new DescopeFailureProblem(ProblemType.DESCOPE_UNAVAILABLE,
					"Descope could not be reached or answered in error; try again later", true, error.retryAfter(),
					Map.of());
		}
		if ("G030004".equals(error.errorCode()) || (carriedUserToken && (code == 401 || code == 403))) {
			return new DescopeFailureProblem(ProblemType.UNAUTHENTICATED,
					"This needs a signed-in user with a valid Descope session", false, null, Map.of());
		}
		if (code == 401 || code == 403) {
			return new DescopeFailureProblem(ProblemType.DESCOPE_MISCONFIGURED,
					"Descope refused this application's project id", false, null, Map.of());
		}
		return new DescopeFailureProblem(ProblemType.REJECTED_BY_DESCOPE, detail(error.errorCode()), false, null,
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
