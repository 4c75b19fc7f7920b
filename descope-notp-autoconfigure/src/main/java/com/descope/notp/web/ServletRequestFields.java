package com.descope.notp.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link RequestFields} of a servlet request, read through {@link RequestBodies}.
 */
final class ServletRequestFields implements RequestFields {

	private final HttpServletRequest request;

	ServletRequestFields(HttpServletRequest request) {
		this.request = request;
	}

	@Override
	public boolean isJson() {
		return RequestBodies.isJson(this.request);
	}

	@Override
	public boolean isForm() {
		return RequestBodies.isForm(this.request);
	}

	@Override
	public void requireParsableParameters() {
		RequestBodies.requireParsableParameters(this.request);
	}

	@Override
	public JsonNode readObject() throws IOException {
		return RequestBodies.readObject(this.request);
	}

	@Override
	public @Nullable String param(String name, int maxLength) {
		return RequestBodies.param(this.request, name, maxLength);
	}

}
