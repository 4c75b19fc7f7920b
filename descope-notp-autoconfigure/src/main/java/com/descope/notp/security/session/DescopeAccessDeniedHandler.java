package com.descope.notp.security.session;

import java.io.IOException;
import java.util.Map;

import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.util.Assert;

/**
 * Answers refused API requests as {@code 403} problem+json: {@code invalid-csrf-token}
 * when the CSRF token is missing or wrong (with how to send it), else {@code forbidden}
 * (for example a {@code @PreAuthorize("hasRole('admin')")} the user does not meet).
 * {@code notpLogin()} gives it only requests that are not browser navigations, and gives
 * navigations Spring's {@code AccessDeniedHandlerImpl} (the application's error page);
 * used on its own, it answers a navigation with the error page too, through its
 * {@link ProblemDetailsWriter}.
 */
public class DescopeAccessDeniedHandler implements AccessDeniedHandler {

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
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		if (accessDeniedException instanceof CsrfException) {
			this.problems.write(request, response, ProblemType.INVALID_CSRF_TOKEN,
					"Send the CSRF token: the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header, or the page's "
							+ "_csrf parameter, or authenticate with Authorization: Bearer",
					Map.of());
			return;
		}
		this.problems.write(request, response, ProblemType.FORBIDDEN, "The signed-in user may not do this", Map.of());
	}

}
