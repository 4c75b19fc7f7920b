package com.descope.notp.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Resolves a Descope session JWT sent as {@code Authorization: Bearer <token>} (RFC 6750
 * section 2.1), as Spring's {@link DefaultBearerTokenResolver} does by default (header
 * only, never a form or query parameter), in one pass over the header and without a
 * regular expression ({@link BearerHeader}): a session JWT is about a kilobyte long and
 * the header is read on every API request.
 * <ul>
 * <li>No {@code Authorization} header, or one that does not start with {@code Bearer}
 * (any case), for example {@code Basic ...}: {@code null}, the request is not a bearer
 * request.</li>
 * <li>The scheme {@code Bearer} (any case), one or more spaces, then a {@code b64token}
 * ({@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}): the token.</li>
 * <li>A header starting with {@code Bearer} with anything else (nothing after it, no
 * space after it, a character outside the {@code b64token} syntax, a trailing space):
 * {@link OAuth2AuthenticationException} with {@code invalid_token}, which the
 * bearer-token filter turns into {@code 401}.</li>
 * </ul>
 * What the header said is kept in a request attribute for the request object it was read
 * from, so {@link #isBearerRequest(HttpServletRequest)} (used by filters before and after
 * the bearer-token filter) and {@link #resolve} do not read it again for that object:
 * each read of a header through Spring Security's {@code StrictHttpFirewall} checks its
 * whole value, about a kilobyte for a session JWT. A request wrapper, which may add,
 * remove or change the header, is read afresh.
 */
public final class DescopeBearerTokenResolver implements BearerTokenResolver {

	private static final String RESOLUTION_ATTRIBUTE = DescopeBearerTokenResolver.class.getName() + ".RESOLUTION";

	/**
	 * The bearer token of the request.
	 * @param request the request
	 * @return the token, or {@code null} when the request has no
	 * {@code Authorization: Bearer} header
	 * @throws OAuth2AuthenticationException ({@code invalid_token}) when the header names
	 * the {@code Bearer} scheme but the rest is not a well-formed {@code b64token}
	 */
	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		Resolution resolution = resolution(request);
		if (resolution.malformed) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return resolution.token;
	}

	/**
	 * Whether the request carries {@code Authorization: Bearer ...}, well-formed or not.
	 * The header is read once per request, whichever of this method and {@link #resolve}
	 * comes first.
	 * @param request the request
	 * @return {@code true} when the header starts with {@code Bearer} (any case)
	 */
	public static boolean isBearerRequest(HttpServletRequest request) {
		Resolution resolution = resolution(request);
		return resolution.token != null || resolution.malformed;
	}

	/**
	 * Whether the request carries a well-formed {@code Authorization: Bearer <token>},
	 * the header read at most once per request as for
	 * {@link #isBearerRequest(HttpServletRequest)}.
	 * @param request the request
	 * @return {@code true} when {@link #resolve} answers a token
	 */
	public static boolean hasBearerToken(HttpServletRequest request) {
		return resolution(request).token != null;
	}

	private static Resolution resolution(HttpServletRequest request) {
		// a wrapper may change the header, so an answer is reused only for the same
		// request object
		if (request.getAttribute(RESOLUTION_ATTRIBUTE) instanceof Resolution resolved && resolved.request == request) {
			return resolved;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		Resolution resolution;
		if (!BearerHeader.isBearerScheme(authorization)) {
			resolution = new Resolution(request, null, false);
		}
		else {
			String token = BearerHeader.token(authorization);
			resolution = new Resolution(request, token, token == null);
		}
		request.setAttribute(RESOLUTION_ATTRIBUTE, resolution);
		return resolution;
	}

	/**
	 * Whether the request's {@code Authorization} header names the bearer scheme but is
	 * not a well-formed bearer credential, the case {@link #resolve} refuses.
	 * @param request the request
	 * @return {@code true} for a malformed bearer header
	 */
	public static boolean isMalformedBearerRequest(HttpServletRequest request) {
		return resolution(request).malformed;
	}

	/** What the header said; never prints the token. */
	private static final class Resolution {

		final HttpServletRequest request;

		final @Nullable String token;

		final boolean malformed;

		Resolution(HttpServletRequest request, @Nullable String token, boolean malformed) {
			this.request = request;
			this.token = token;
			this.malformed = malformed;
		}

		@Override
		public String toString() {
			return (this.token != null) ? "Bearer [token]" : this.malformed ? "Bearer [malformed]" : "no bearer token";
		}

	}

}
