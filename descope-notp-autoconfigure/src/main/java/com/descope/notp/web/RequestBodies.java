package com.descope.notp.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

/**
 * Reads the JSON body of a request within fixed limits, so that an oversized or deeply
 * nested body is a clear {@code 400}, never a memory or stack problem.
 */
final class RequestBodies {

	/** The largest body accepted, in bytes: 16 KiB. */
	static final int MAX_BODY_BYTES = JsonBodies.MAX_BODY_BYTES;

	private RequestBodies() {
	}

	/**
	 * Whether the request sends JSON.
	 * @param request the request
	 * @return {@code true} for {@code application/json} and {@code +json} types
	 */
	static boolean isJson(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return false;
		}
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)
					|| (mediaType.getSubtype() != null && mediaType.getSubtype().endsWith("+json"));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Whether the request sends a form ({@code application/x-www-form-urlencoded}).
	 * @param request the request
	 * @return {@code true} for a form
	 */
	static boolean isForm(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
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

	/**
	 * A string member of a JSON object.
	 * @param node the object
	 * @param field the member name
	 * @param path the member's full name for errors, for example {@code user.name}
	 * @param maxLength the longest value accepted
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 * @throws InvalidRequestException when the member is not a string or too long
	 */
	static @Nullable String string(JsonNode node, String field, String path, int maxLength) {
		return JsonBodies.string(node, field, path, maxLength);
	}

	/**
	 * A boolean member of a JSON object.
	 * @param node the object
	 * @param field the member name
	 * @param path the member's full name for errors
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 * @throws InvalidRequestException when the member is not a boolean
	 */
	static @Nullable Boolean bool(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			throw new InvalidRequestException(path, path + " must be true or false");
		}
		return value.asBoolean();
	}

	/**
	 * A form parameter read as a boolean.
	 * @param value the parameter, or {@code null}
	 * @param path the parameter name for errors
	 * @return the value, or {@code null} when absent or empty
	 * @throws InvalidRequestException when it is neither {@code true} nor {@code false}
	 */
	static @Nullable Boolean bool(@Nullable String value, String path) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if ("true".equalsIgnoreCase(value) || "on".equalsIgnoreCase(value)) {
			return true;
		}
		if ("false".equalsIgnoreCase(value)) {
			return false;
		}
		throw new InvalidRequestException(path, path + " must be true or false");
	}

	/**
	 * Checks a text value: at most {@code maxLength} characters, and no control or
	 * invisible formatting characters (such as NUL, CR, LF or right-to-left overrides),
	 * which have no place in the starter's fields and could forge log lines or mislead a
	 * reader.
	 * @param value the value, or {@code null}
	 * @param path the field's name for errors
	 * @param maxLength the longest value accepted
	 * @return the value
	 * @throws InvalidRequestException when it is longer or has such characters
	 */
	static @Nullable String checkText(@Nullable String value, String path, int maxLength) {
		return JsonBodies.checkText(value, path, maxLength);
	}

}
