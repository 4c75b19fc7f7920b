package com.descope.notp.security.session;

import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.JwtResponse;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.web.LastAuthenticatedUserCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Signs the user out at Descope on Spring Security's logout: revokes the stored refresh
 * JWT ({@code POST /v1/auth/logout}, or {@code /v1/auth/logoutall} for "log out
 * everywhere"), removes the stored tokens (and so the {@code DS} / {@code DSR} cookies),
 * clears in the other storage modes the {@code DS} / {@code DSR} cookies a front end's
 * Descope SDK wrote with script (the chain reads a {@code DS} cookie in every mode, so
 * one left behind would sign the user in again), forgets the last user unless
 * {@code keep-last-authenticated-user-after-logout}, and publishes a
 * {@link DescopeSessionTokenEvent} ({@code CLEARED}). A Descope failure is logged and
 * local state is cleared all the same, so logout always works.
 */
public final class DescopeLogoutHandler implements LogoutHandler {

	private static final Log logger = LogFactory.getLog(DescopeLogoutHandler.class);

	private final DescopeSessionManager sessionManager;

	private final DescopeTokenRepository tokenRepository;

	private final DescopeSessionSettings settings;

	private final ApplicationEventPublisher eventPublisher;

	private final boolean everywhere;

	private DescopeCookieSettings cookieSettings = DescopeCookieSettings.DEFAULTS;

	/**
	 * A logout handler.
	 * @param sessionManager revokes at Descope and forgets the shared refresh answer
	 * @param tokenRepository the stored tokens
	 * @param settings whether the last user survives logout
	 * @param eventPublisher publishes {@link DescopeSessionTokenEvent}s
	 * @param everywhere {@code true} to revoke every session of the user
	 * ({@code logoutall})
	 */
	public DescopeLogoutHandler(DescopeSessionManager sessionManager, DescopeTokenRepository tokenRepository,
			DescopeSessionSettings settings, ApplicationEventPublisher eventPublisher, boolean everywhere) {
		this.sessionManager = sessionManager;
		this.tokenRepository = tokenRepository;
		this.settings = settings;
		this.eventPublisher = eventPublisher;
		this.everywhere = everywhere;
	}

	/**
	 * The cookie settings the last-user cookie is cleared with ({@code Secure}), and the
	 * names, {@code Secure} and {@code SameSite} a front end's token cookies are cleared
	 * with.
	 * @param cookieSettings default {@link DescopeCookieSettings#DEFAULTS}
	 */
	public void setCookieSettings(DescopeCookieSettings cookieSettings) {
		this.cookieSettings = cookieSettings;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		DescopeTokens tokens = this.tokenRepository.loadTokens(request);
		if (tokens != null && tokens.refreshJwt() != null) {
			DescopeResponse<JwtResponse> answer = this.sessionManager.logout(tokens.refreshJwt(), this.everywhere);
			if (!answer.ok()) {
				logger.warn("Descope did not confirm the logout (HTTP " + answer.code() + ", "
						+ ((answer.error() != null) ? answer.error().errorCode() : "no error code")
						+ "); the local session is cleared all the same");
			}
		}
		this.tokenRepository.removeTokens(request, response);
		if (this.tokenRepository.storage() != DescopeTokenStorage.COOKIES) {
			// a front end's Descope SDK may have written the session cookie with script
			// (sessionTokenViaCookie), which authenticates in every mode: clear it too
			CookieDescopeTokenRepository.expireTokenCookies(this.cookieSettings,
					(tokens != null) ? tokens.cookiePath() : null, request, response);
		}
		if (!this.settings.keepLastAuthenticatedUserAfterLogout()) {
			LastAuthenticatedUserCookies.remove(request, response, this.cookieSettings.secure());
		}
		this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.CLEARED,
				(authentication != null) ? authentication.getName() : null, null));
	}

}
