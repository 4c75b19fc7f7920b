package com.descope.notp.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Where a signed-in user's Descope tokens live between requests, in the manner of Spring
 * Security's {@code SecurityContextRepository}. The login stores them here; step-up and MFA
 * sign-in read the refresh JWT from here. Replace it with a bean of this type.
 */
public interface DescopeTokenRepository {

	/**
	 * The tokens of the request's user.
	 * @param request the request
	 * @return the tokens, or {@code null} when there are none
	 */
	@Nullable DescopeTokens loadTokens(HttpServletRequest request);

	/**
	 * Stores the tokens of a login or refresh.
	 * @param tokens the tokens
	 * @param request the request
	 * @param response the response
	 */
	void saveTokens(DescopeTokens tokens, HttpServletRequest request, HttpServletResponse response);

	/**
	 * Forgets the tokens, as on logout.
	 * @param request the request
	 * @param response the response
	 */
	void removeTokens(HttpServletRequest request, HttpServletResponse response);

}
