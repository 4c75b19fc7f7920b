package com.descope.notp.web;

import java.io.IOException;

import com.descope.notp.client.DescopeResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a failed Descope call on the servlet stack with the problem
 * {@link DescopeCallProblems} decides; the given {@link ProblemDetailsWriter} negotiates
 * the answer (problem+json for API calls, a page for browser navigations).
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
		problems.write(request, response, DescopeCallProblems.problem(failure, carriedUserToken));
	}

}
