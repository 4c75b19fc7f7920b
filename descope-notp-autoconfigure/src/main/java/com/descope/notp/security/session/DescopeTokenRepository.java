package com.descope.notp.security.session;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Where a signed-in user's Descope tokens live between requests, in the manner of Spring
 * Security's {@code SecurityContextRepository}: the login and every refresh store them
 * here, each request reads them here, logout removes them. The auto-configuration picks
 * the implementation from {@code descope.persist-tokens} and
 * {@code descope.session-token-via-cookie} ({@link HttpSessionDescopeTokenRepository},
 * {@link CookieDescopeTokenRepository}, {@link NoDescopeTokenRepository}); replace it
 * with a bean of this type.
 */
public interface DescopeTokenRepository {

	/**
	 * Where this repository keeps tokens, which decides whether the
	 * {@code SecurityContext} is kept in the HTTP session and whether the login answers
	 * the tokens in its body.
	 * @return the storage kind
	 */
	DescopeTokenStorage storage();

	/**
	 * The tokens of the request's user.
	 * @param request the request
	 * @return the tokens, or {@code null} when there are none
	 */
	@Nullable DescopeTokens loadTokens(HttpServletRequest request);

	/**
	 * The tokens of the request's user as the store holds them now, which may be newer
	 * than what {@link #loadTokens} read when the store is shared by several instances of
	 * the application and another one refreshed the session meanwhile. The default reads
	 * {@link #loadTokens} again, for stores that are never stale.
	 * @param request the request
	 * @return the tokens, or {@code null} when there are none
	 */
	default @Nullable DescopeTokens reloadTokens(HttpServletRequest request) {
		return loadTokens(request);
	}

	/**
	 * Stores the tokens of a login or refresh.
	 * @param tokens the tokens
	 * @param request the request
	 * @param response the response
	 */
	void saveTokens(DescopeTokens tokens, HttpServletRequest request, HttpServletResponse response);

	/**
	 * Forgets the tokens, as on logout or a refused refresh.
	 * @param request the request
	 * @param response the response
	 */
	void removeTokens(HttpServletRequest request, HttpServletResponse response);

}
