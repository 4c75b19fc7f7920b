package com.descope.notp.web;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The rules of the refresh JWT a client sends to {@code POST /login/notp/refresh}, on no
 * particular web stack ({@link RefreshJwtReader} reads a servlet request with them, the
 * reactive endpoint an exchange): {@code Authorization: Bearer <refreshJwt>} (RFC 6750,
 * section 2.1) first, else a {@code refreshJwt} member of a JSON or form body; each must
 * be shaped as a JWT and at most 8192 characters.
 */
public final class RefreshJwts {

	/** The longest refresh JWT accepted, in characters. */
	public static final int MAX_LENGTH = 8192;

	/** The largest body read, in bytes (16 KiB); one byte more is read to tell. */
	public static final int MAX_BODY_BYTES = JsonBodies.MAX_BODY_BYTES;

	private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	private RefreshJwts() {
	}

	/**
	 * The refresh JWT of an {@code Authorization} header.
	 * @param authorization the header, or {@code null}
	 * @return the token, or {@code null} when the header is absent or not {@code Bearer}
	 * @throws InvalidRequestException (field {@code Authorization}) when the token is not
	 * shaped as a JWT or too long
	 */
	public static @Nullable String fromAuthorization(@Nullable String authorization) {
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return checked(authorization.substring(7).trim(), "Authorization");
		}
		return null;
	}

	/**
	 * The refresh JWT of a JSON body.
	 * @param body the body's bytes, read up to {@link #MAX_BODY_BYTES} + 1
	 * @return the {@code refreshJwt} member, or {@code null} when absent, JSON
	 * {@code null} or empty
	 * @throws InvalidRequestException (field {@code body}) for a body that is not a JSON
	 * object within the limits; (field {@code refreshJwt}) for a member that is not a
	 * string shaped as a JWT
	 */
	public static @Nullable String fromJson(byte[] body) {
		JsonNode node = JsonBodies.parseObject(body);
		return fromBodyValue(JsonBodies.string(node, "refreshJwt", "refreshJwt", MAX_LENGTH));
	}

	/**
	 * The refresh JWT of a form body.
	 * @param values the values of its {@code refreshJwt} parameter, or {@code null}
	 * @return the token, or {@code null} when absent or empty
	 * @throws InvalidRequestException (field {@code refreshJwt}) when it is sent twice,
	 * or is not shaped as a JWT
	 */
	public static @Nullable String fromForm(@Nullable List<String> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new InvalidRequestException("refreshJwt", "refreshJwt must be sent once");
		}
		return fromBodyValue(JsonBodies.checkText(values.get(0), "refreshJwt", MAX_LENGTH));
	}

	/**
	 * Checks a refresh JWT read from a body.
	 * @param value the value, or {@code null}
	 * @return the token, or {@code null} when absent or empty
	 * @throws InvalidRequestException (field {@code refreshJwt}) when it is not shaped as
	 * a JWT or too long
	 */
	static @Nullable String fromBodyValue(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : checked(value, "refreshJwt");
	}

	private static String checked(String token, String field) {
		if (token.length() > MAX_LENGTH || !JWT_SHAPE.matcher(token).matches()) {
			throw new InvalidRequestException(field, field + " must carry a refresh JWT");
		}
		return token;
	}

}
