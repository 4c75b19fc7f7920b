package com.descope.notp.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads the refresh JWT a client sends to {@code POST /login/notp/refresh}: from
 * {@code Authorization: Bearer <refreshJwt>} (RFC 6750, section 2.1), else from a
 * {@code refreshJwt} member of a JSON or form body; none is fine (the stored one is then
 * used).
 */
public final class RefreshJwtReader {

	private static final int MAX_LENGTH = 8192;

	private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

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
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return checked(authorization.substring(7).trim(), "Authorization");
		}
		String body = null;
		if (RequestBodies.isJson(request) && request.getContentLengthLong() != 0) {
			body = RequestBodies.string(RequestBodies.readObject(request), "refreshJwt", "refreshJwt", MAX_LENGTH);
		}
		else if (RequestBodies.isForm(request)) {
			body = RequestBodies.param(request, "refreshJwt", MAX_LENGTH);
		}
		return (body == null || body.isEmpty()) ? null : checked(body, "refreshJwt");
	}

	private static String checked(String token, String field) {
		if (token.length() > MAX_LENGTH || !JWT_SHAPE.matcher(token).matches()) {
			throw new InvalidRequestException(field, field + " must carry a refresh JWT");
		}
		return token;
	}

}
