package com.descope.notp.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits and checks of a JSON request body on no particular web stack, which
 * {@link RequestBodies} (servlet) and the reactive readers share, so that an oversized or
 * deeply nested body is a clear {@code 400}, never a memory or stack problem.
 */
final class JsonBodies {

	/** The largest body accepted, in bytes: 16 KiB. */
	static final int MAX_BODY_BYTES = 16 * 1024;

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
	 * Parses a JSON object body read up to {@code MAX_BODY_BYTES + 1} bytes.
	 * @param bytes the body's bytes
	 * @return the object
	 * @throws InvalidRequestException (field {@code body}) when the body is empty, larger
	 * than {@link #MAX_BODY_BYTES}, not JSON, nested too deeply, or not an object
	 */
	static JsonNode parseObject(byte[] bytes) {
		if (bytes.length > MAX_BODY_BYTES) {
			throw new InvalidRequestException("body", "The body is larger than " + MAX_BODY_BYTES + " bytes");
		}
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
	 * A string member of a JSON object.
	 * @param node the object
	 * @param field the member name
	 * @param path the member's full name for errors, for example {@code user.name}
	 * @param maxLength the longest value accepted
	 * @return the value, or {@code null} when absent or JSON {@code null}
	 * @throws InvalidRequestException when the member is not a string or too long
	 */
	static @Nullable String string(JsonNode node, String field, String path, int maxLength) {
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
