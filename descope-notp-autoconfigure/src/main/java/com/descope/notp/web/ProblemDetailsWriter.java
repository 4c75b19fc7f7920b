package com.descope.notp.web;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * Answers the starter's errors, negotiated the same way everywhere: RFC 9457 problem
 * details ({@code application/problem+json}: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} (the request path) and extension members such as
 * {@code field} and {@code errorCode}) for API calls, and for a browser navigation (as
 * the given matcher decides) the application's error page through
 * {@link HttpServletResponse#sendError(int, String)} (Spring Boot's {@code /error}, with
 * the problem's status, its title as the message, and the headers already set, such as
 * {@code Retry-After} and {@code WWW-Authenticate}), or a redirect where
 * {@link #redirectingNavigationsTo(String)} says so. Never a stack trace, a class name or
 * a token.
 */
public final class ProblemDetailsWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RequestMatcher browserNavigation;

	private final @Nullable String navigationRedirectUrl;

	private final RedirectStrategy redirectStrategy = new DefaultRedirectStrategy();

	/**
	 * A writer that gives browser navigations the application's error page.
	 * @param browserNavigation which requests are browser navigations
	 */
	public ProblemDetailsWriter(RequestMatcher browserNavigation) {
		this(browserNavigation, null);
	}

	private ProblemDetailsWriter(RequestMatcher browserNavigation, @Nullable String navigationRedirectUrl) {
		Assert.notNull(browserNavigation, "browserNavigation must not be null");
		this.browserNavigation = browserNavigation;
		this.navigationRedirectUrl = navigationRedirectUrl;
	}

	/**
	 * A writer that redirects browser navigations instead of showing them the error page,
	 * as Spring Security's form login answers a failed login with {@code /login?error};
	 * API calls still get problem+json.
	 * @param url where to: a path of this application (the context path is prepended),
	 * for example {@code /login/notp?error}
	 * @return a new writer with the same matcher
	 */
	public ProblemDetailsWriter redirectingNavigationsTo(String url) {
		Assert.hasText(url, "url must not be empty");
		return new ProblemDetailsWriter(this.browserNavigation, url);
	}

	/**
	 * Answers a problem: problem+json to an API call, the error page or the redirect to a
	 * browser navigation.
	 * @param request the request, for {@code instance} and the negotiation
	 * @param response the response; its status, {@code Content-Type} and body are written
	 * @param type the kind of problem
	 * @param detail a short explanation naming the field or the cause
	 * @param extensions extra members, for example {@code field}; may be empty
	 * @throws IOException when the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail,
			Map<String, ?> extensions) throws IOException {
		if (this.browserNavigation.matches(request)) {
			answerNavigation(request, response, type);
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.type().toString());
		body.put("title", type.title());
		body.put("status", type.status().value());
		body.put("detail", detail);
		body.put("instance", request.getRequestURI());
		body.putAll(extensions);
		response.setStatus(type.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
		response.flushBuffer();
	}

	/**
	 * Answers a problem with a {@code Retry-After} header in whole seconds (RFC 9110,
	 * section 10.2.3), at least 1, kept on the error page too.
	 * @param request the request
	 * @param response the response
	 * @param type the kind of problem, usually {@link ProblemType#RATE_LIMITED} or
	 * {@link ProblemType#DESCOPE_UNAVAILABLE}
	 * @param detail a short explanation
	 * @param retryAfter the wait; {@code null} for the default of 1 s
	 * @throws IOException when the response cannot be written
	 */
	public void writeWithRetryAfter(HttpServletRequest request, HttpServletResponse response, ProblemType type,
			String detail, @Nullable Duration retryAfter) throws IOException {
		long seconds = (retryAfter != null) ? Math.max(1, (retryAfter.toMillis() + 999) / 1000) : 1;
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		write(request, response, type, detail, Map.of());
	}

	/**
	 * Answers a problem decided for both stacks: with {@code Retry-After} where it says
	 * so.
	 * @param request the request
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException when the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
		if (problem.retryAfterHeader()) {
			writeWithRetryAfter(request, response, problem.type(), problem.detail(), problem.retryAfter());
		}
		else {
			write(request, response, problem.type(), problem.detail(), problem.extensions());
		}
	}

	private void answerNavigation(HttpServletRequest request, HttpServletResponse response, ProblemType type)
			throws IOException {
		if (this.navigationRedirectUrl != null) {
			this.redirectStrategy.sendRedirect(request, response, this.navigationRedirectUrl);
		}
		else {
			response.sendError(type.status().value(), type.title());
		}
	}

}
