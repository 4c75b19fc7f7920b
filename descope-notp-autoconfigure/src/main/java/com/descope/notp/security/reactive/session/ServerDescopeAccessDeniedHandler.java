package com.descope.notp.security.reactive.session;

import java.util.Map;

import com.descope.notp.security.reactive.ServerBrowserNavigationMatcher;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers refused requests in a reactive application, as the servlet side's
 * {@code DescopeAccessDeniedHandler} does: {@code 403} problem+json,
 * {@code invalid-csrf-token} when the CSRF token is missing or wrong, else
 * {@code forbidden} (for example a {@code @PreAuthorize("hasRole('admin')")} the user
 * does not meet); a browser navigation gets the application's error page with the same
 * status.
 */
public class ServerDescopeAccessDeniedHandler implements ServerAccessDeniedHandler {

	private ServerProblemDetailsWriter problems = new ServerProblemDetailsWriter(new ServerBrowserNavigationMatcher());

	/**
	 * How problems are answered.
	 * @param problems default a {@link ServerProblemDetailsWriter} with a
	 * {@link ServerBrowserNavigationMatcher}
	 */
	public void setProblemDetailsWriter(ServerProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		if (denied instanceof CsrfException) {
			return this.problems.write(exchange, ProblemType.INVALID_CSRF_TOKEN,
					"Send the CSRF token: the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header, or the page's "
							+ "_csrf parameter, or authenticate with Authorization: Bearer",
					Map.of());
		}
		return this.problems.write(exchange, ProblemType.FORBIDDEN, "The signed-in user may not do this", Map.of());
	}

}
