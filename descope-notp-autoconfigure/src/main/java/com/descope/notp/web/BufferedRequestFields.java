package com.descope.notp.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The {@link RequestFields} of a request whose body was read before the fields are
 * checked (on the reactive side): a JSON body as its bytes (at most
 * {@link JsonBodies#MAX_BODY_BYTES} + 1 of them need be read), parsed by
 * {@link JsonBodies}; a form as the parameters the server already decoded, after the
 * query string's, as a servlet container gives them.
 */
public final class BufferedRequestFields implements RequestFields {

	private final @Nullable String contentType;

	private final byte[] body;

	private final MultiValueMap<String, String> params = new LinkedMultiValueMap<>();

	/**
	 * Fields of a read request.
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param body the bytes read of a JSON body (empty for a form); more than
	 * {@link JsonBodies#MAX_BODY_BYTES} is refused as too large
	 * @param queryParams the decoded query parameters
	 * @param formParams the decoded form parameters (empty for JSON)
	 */
	public BufferedRequestFields(@Nullable String contentType, byte[] body, Map<String, List<String>> queryParams,
			Map<String, List<String>> formParams) {
		this.contentType = contentType;
		this.body = body;
		queryParams.forEach(this.params::addAll);
		formParams.forEach(this.params::addAll);
	}

	@Override
	public boolean isJson() {
		return JsonBodies.isJson(this.contentType);
	}

	@Override
	public boolean isForm() {
		return JsonBodies.isForm(this.contentType);
	}

	@Override
	public void requireParsableParameters() {
		// decoded by the server before: nothing left to parse
	}

	@Override
	public JsonNode readObject() {
		return JsonBodies.parseObject(this.body);
	}

	@Override
	public @Nullable String param(String name, int maxLength) {
		List<String> values = this.params.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new InvalidRequestException(name, name + " must be sent once");
		}
		String value = values.get(0);
		return value.isEmpty() ? null : JsonBodies.checkText(value, name, maxLength);
	}

}
