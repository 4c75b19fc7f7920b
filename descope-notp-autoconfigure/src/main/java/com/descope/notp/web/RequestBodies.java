package com.descope.notp.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of a servlet request within the limits of {@link JsonBodies}, and its
 * parameters as the servlet container parses them.
 */
final class RequestBodies {

	/** The largest body accepted, in bytes: {@link JsonBodies#MAX_BODY_BYTES}. */
	static final int MAX_BODY_BYTES = JsonBodies.MAX_BODY_BYTES;

	private RequestBodies() {
	}

	/**
	 * Whether the request sends JSON.
	 * @param request the request
	 * @return {@code true} for {@code application/json} and {@code +json} types
	 */
	static boolean isJson(HttpServletRequest request) {
		return JsonBodies.isJson(request.getContentType());
	}

	/**
	 * Whether the request sends a form ({@code application/x-www-form-urlencoded}).
	 * @param request the request
	 * @return {@code true} for a form
	 */
	static boolean isForm(HttpServletRequest request) {
		return JsonBodies.isForm(request.getContentType());
	}

	/**
	 * Refuses a body that is neither JSON nor a form, so that a body of another type is
	 * never read as an empty form.
	 * @param request the request
	 * @throws InvalidRequestException (field {@code Content-Type}) for any other content
	 * type; (field {@code body} or {@code query}) when the parameters cannot be parsed
	 */
	static void requireJsonOrForm(HttpServletRequest request) {
		if (!isJson(request) && !isForm(request)) {
			throw new InvalidRequestException("Content-Type",
					"Send application/json or application/x-www-form-urlencoded");
		}
		requireParsableParameters(request);
	}

	/**
	 * Makes the servlet container parse the request's parameters now (the query string,
	 * and the body of a form), so that a malformed one is a {@code 400} here rather than
	 * an exception out of a later {@code getParameter} call. For a JSON body only the
	 * query string is parsed; the body stays unread.
	 * @param request the request
	 * @throws InvalidRequestException (field {@code body} for a form, else {@code query})
	 * when the container cannot parse them
	 */
	static void requireParsableParameters(HttpServletRequest request) {
		parameterValues(request, "");
	}

	/**
	 * The values of a parameter, as
	 * {@link HttpServletRequest#getParameterValues(String)}. A servlet container that
	 * cannot parse the parameters (a bad {@code %} escape, bytes that are not valid in
	 * the request's charset, too many parameters, a body that cannot be read) throws:
	 * Tomcat 11 an {@code InvalidParameterException}, an {@link IllegalStateException},
	 * on every call for that request; others an {@link IllegalArgumentException}. Either
	 * becomes a {@code 400} that does not echo the container's message, which may quote
	 * the value.
	 * @param request the current request
	 * @param name the parameter name
	 * @return the values in the order sent, or {@code null} when the request has no such
	 * parameter
	 * @throws InvalidRequestException (a {@code 400} naming the {@code body} or the
	 * {@code query}) when the container cannot parse the parameters
	 */
	private static String @Nullable [] parameterValues(HttpServletRequest request, String name) {
		try {
			return request.getParameterValues(name);
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			if (isForm(request)) {
				throw new InvalidRequestException("body",
						"The form body cannot be parsed: check its percent-encoding and character set");
			}
			throw new InvalidRequestException("query",
					"The query string cannot be parsed: check its percent-encoding and character set");
		}
	}

	/**
	 * A form parameter, sent at most once.
	 * @param request the request
	 * @param name the parameter
	 * @param maxLength the longest value accepted
	 * @return the value, or {@code null} when absent or empty
	 * @throws InvalidRequestException when it is sent twice, too long, or has control
	 * characters; (field {@code body}) when the form cannot be parsed
	 */
	static @Nullable String param(HttpServletRequest request, String name, int maxLength) {
		String[] values = parameterValues(request, name);
		if (values == null || values.length == 0) {
			return null;
		}
		if (values.length > 1) {
			throw new InvalidRequestException(name, name + " must be sent once");
		}
		return values[0].isEmpty() ? null : checkText(values[0], name, maxLength);
	}

	/**
	 * Reads a JSON object body.
	 * @param request the request
	 * @return the object
	 * @throws InvalidRequestException (field {@code body}) when the body is empty, larger
	 * than {@link #MAX_BODY_BYTES}, not JSON, nested too deeply, or not an object
	 * @throws IOException when the body cannot be read
	 */
	static JsonNode readObject(HttpServletRequest request) throws IOException {
		byte[] bytes;
		try (InputStream body = request.getInputStream()) {
			bytes = body.readNBytes(MAX_BODY_BYTES + 1);
		}
		return JsonBodies.parseObject(bytes);
	}

	static @Nullable String string(JsonNode node, String field, String path, int maxLength) {
		return JsonBodies.string(node, field, path, maxLength);
	}

	static @Nullable Boolean bool(JsonNode node, String field, String path) {
		return JsonBodies.bool(node, field, path);
	}

	static @Nullable Boolean bool(@Nullable String value, String path) {
		return JsonBodies.bool(value, path);
	}

	static @Nullable String checkText(@Nullable String value, String path, int maxLength) {
		return JsonBodies.checkText(value, path, maxLength);
	}

}
