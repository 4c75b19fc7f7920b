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

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) straight to the servlet
 * response: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance} (the
 * request path) and extension members such as {@code field} and {@code errorCode}. Never a stack
 * trace, a class name or a token.
 */
public final class ProblemDetailsWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemDetailsWriter() {
	}

	/**
	 * Writes a problem.
	 * @param request the request, for {@code instance}
	 * @param response the response; its status, {@code Content-Type} and body are written
	 * @param type the kind of problem
	 * @param detail a short explanation naming the field or the cause
	 * @param extensions extra members, for example {@code field}; may be empty
	 * @throws IOException when the response cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemType type,
			String detail, Map<String, ?> extensions) throws IOException {
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
	 * Writes a problem with a {@code Retry-After} header in whole seconds (RFC 9110, section
	 * 10.2.3), at least 1.
	 * @param request the request
	 * @param response the response
	 * @param type the kind of problem, usually {@link ProblemType#RATE_LIMITED} or
	 * {@link ProblemType#DESCOPE_UNAVAILABLE}
	 * @param detail a short explanation
	 * @param retryAfter the wait; {@code null} for the default of 1 s
	 * @throws IOException when the response cannot be written
	 */
	public static void writeWithRetryAfter(HttpServletRequest request, HttpServletResponse response,
			ProblemType type, String detail, @Nullable Duration retryAfter) throws IOException {
		long seconds = (retryAfter != null) ? Math.max(1, (retryAfter.toMillis() + 999) / 1000) : 1;
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		write(request, response, type, detail, Map.of());
	}

}
