package com.descope.notp.web;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads the {@code pendingRef} of {@code POST /login/notp/session}, on either stack, from
 * a JSON body ({@code {"pendingRef": "..."}}) or a form parameter, and checks its shape:
 * 1 to 256 characters of the URL-safe alphabet ({@code A-Z a-z 0-9 - _ . ~}). Descope
 * does not document the format, so the check is loose enough for any token-like value and
 * strict enough to keep junk out of logs and upstream calls.
 */
public final class PendingRefParser {

	/** The longest {@code pendingRef} accepted. */
	public static final int MAX_LENGTH = 256;

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_LENGTH + "}");

	/**
	 * Reads and checks the {@code pendingRef}.
	 * @param request the request's fields, JSON or form
	 * @return the {@code pendingRef}
	 * @throws InvalidRequestException (field {@code pendingRef}) when it is missing,
	 * empty, too long, sent twice or has other characters; (field {@code body}) when a
	 * JSON body is malformed or a form body cannot be parsed; (field {@code query}) when
	 * the query string cannot be parsed; (field {@code Content-Type}) when the body is
	 * neither JSON nor a form
	 * @throws IOException when the body cannot be read
	 */
	public String parse(RequestFields request) throws IOException {
		request.requireJsonOrForm();
		String pendingRef = request.isJson()
				? JsonBodies.string(request.readObject(), "pendingRef", "pendingRef", MAX_LENGTH)
				: request.param("pendingRef", MAX_LENGTH);
		if (pendingRef == null || pendingRef.isEmpty()) {
			throw new InvalidRequestException("pendingRef", "pendingRef is required");
		}
		if (!SHAPE.matcher(pendingRef).matches()) {
			throw new InvalidRequestException("pendingRef",
					"pendingRef must be 1 to " + MAX_LENGTH + " URL-safe characters");
		}
		return pendingRef;
	}

}
