package com.descope.notp.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads Descope's HTTP answer into a {@link DescopeResponse}
 * ({@code docs/descope-protocol.md}, "Errors"): a 2xx JSON body into the data type, with
 * a {@link JwtResponse}'s empty tokens taken from {@code Set-Cookie}
 * ({@link SetCookieTokens}); any other status into a {@link DescopeError} from the body
 * {@code {"errorCode", "errorDescription", "errorMessage"}} (or {@code message}), or from
 * the status alone when the body is not that; the {@code Retry-After} header in either
 * case. A body over {@link #MAX_RESPONSE_BYTES} is not read: the answer is
 * {@link DescopeErrorCodes#INVALID_RESPONSE}, because nothing Descope sends is that large
 * and reading an unbounded body would let a broken proxy fill the heap.
 */
final class DescopeAnswerReader {

	/** The largest body read: 1 MiB. */
	static final int MAX_RESPONSE_BYTES = 1024 * 1024;

	private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

	private final JsonMapper jsonMapper;

	private final Clock clock;

	/**
	 * A reader.
	 * @param jsonMapper reads the bodies; must ignore unknown properties
	 * @param clock what a {@code Retry-After} date is measured against
	 */
	DescopeAnswerReader(JsonMapper jsonMapper, Clock clock) {
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	/**
	 * Reads one answer.
	 * @param <T> the data type
	 * @param response the answer; its body is read, at most {@link #MAX_RESPONSE_BYTES} +
	 * 1 bytes
	 * @param type the data type of a 2xx body; an empty body reads as {@code {}}
	 * @return {@code ok} with the data for a 2xx JSON body; else {@code ok=false} with
	 * the status and an error: {@link DescopeErrorCodes#INVALID_RESPONSE} for a 2xx body
	 * that is not JSON or any body over the limit, Descope's code for its error body,
	 * {@link DescopeErrorCodes#RATE_LIMITED} for a 429 without one, else the status as
	 * the code
	 * @throws IOException when the body cannot be read (the connection broke or timed
	 * out)
	 */
	<T> DescopeResponse<T> read(ClientHttpResponse response, Class<T> type) throws IOException {
		int status = response.getStatusCode().value();
		HttpHeaders headers = response.getHeaders();
		Duration retryAfter = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock);
		byte[] bytes = readLimited(headers.getContentLength(), response.getBody());
		if (bytes == null) {
			return DescopeResponse.failure(status, new DescopeError(DescopeErrorCodes.INVALID_RESPONSE,
					"Descope answered a body over " + MAX_RESPONSE_BYTES + " bytes", null, retryAfter));
		}
		if (status >= 200 && status < 300) {
			try {
				T data = this.jsonMapper.readValue((bytes.length == 0) ? EMPTY_OBJECT : bytes, type);
				if (data instanceof JwtResponse jwt) {
					data = type.cast(SetCookieTokens.fill(jwt, headers.getOrEmpty(HttpHeaders.SET_COOKIE)));
				}
				return DescopeResponse.success(status, data);
			}
			catch (JacksonException ex) {
				return DescopeResponse.failure(status, DescopeError.of(DescopeErrorCodes.INVALID_RESPONSE,
						"Descope answered a body that is not JSON"));
			}
		}
		return DescopeResponse.failure(status, readError(status, bytes, retryAfter));
	}

	private DescopeError readError(int status, byte[] bytes, @Nullable Duration retryAfter) {
		String fallbackCode = (status == 429) ? DescopeErrorCodes.RATE_LIMITED : String.valueOf(status);
		try {
			JsonNode node = (bytes.length == 0) ? null : this.jsonMapper.readTree(bytes);
			if (node != null && node.isObject()) {
				String code = text(node, "errorCode");
				String message = (text(node, "errorMessage") != null) ? text(node, "errorMessage")
						: text(node, "message");
				return new DescopeError((code != null) ? code : fallbackCode, text(node, "errorDescription"), message,
						retryAfter);
			}
		}
		catch (JacksonException ex) {
			// not JSON (a proxy's page): the status alone says what happened
		}
		return new DescopeError(fallbackCode, "Descope answered HTTP " + status, null, retryAfter);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/**
	 * Reads a body of at most {@link #MAX_RESPONSE_BYTES}.
	 * @param contentLength the answer's {@code Content-Length} in bytes, or {@code -1}
	 * when unknown
	 * @param body the answer's body stream, read up to one byte past the limit
	 * @return the body, or {@code null} when it is longer (by its {@code Content-Length},
	 * then not read at all, or by what arrives)
	 * @throws IOException when the body cannot be read
	 */
	private static byte @Nullable [] readLimited(long contentLength, InputStream body) throws IOException {
		if (contentLength > MAX_RESPONSE_BYTES) {
			return null;
		}
		byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
		return (bytes.length > MAX_RESPONSE_BYTES) ? null : bytes;
	}

}
