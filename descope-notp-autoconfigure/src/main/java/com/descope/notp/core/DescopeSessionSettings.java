package com.descope.notp.core;

import java.time.Duration;

/**
 * Settings of a signed-in session's lifecycle (from {@code descope.*}); the
 * auto-configuration publishes them as a bean, which {@code NotpLoginConfigurer} picks up
 * unless the DSL sets one.
 *
 * @param autoRefresh whether a session JWT that expired, or is about to, is refreshed
 * with the refresh JWT before the request reaches the application (default {@code true})
 * @param refreshThreshold how long before its {@code exp} a session JWT is refreshed
 * (default 20 s, the web SDK's threshold)
 * @param storeLastAuthenticatedUser whether the last signed-in user is remembered for the
 * login page (default {@code true})
 * @param keepLastAuthenticatedUserAfterLogout whether that survives logout (default
 * {@code false})
 */
public record DescopeSessionSettings(boolean autoRefresh, Duration refreshThreshold, boolean storeLastAuthenticatedUser,
		boolean keepLastAuthenticatedUserAfterLogout) {

	/** The defaults. */
	public static final DescopeSessionSettings DEFAULTS = new DescopeSessionSettings(true, Duration.ofSeconds(20), true,
			false);

}
