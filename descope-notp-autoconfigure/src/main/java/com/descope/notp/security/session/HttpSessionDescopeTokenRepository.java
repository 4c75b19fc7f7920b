package com.descope.notp.security.session;

import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.security.SharedHttpSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the tokens in the HTTP session (attribute {@link #TOKENS_ATTRIBUTE}); only the
 * session cookie reaches the browser. Works with Spring Session, so that several
 * instances share the tokens; {@link #reloadTokens} then reads them from the session
 * store again, with what another instance stored since the request read the session.
 */
public final class HttpSessionDescopeTokenRepository implements DescopeTokenRepository {

	/** The session attribute that holds the {@link DescopeTokens}. */
	public static final String TOKENS_ATTRIBUTE = HttpSessionDescopeTokenRepository.class.getName() + ".TOKENS";

	@Override
	public DescopeTokenStorage storage() {
		return DescopeTokenStorage.HTTP_SESSION;
	}

	@Override
	public @Nullable DescopeTokens loadTokens(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(TOKENS_ATTRIBUTE) instanceof DescopeTokens tokens) ? tokens
				: null;
	}

	@Override
	public @Nullable DescopeTokens reloadTokens(HttpServletRequest request) {
		return (SharedHttpSessions.storedAttribute(request, TOKENS_ATTRIBUTE) instanceof DescopeTokens tokens) ? tokens
				: null;
	}

	@Override
	public void saveTokens(DescopeTokens tokens, HttpServletRequest request, HttpServletResponse response) {
		request.getSession().setAttribute(TOKENS_ATTRIBUTE, tokens);
	}

	@Override
	public void removeTokens(HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(TOKENS_ATTRIBUTE);
		}
	}

}
