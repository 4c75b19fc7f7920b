package com.descope.notp.web;

import java.io.IOException;

import com.descope.notp.client.DescopeResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a failed Descope call as a problem, the same way in every endpoint:
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
 * Descope's own texts are not echoed; the detail is ours. The given
 * {@link ProblemDetailsWriter} negotiates the answer (problem+json for API calls, a page
 * for browser navigations).
 */
public final class DescopeFailureProblems {

	private DescopeFailureProblems() {
	}

	/**
	 * Answers the problem of a failed call.
	 * @param problems writes the answer
	 * @param request the request
	 * @param response the response
	 * @param failure the failed Descope response
	 * @param carriedUserToken whether the call carried the user's refresh JWT
	 * @throws IOException when the response cannot be written
	 */
	public static void write(ProblemDetailsWriter problems, HttpServletRequest request, HttpServletResponse response,
			DescopeResponse<?> failure, boolean carriedUserToken) throws IOException {
		DescopeFailureProblem problem = DescopeFailureProblem.of(failure, carriedUserToken);
		if (problem.retryAfterHeader()) {
			problems.writeWithRetryAfter(request, response, problem.type(), problem.detail(), problem.retryAfter());
		}
		else {
			problems.write(request, response, problem.type(), problem.detail(), problem.extensions());
		}
	}

}
