package com.descope.notp.security.reactive;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.web.DescopeFailureProblem;
import com.descope.notp.web.ProblemType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers the starter's errors in a reactive application, negotiated as the servlet
 * side's {@code ProblemDetailsWriter} does: RFC 9457 problem details
 * ({@code application/problem+json}: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} and extension members) for API calls; for a browser
 * navigation the application's error page (a {@link ResponseStatusException} with the
 * problem's status and title, which Spring Boot's error handler renders, keeping the
 * headers already set such as {@code Retry-After} and {@code WWW-Authenticate}), or a
 * redirect where {@link #redirectingNavigationsTo(String)} says so. The same
 * {@link ProblemType}s, so a client sees the same {@code type} on both stacks. Never a
 * stack trace, a class name or a token.
 */
public final class ServerProblemDetailsWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ServerWebExchangeMatcher browserNavigation;

	private final @Nullable String navigationRedirectUrl;

	private final ServerRedirectStrategy redirectStrategy = new DefaultServerRedirectStrategy();

	/**
	 * A writer that gives browser navigations the application's error page.
	 * @param browserNavigation which exchanges are browser navigations
	 */
	public ServerProblemDetailsWriter(ServerWebExchangeMatcher browserNavigation) {
		this(browserNavigation, null);
	}

	private ServerProblemDetailsWriter(ServerWebExchangeMatcher browserNavigation,
			@Nullable String navigationRedirectUrl) {
		Assert.notNull(browserNavigation, "browserNavigation must not be null");
		this.browserNavigation = browserNavigation;
		this.navigationRedirectUrl = navigationRedirectUrl;
	}

	/**
	 * A writer that redirects browser navigations instead of showing them the error page;
	 * API calls still get problem+json.
	 * @param url where to: a path of this application (the context path is prepended)
	 * @return a new writer with the same matcher
	 */
	public ServerProblemDetailsWriter redirectingNavigationsTo(String url) {
		Assert.hasText(url, "url must not be empty");
		return new ServerProblemDetailsWriter(this.browserNavigation, url);
	}

	/**
	 * Answers a problem: problem+json to an API call, the error page or the redirect to a
	 * browser navigation.
	 * @param exchange the exchange
	 * @param type the kind of problem
	 * @param detail a short explanation naming the field or the cause
	 * @param extensions extra members, for example {@code field}; may be empty
	 * @return completes when the answer is written
	 */
	public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail, Map<String, ?> extensions) {
		return this.browserNavigation.matches(exchange).flatMap((match) -> {
			if (match.isMatch()) {
				return answerNavigation(exchange, type);
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", type.type().toString());
			body.put("title", type.title());
			body.put("status", type.status().value());
			body.put("detail", detail);
			body.put("instance", exchange.getRequest().getPath().value());
			body.putAll(extensions);
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(type.status());
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsBytes(body));
			return response.writeWith(Mono.just(buffer));
		});
	}

	/**
	 * Answers a problem with a {@code Retry-After} header in whole seconds, at least 1,
	 * kept on the error page too.
	 * @param exchange the exchange
	 * @param type the kind of problem
	 * @param detail a short explanation
	 * @param retryAfter the wait; {@code null} for the default of 1 s
	 * @return completes when the answer is written
	 */
	public Mono<Void> writeWithRetryAfter(ServerWebExchange exchange, ProblemType type, String detail,
			@Nullable Duration retryAfter) {
		long seconds = (retryAfter != null) ? Math.max(1, (retryAfter.toMillis() + 999) / 1000) : 1;
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return write(exchange, type, detail, Map.of());
	}

	/**
	 * Answers the problem of a failed Descope call ({@link DescopeFailureProblem#of}),
	 * with {@code Retry-After} when it has one.
	 * @param exchange the exchange
	 * @param problem the problem
	 * @return completes when the answer is written
	 */
	public Mono<Void> write(ServerWebExchange exchange, DescopeFailureProblem problem) {
		return problem.retryAfterHeader()
				? writeWithRetryAfter(exchange, problem.type(), problem.detail(), problem.retryAfter())
				: write(exchange, problem.type(), problem.detail(), problem.extensions());
	}

	private Mono<Void> answerNavigation(ServerWebExchange exchange, ProblemType type) {
		if (this.navigationRedirectUrl != null) {
			return this.redirectStrategy.sendRedirect(exchange, URI.create(this.navigationRedirectUrl));
		}
		return Mono.error(new ResponseStatusException(type.status(), type.title()));
	}

}
