package com.descope.notp.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * The stack-neutral rules of the login endpoints' bodies: the size limit, the JSON
 * parser's limits (an oversized or deeply nested body is a clear {@code 400}, never a
 * memory or stack problem), the content types, and the checks of text and boolean fields.
 * The servlet side ({@link RequestBodies}) and the reactive side
 * ({@link BufferedRequestFields}) both read through these.
 */
public final class JsonBodies {

	/** The largest body accepted, in bytes: 16 KiB. */
	public static final int MAX_BODY_BYTES = 16 * 1024;

	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(MAX_BODY_BYTES).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.build();

	private JsonBodies() {
	}

	/**
	 * Whether a content type is JSON.
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @return {@code true} for {@code application/json} and {@code +json} types
	 */
	public static boolean isJson(@Nullable String contentType) {
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
	 * Whether a content type is a form ({@code application/x-www-form-urlencoded}).
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @return {@code true} for a form
	 */
	public static boolean isForm(@Nullable String contentType) {
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
	 * Parses a JSON object body.
	 * @param bytes the body, of which at most {@link #MAX_BODY_BYTES} + 1 need be read
	 * @return the object
	 * @throws InvalidRequestException (field {@code body}) when the body is empty, larger
	 * than {@link #MAX_BODY_BYTES}, not JSON, nested too deeply, or not an object
	 */
	public static JsonNode parseObject(byte[] bytes) {
		requireWithinLimit(bytes.length);
		if (bytes.length == 0) {
			throw new InvalidRequestException("body", "The body is empty");
		}
		JsonNode node;
		try {
			node = JSON.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("body",
					"The body is not valid JSON, repeats a member, or is nested too deeply");
		}
		if (node == null || !node.isObject()) {
			throw new InvalidRequestException("body", "The body must be a JSON object");
		}
		return node;
	}

	/**
	 * Refuses a body larger than {@link #MAX_BODY_BYTES}.
	 * @param length the bytes read of it
	 * @throws InvalidRequestException (field {@code body}) when it is larger
	 */
	public static void requireWithinLimit(int length) {
		if (length > MAX_BODY_BYTES) {
			throw new InvalidRequestException("body", "The body is larger than " + MAX_BODY_BYTES + " bytes");
		}
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
	public static @Nullable String string(JsonNode node, String field, String path, int maxLength) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidRequestException(path, path + " must be a string");
		}
		return checkText(value.asString(), path, maxLength);
	}

	/**
	 * A boolean member of a JSON object.
	 * @param node the object
	 * @param field the member name
	 * @param path the member's full name for errors
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 * @throws InvalidRequestException when the member is not a boolean
	 */
	public static @Nullable Boolean bool(JsonNode node, String field, String path) {
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
	public static @Nullable Boolean bool(@Nullable String value, String path) {
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
	public static @Nullable String checkText(@Nullable String value, String path, int maxLength) {
		if (value == null) {
			return null;
		}
		if (value.length() > maxLength) {
			throw new InvalidRequestException(path, path + " must be at most " + maxLength + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			int type = Character.getType(value.charAt(i));
			if (type == Character.CONTROL || type == Character.FORMAT) {
				throw new InvalidRequestException(path, path + " must not contain control characters");
			}
		}
		return value;
	}

}
