package com.descope.notp.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads request bodies: JSON objects, form fields, cookies. */
final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * The body as a JSON object; blank → {@code {}}; malformed or not an object →
	 * {@code null}.
	 * @param body the request body
	 * @return the object, or {@code null}
	 */
	static @Nullable JsonNode jsonObject(String body) {
		if (body.isBlank()) {
			return Answers.JSON.createObjectNode();
		}
		try {
			JsonNode node = Answers.JSON.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * A string field: absent or JSON null → {@code ""}; not a string → {@code null}.
	 * @param object the JSON object
	 * @param name the field name
	 * @return the value, {@code ""} or {@code null}
	 */
	static @Nullable String stringField(JsonNode object, String name) {
		JsonNode node = object.get(name);
		if (node == null || node.isNull()) {
			return "";
		}
		return node.isString() ? node.stringValue() : null;
	}

	/**
	 * Whether {@code object.name} is the JSON literal {@code true}.
	 * @param object the JSON object
	 * @param name the field name
	 * @return {@code true} only for the literal {@code true}
	 */
	static boolean isTrue(JsonNode object, String name) {
		JsonNode node = object.get(name);
		return node != null && node.isBoolean() && node.booleanValue();
	}

	/**
	 * One field of an {@code application/x-www-form-urlencoded} body, or {@code null}.
	 * @param body the form body
	 * @param name the field name, matched after decoding
	 * @return the first value of that field, decoded as UTF-8; {@code ""} for a field
	 * with no {@code =}
	 */
	static @Nullable String formField(String body, String name) {
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			if (key.equals(name)) {
				return (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	/**
	 * A cookie's value from a {@code Cookie} header, or {@code null}.
	 * @param cookieHeader the {@code Cookie} header value, or {@code null}
	 * @param name the cookie name, matched exactly
	 * @return the value of the first cookie of that name
	 */
	static @Nullable String cookie(@Nullable String cookieHeader, String name) {
		if (cookieHeader == null) {
			return null;
		}
		for (String part : cookieHeader.split(";")) {
			String trimmed = part.strip();
			if (trimmed.startsWith(name + "=")) {
				String value = trimmed.substring(name.length() + 1);
				return value.isBlank() ? null : value;
			}
		}
		return null;
	}

}
