package com.descope.notp.security.login;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.core.DescopeUnavailableException;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpFlowNotFoundException;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.Assert;

/**
 * Answers a failed nOTP completion as an RFC 9457 problem:
 * {@link NotpInvalidRequestException} → {@code 400} naming the field;
 * {@link NotpFlowNotFoundException} → {@code 401} {@code unknown-flow};
 * {@link NotpAuthenticationFailedException} → {@code 401} {@code flow-failed} with
 * Descope's {@code errorCode}; {@link DescopeUnavailableException} → {@code 429} or
 * {@code 503} with {@code Retry-After}; anything else → {@code 401}. Answered through a
 * {@link ProblemDetailsWriter}: {@code notpLogin()} gives it one that sends a browser
 * navigation (an HTML form posted without script) back to the login page with
 * {@code ?error}, as Spring Security's form login does.
 */
public class NotpAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private ProblemDetailsWriter problems = new ProblemDetailsWriter(new BrowserNavigationRequestMatcher());

	/**
	 * How problems are answered: problem+json to API calls, the error page to browser
	 * navigations.
	 * @param problems default a {@link ProblemDetailsWriter} with a
	 * {@link BrowserNavigationRequestMatcher}
	 */
	public void setProblemDetailsWriter(ProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof NotpInvalidRequestException invalid) {
			this.problems.write(request, response, ProblemType.INVALID_REQUEST, invalid.getMessage(),
					Map.of("field", invalid.getField()));
		}
		else if (exception instanceof NotpFlowNotFoundException) {
			this.problems.write(request, response, ProblemType.UNKNOWN_FLOW,
					"This login was not started in this browser session, or was already completed", Map.of());
		}
		else if (exception instanceof NotpAuthenticationFailedException failed) {
			Map<String, Object> extensions = new LinkedHashMap<>();
			if (failed.getErrorCode() != null) {
				extensions.put("errorCode", failed.getErrorCode());
			}
			this.problems.write(request, response, ProblemType.FLOW_FAILED, failed.getMessage(), extensions);
		}
		else if (exception instanceof DescopeUnavailableException unavailable) {
			this.problems.writeWithRetryAfter(request, response,
					unavailable.isRateLimited() ? ProblemType.RATE_LIMITED : ProblemType.DESCOPE_UNAVAILABLE,
					unavailable.getMessage(), unavailable.getRetryAfter());
		}
		else {
			this.problems.write(request, response, ProblemType.UNAUTHENTICATED, "Login failed", Map.of());
		}
	}

}
