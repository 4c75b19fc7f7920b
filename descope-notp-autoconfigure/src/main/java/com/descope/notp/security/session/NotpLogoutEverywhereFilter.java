package com.descope.notp.security.session;

import java.util.List;

import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * "Log out everywhere" at {@code POST /logout/all}: Spring Security's logout, with a
 * {@link DescopeLogoutHandler} that revokes every session of the user at Descope
 * ({@code /v1/auth/logoutall}). A class of its own so that it takes its own place in the
 * filter chain beside the ordinary {@link LogoutFilter}.
 */
public final class NotpLogoutEverywhereFilter extends LogoutFilter {

	/**
	 * A filter.
	 * @param successHandler where the browser goes after logout
	 * @param handlers the logout handlers, a {@link DescopeLogoutHandler} for every
	 * session among them
	 */
	public NotpLogoutEverywhereFilter(LogoutSuccessHandler successHandler, List<LogoutHandler> handlers) {
		super(successHandler, handlers.toArray(LogoutHandler[]::new));
	}

}
