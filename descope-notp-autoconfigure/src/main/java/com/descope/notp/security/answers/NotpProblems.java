package com.descope.notp.security.answers;

import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.core.DescopeUnavailableException;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpFlowNotFoundException;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.core.NotpStartResult;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.web.DescopeCallProblems;
import com.descope.notp.web.Problem;
import com.descope.notp.web.ProblemType;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticationException;

/**
 * The problems of the nOTP login's two endpoints, the same on both stacks.
 */
public final class NotpProblems {

	private static final Map<NotpStartGuard.Scope, String> LIMITED_DETAIL = Map.of(NotpStartGuard.Scope.ADDRESS,
			"Too many logins were started from this address; try again later", NotpStartGuard.Scope.NUMBER,
			"Too many logins were started for this phone number; try again later", NotpStartGuard.Scope.GLOBAL,
			"Too many logins are being started; try again later");

	private NotpProblems() {
	}

	/**
	 * The problem of a start that did not start a flow: a limit ({@code 429} with
	 * {@code Retry-After}), a rejection ({@code 400} naming {@code loginId}, or
	 * {@code 401} when step-up or MFA has no signed-in user), or Descope's failure
	 * ({@link DescopeCallProblems}).
	 * @param result the login service's result
	 * @return the problem, or {@code null} for {@link NotpStartResult.Started}
	 */
	public static @Nullable Problem ofStart(NotpStartResult result) {
		if (result instanceof NotpStartResult.Limited limited) {
			return Problem.withRetryAfter(ProblemType.RATE_LIMITED, LIMITED_DETAIL.get(limited.scope()),
					limited.retryAfter());
		}
		if (result instanceof NotpStartResult.Rejected rejected) {
			if (rejected.reason() == NotpStartResult.Reason.SIGN_IN_REQUIRED) {
				return Problem.of(ProblemType.UNAUTHENTICATED, "Step-up and MFA sign-in need a signed-in user",
						Map.of());
			}
			if (rejected.reason() == NotpStartResult.Reason.REGION_NOT_ALLOWED) {
				return Problem.invalidRequest("loginId", "Phone numbers of this country cannot sign in here");
			}
			return Problem.invalidRequest("loginId",
					"Step-up and MFA sign-in must use the signed-in user's own login id, or none");
		}
		if (result instanceof NotpStartResult.Failed failed) {
			if (failed.answer().ok()) {
				return Problem.withRetryAfter(ProblemType.DESCOPE_UNAVAILABLE, "Descope answered no pendingRef", null);
			}
			return DescopeCallProblems.problem(failed.answer(), failed.actsOnUser());
		}
		return null;
	}

	/**
	 * The problem of a failed completion: {@link NotpInvalidRequestException} →
	 * {@code 400} naming the field; {@link NotpFlowNotFoundException} → {@code 401}
	 * {@code unknown-flow}; {@link NotpAuthenticationFailedException} → {@code 401}
	 * {@code flow-failed} with Descope's {@code errorCode};
	 * {@link DescopeUnavailableException} → {@code 429} or {@code 503} with
	 * {@code Retry-After}; anything else → {@code 401}.
	 * @param exception why it failed
	 * @return the problem
	 */
	public static Problem ofLoginFailure(AuthenticationException exception) {
		if (exception instanceof NotpInvalidRequestException invalid) {
			return Problem.invalidRequest(invalid.getField(), invalid.getMessage());
		}
		if (exception instanceof NotpFlowNotFoundException) {
			return Problem.of(ProblemType.UNKNOWN_FLOW,
					"This login was not started in this browser session, or was already completed", Map.of());
		}
		if (exception instanceof NotpAuthenticationFailedException failed) {
			Map<String, Object> extensions = new LinkedHashMap<>();
			if (failed.getErrorCode() != null) {
				extensions.put("errorCode", failed.getErrorCode());
			}
			return Problem.of(ProblemType.FLOW_FAILED, failed.getMessage(), extensions);
		}
		if (exception instanceof DescopeUnavailableException unavailable) {
			return Problem.withRetryAfter(
					unavailable.isRateLimited() ? ProblemType.RATE_LIMITED : ProblemType.DESCOPE_UNAVAILABLE,
					unavailable.getMessage(), unavailable.getRetryAfter());
		}
		return Problem.of(ProblemType.UNAUTHENTICATED, "Login failed", Map.of());
	}

}
