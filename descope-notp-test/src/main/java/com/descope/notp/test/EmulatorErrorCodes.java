package com.descope.notp.test;

/**
 * The {@code errorCode} values the {@link DescopeEmulator} answers with. Codes marked
 * "Descope" are documented Descope codes; codes marked "emulator's choice" stand in where
 * Descope's code is not documented.
 */
public final class EmulatorErrorCodes {

	/**
	 * Descope: invalid request (malformed JSON, unknown or already redeemed
	 * {@code pendingRef}); HTTP 400.
	 */
	public static final String INVALID_REQUEST = "E011003";

	/** Descope: missing or wrong project id in {@code Authorization}; HTTP 401. */
	public static final String INVALID_PROJECT = "E062802";

	/**
	 * Descope: user already exists (sign-up); HTTP 400 at start, 401 when found at
	 * confirmation.
	 */
	public static final String USER_ALREADY_EXISTS = "E062107";

	/**
	 * Descope: user not found (sign-in); HTTP 400 at start, 401 when found at
	 * confirmation.
	 */
	public static final String USER_NOT_FOUND = "E062108";

	/** Descope: nOTP still pending; HTTP 401 (status unconfirmed in Descope's docs). */
	public static final String NOTP_PENDING = "E066103";

	/**
	 * Emulator's choice (Descope's code is undocumented): nOTP flow expired; HTTP 401.
	 */
	public static final String NOTP_EXPIRED = "E066104";

	/** Descope: refresh token revoked by logout (or rotation); HTTP 401. */
	public static final String TOKEN_REVOKED = "E064001";

	/**
	 * Emulator's choice: refresh token missing, malformed, not signed by the emulator,
	 * expired, of another project, not a refresh token ({@code drn} ≠ {@code DSR}) or of
	 * an unknown user; HTTP 401.
	 */
	public static final String INVALID_REFRESH_TOKEN = "E061003";

	/** Emulator's choice: no such path (or project id of {@code /v2/keys}); HTTP 404. */
	public static final String NOT_FOUND = "E000404";

	/** Emulator's choice: known path, wrong HTTP method; HTTP 405. */
	public static final String METHOD_NOT_ALLOWED = "E000405";

	private EmulatorErrorCodes() {
	}

}
