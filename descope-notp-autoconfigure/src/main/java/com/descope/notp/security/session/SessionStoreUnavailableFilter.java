package com.descope.notp.security.session;

import java.io.IOException;
import java.time.Duration;

import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 503} with {@code Retry-After} (problem+json
 * {@code session-store-unavailable} to an API call, the error page to a browser
 * navigation) when the store the HTTP sessions live in cannot be reached, instead of the
 * {@code 500} an exception of Spring Session would become: Redis restarting or out of
 * reach under Spring Session, for example. Put it before Spring Session's
 * {@code SessionRepositoryFilter}, so that it also sees what that filter throws when it
 * saves the session. A store failure is a Spring
 * {@link DataAccessResourceFailureException} (the connection failed) or
 * {@link TransientDataAccessException} (a command timed out), anywhere in the cause
 * chain; anything else, and a failure after the answer was committed, is left as it is.
 * Nothing is signed out: once the store is back, its sessions answer as before, or, if it
 * lost them, the browser signs in again.
 */
public final class SessionStoreUnavailableFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(SessionStoreUnavailableFilter.class);

	private ProblemDetailsWriter problems = new ProblemDetailsWriter(new BrowserNavigationRequestMatcher());

	private Duration retryAfter = Duration.ofSeconds(1);

	/**
	 * How problems are answered.
	 * @param problems default a {@link ProblemDetailsWriter} with a
	 * {@link BrowserNavigationRequestMatcher}
	 */
	public void setProblemDetailsWriter(ProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	/**
	 * The {@code Retry-After} of the answer.
	 * @param retryAfter default 1 second
	 */
	public void setRetryAfter(Duration retryAfter) {
		Assert.notNull(retryAfter, "retryAfter must not be null");
		this.retryAfter = retryAfter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException | IOException ex) {
			Throwable failure = storeFailure(ex);
			if (failure == null || response.isCommitted()) {
				throw ex;
			}
			logger.warn("The HTTP session store is unavailable: " + failure.getClass().getName() + ": "
					+ failure.getMessage());
			response.reset();
			this.problems.writeWithRetryAfter(request, response, ProblemType.SESSION_STORE_UNAVAILABLE,
					"The session store cannot be reached now; try again later", this.retryAfter);
		}
	}

	private static @Nullable Throwable storeFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException) {
				return cause;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
