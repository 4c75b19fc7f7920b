package com.descope.notp.jwt;

/**
 * The claims of a Descope JWT ({@code docs/descope-protocol.md}, "Session and refresh
 * JWTs").
 */
public final class DescopeClaimNames {

	/**
	 * Descope Resource Name: {@code DS} for a session JWT, {@code DSR} for a refresh JWT.
	 */
	public static final String DRN = "drn";

	/** The user id Descope prefers over {@code sub} when present. */
	public static final String DSUB = "dsub";

	/** Authentication methods, for example {@code ["whatsapp"]}. */
	public static final String AMR = "amr";

	/** Project-level roles, an array of strings. */
	public static final String ROLES = "roles";

	/** Project-level permissions, an array of strings. */
	public static final String PERMISSIONS = "permissions";

	/** Tenants: tenant id to {@code {"roles": [...], "permissions": [...]}}. */
	public static final String TENANTS = "tenants";

	/** The current tenant. */
	public static final String CURRENT_TENANT = "dct";

	/** {@code true} when the session was stepped up. */
	public static final String STEP_UP = "su";

	/** The {@code drn} of a session JWT. */
	public static final String SESSION_TOKEN_DRN = "DS";

	/** The {@code drn} of a refresh JWT. */
	public static final String REFRESH_TOKEN_DRN = "DSR";

	private DescopeClaimNames() {
	}

}
