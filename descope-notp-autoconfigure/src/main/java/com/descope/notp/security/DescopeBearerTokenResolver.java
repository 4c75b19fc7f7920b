package com.descope.notp.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Resolves a Descope session JWT sent as {@code Authorization: Bearer <token>} (RFC 6750 section
 * 2.1), as Spring's {@link DefaultBearerTokenResolver} does by default (header only, never a form
 * or query parameter), in one pass over the header and without a regular expression: a session JWT
 * is about a kilobyte long and the header is read on every API request.
 * <ul>
 * <li>No {@code Authorization} header, or one that does not start with {@code Bearer} (any case),
 * for example {@code Basic ...}: {@code null}, the request is not a bearer request.</li>
 * <li>The scheme {@code Bearer} (any case), one or more spaces, then a {@code b64token}
 * ({@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}): the token.</li>
 * <li>A header starting with {@code Bearer} with anything else (nothing after it, no space after
 * it, a character outside the {@code b64token} syntax, a trailing space): {@link OAuth2AuthenticationException} with
 * {@code invalid_token}, which the bearer-token filter turns into {@code 401}.</li>
 * </ul>
 * It also marks the request ({@link #isBearerRequest(HttpServletRequest)}), so filters later in the
 * chain know whether it carried a bearer token without reading the header again (each read of a
 * header through Spring Security's {@code StrictHttpFirewall} checks its whole value).
 */
public final class DescopeBearerTokenResolver implements BearerTokenResolver {

	private static final String BEARER_REQUEST_ATTRIBUTE = DescopeBearerTokenResolver.class.getName()
			+ ".BEARER_REQUEST";

	private static final String SCHEME = "Bearer";

	/**
	 * The bearer token of the request.
	 * @param request the request
	 * @return the token, or {@code null} when the request has no {@code Authorization: Bearer}
	 * header
	 * @throws OAuth2AuthenticationException ({@code invalid_token}) when the header names the
	 * {@code Bearer} scheme but the rest is not a well-formed {@code b64token}
	 */
	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		boolean bearer = isBearerScheme(authorization);
		request.setAttribute(BEARER_REQUEST_ATTRIBUTE, bearer);
		if (!bearer) {
			return null;
		}
		int start = tokenStart(authorization);
		if (start < 0) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(start);
	}

	/**
	 * Whether an {@code Authorization} header names the bearer scheme but is not a well-formed bearer
	 * credential, the case this resolver refuses.
	 * @param authorization the header's value, or {@code null}
	 * @return {@code true} for a malformed bearer header
	 */
	static boolean isMalformed(@Nullable String authorization) {
		return isBearerScheme(authorization) && tokenStart(authorization) < 0;
	}

	/**
	 * Whether the request carries {@code Authorization: Bearer ...}: the answer this resolver
	 * recorded when it resolved the request, or, when it has not, read from the header.
	 * @param request the request
	 * @return {@code true} when the header names the {@code Bearer} scheme (well-formed or not)
	 */
	public static boolean isBearerRequest(HttpServletRequest request) {
		if (request.getAttribute(BEARER_REQUEST_ATTRIBUTE) instanceof Boolean resolved) {
			return resolved;
		}
		return isBearerScheme(request.getHeader(HttpHeaders.AUTHORIZATION));
	}

	private static boolean isBearerScheme(@Nullable String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
	}

	/** Where the token starts: after the scheme and one or more spaces; {@code -1} when malformed. */
	private static int tokenStart(String authorization) {
		int start = SCHEME.length();
		while (start < authorization.length() && authorization.charAt(start) == ' ') {
			start++;
		}
		return (start > SCHEME.length() && isB64Token(authorization, start)) ? start : -1;
	}

	/** RFC 6750 section 2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
	private static boolean isB64Token(String value, int start) {
		int end = value.length();
		int i = start;
		while (i < end && isB64TokenChar(value.charAt(i))) {
			i++;
		}
		if (i == start) {
			return false;
		}
		while (i < end && value.charAt(i) == '=') {
			i++;
		}
		return i == end;
	}

	private static boolean isB64TokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
