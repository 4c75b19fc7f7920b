package com.descope.notp.security.session;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Keeps nothing ({@code descope.persist-tokens=false}): the login answers the tokens in
 * its body, and the client authenticates each request with
 * {@code Authorization: Bearer <sessionJwt>}.
 */
public final class NoDescopeTokenRepository implements DescopeTokenRepository {

	@Override
	public DescopeTokenStorage storage() {
		return DescopeTokenStorage.NONE;
	}

	@Override
	public @Nullable DescopeTokens loadTokens(HttpServletRequest request) {
		return null;
	}

	@Override
	public void saveTokens(DescopeTokens tokens, HttpServletRequest request, HttpServletResponse response) {
	}

	@Override
	public void removeTokens(HttpServletRequest request, HttpServletResponse response) {
	}

}
