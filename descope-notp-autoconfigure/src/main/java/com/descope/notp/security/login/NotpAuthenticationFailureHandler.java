package com.descope.notp.security.login;

import java.io.IOException;

import com.descope.notp.core.DescopeUnavailableException;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpFlowNotFoundException;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.security.answers.NotpProblems;
import com.descope.notp.web.ProblemDetailsWriter;
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
		this.problems.write(request, response, NotpProblems.ofLoginFailure(exception));
	}

}
