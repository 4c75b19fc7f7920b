package com.descope.notp.web;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a login endpoint's request, JSON body or form, whichever stack received
 * it: what the stack-neutral readers ({@link NotpStartRequestParser},
 * {@link PendingRefParser}) check. The servlet side reads them from the
 * {@code HttpServletRequest}; the reactive side from the body it read within
 * {@link JsonBodies#MAX_BODY_BYTES} ({@link BufferedRequestFields}).
 */
public interface RequestFields {

	/**
	 * Whether the request sends JSON ({@code application/json} or a {@code +json} type).
	 * @return {@code true} for JSON
	 */
	boolean isJson();

	/**
	 * Whether the request sends a form ({@code application/x-www-form-urlencoded}).
	 * @return {@code true} for a form
	 */
	boolean isForm();

	/**
	 * Checks that every parameter (query string, and the body of a form) can be parsed,
	 * so that a malformed one is a {@code 400} before any field is read.
	 * @throws InvalidRequestException (field {@code body} for a form, else {@code query})
	 * when they cannot be parsed
	 */
	void requireParsableParameters();

	/**
	 * Reads the JSON object body.
	 * @return the object
	 * @throws InvalidRequestException (field {@code body}) when the body is empty, larger
	 * than {@link JsonBodies#MAX_BODY_BYTES}, not JSON, nested too deeply, or not an
	 * object
	 * @throws IOException when the body cannot be read
	 */
	JsonNode readObject() throws IOException;

	/**
	 * A parameter (query string or form), sent at most once.
	 * @param name the parameter
	 * @param maxLength the longest value accepted
	 * @return the value, or {@code null} when absent or empty
	 * @throws InvalidRequestException when it is sent twice, too long, or has control
	 * characters; (field {@code body}) when the form cannot be parsed
	 */
	@Nullable String param(String name, int maxLength);

	/**
	 * Refuses a body that is neither JSON nor a form, so that a body of another type is
	 * never read as an empty form.
	 * @throws InvalidRequestException (field {@code Content-Type}) for any other content
	 * type; (field {@code body} or {@code query}) when the parameters cannot be parsed
	 */
	default void requireJsonOrForm() {
		if (!isJson() && !isForm()) {
			throw new InvalidRequestException("Content-Type",
					"Send application/json or application/x-www-form-urlencoded");
		}
		requireParsableParameters();
	}

}
