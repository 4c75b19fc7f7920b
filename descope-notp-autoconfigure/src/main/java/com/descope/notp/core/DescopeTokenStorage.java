package com.descope.notp.core;

/**
 * Where a {@code DescopeTokenRepository} keeps a signed-in user's tokens, which decides
 * what else the login keeps ({@code descope.persist-tokens},
 * {@code descope.session-token-via-cookie}).
 */
public enum DescopeTokenStorage {

	/**
	 * Tokens and the authenticated {@code SecurityContext} live in the HTTP session; the
	 * browser holds only the session cookie.
	 */
	HTTP_SESSION,

	/**
	 * The session JWT lives in the {@code DS} cookie and the refresh JWT in the
	 * {@code DSR} cookie; the server keeps nothing after login, so any instance serves
	 * any request.
	 */
	COOKIES,

	/**
	 * Nothing is kept: the login answers the tokens in its body, and the client sends
	 * {@code Authorization: Bearer <sessionJwt>} and refreshes through
	 * {@code /login/notp/refresh}.
	 */
	NONE

}
