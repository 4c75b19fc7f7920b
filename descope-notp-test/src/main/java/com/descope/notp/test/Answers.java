package com.descope.notp.test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds the emulator's HTTP answers: JSON, Descope error bodies, HTML pages. */
final class Answers {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Answers() {
	}

	static MockResponse.Builder json(int status, JsonNode body) {
		return new MockResponse.Builder().code(status)
			.setHeader("Content-Type", "application/json")
			.setHeader("Cache-Control", "no-store")
			.body(JSON.writeValueAsString(body));
	}

	/**
	 * A Descope error: {@code {"errorCode","errorDescription","errorMessage"}}.
	 * @param status the HTTP status
	 * @param errorCode the Descope error code, for example {@code E062802}
	 * @param description the {@code errorDescription}; it never holds a token
	 * @return the JSON answer
	 */
	static MockResponse.Builder error(int status, String errorCode, String description) {
		ObjectNode body = JSON.createObjectNode();
		body.put("errorCode", errorCode);
		body.put("errorDescription", description);
		body.put("errorMessage", description);
		return json(status, body);
	}

	static MockResponse.Builder html(int status, String html) {
		return new MockResponse.Builder().code(status)
			.setHeader("Content-Type", "text/html; charset=utf-8")
			.setHeader("Cache-Control", "no-store")
			.setHeader("X-Content-Type-Options", "nosniff")
			.setHeader("Content-Security-Policy",
					"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
			.body(html);
	}

	/**
	 * The raw answer given to {@code enqueueFailure}.
	 * @param status the HTTP status
	 * @param headers the headers to send, or {@code null} for none
	 * @param body the body, or {@code null} for an empty one
	 * @return the answer
	 */
	static MockResponse.Builder raw(int status, @Nullable Map<String, String> headers, @Nullable String body) {
		MockResponse.Builder builder = new MockResponse.Builder().code(status);
		if (headers != null) {
			headers.forEach(builder::addHeader);
		}
		return builder.body((body != null) ? body : "");
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
