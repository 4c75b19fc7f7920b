package com.descope.notp.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads the refresh JWT a client sends to {@code POST /login/notp/refresh}: from
 * {@code Authorization: Bearer <refreshJwt>} (RFC 6750, section 2.1), else from a
 * {@code refreshJwt} member of a JSON or form body; none is fine (the stored one is then
 * used).
 */
public final class RefreshJwtReader {

	/**
	 * Reads the refresh JWT.
	 * @param request the request
	 * @return the refresh JWT, or {@code null} when the request sends none
	 * @throws InvalidRequestException (field {@code Authorization} or {@code refreshJwt})
	 * when what is sent is not shaped as a JWT or is longer than 8192 characters; (field
	 * {@code body}) for a malformed JSON body
	 * @throws IOException when the body cannot be read
	 */
	public @Nullable String read(HttpServletRequest request) throws IOException {
		String bearer = RefreshJwts.fromAuthorization(request.getHeader("Authorization"));
		if (bearer != null) {
			return bearer;
		}
		if (RequestBodies.isJson(request) && request.getContentLengthLong() != 0) {
			return RefreshJwts.fromBodyValue(RequestBodies.string(RequestBodies.readObject(request), "refreshJwt",
					"refreshJwt", RefreshJwts.MAX_LENGTH));
		}
		if (RequestBodies.isForm(request)) {
			return RefreshJwts.fromBodyValue(RequestBodies.param(request, "refreshJwt", RefreshJwts.MAX_LENGTH));
		}
		return null;
	}

}
