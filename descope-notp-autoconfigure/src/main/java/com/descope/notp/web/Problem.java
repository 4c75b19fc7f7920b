package com.descope.notp.web;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to answer a failed request with, decided once for both stacks and written by the
 * servlet {@link ProblemDetailsWriter} or its reactive twin.
 *
 * @param type the kind of problem
 * @param detail a short explanation naming the field or the cause; never a token, phone
 * number or login id
 * @param extensions extra members, for example {@code field}; may be empty
 * @param retryAfterHeader whether the answer carries {@code Retry-After}
 * @param retryAfter the wait for {@code Retry-After}, or {@code null} for the writer's
 * default of 1 s
 */
public record Problem(ProblemType type, String detail, Map<String, ?> extensions, boolean retryAfterHeader,
		@Nullable Duration retryAfter) {

	/**
	 * A problem.
	 * @param type the kind of problem
	 * @param detail a short explanation naming the field or the cause
	 * @param extensions extra members, for example {@code field}; may be empty
	 * @param retryAfterHeader whether the answer carries {@code Retry-After}
	 * @param retryAfter the wait for {@code Retry-After}, or {@code null}
	 */
	public Problem {
		Assert.notNull(type, "type must not be null");
		extensions = Map.copyOf(extensions);
	}

	/**
	 * A problem without {@code Retry-After}.
	 * @param type the kind of problem
	 * @param detail a short explanation
	 * @param extensions extra members; may be empty
	 * @return the problem
	 */
	public static Problem of(ProblemType type, String detail, Map<String, ?> extensions) {
		return new Problem(type, detail, extensions, false, null);
	}

	/**
	 * A problem with {@code Retry-After}.
	 * @param type the kind of problem
	 * @param detail a short explanation
	 * @param retryAfter the wait, or {@code null} for the default of 1 s
	 * @return the problem
	 */
	public static Problem withRetryAfter(ProblemType type, String detail, @Nullable Duration retryAfter) {
		return new Problem(type, detail, Map.of(), true, retryAfter);
	}

	/**
	 * A {@code 400} naming the field.
	 * @param field the field
	 * @param detail a short explanation
	 * @return the problem
	 */
	public static Problem invalidRequest(String field, String detail) {
		return of(ProblemType.INVALID_REQUEST, detail, Map.of("field", field));
	}

}
