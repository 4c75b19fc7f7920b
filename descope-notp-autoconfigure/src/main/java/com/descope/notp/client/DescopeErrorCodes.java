package com.descope.notp.client;

/**
 * Error codes the client reads or produces. Descope's own codes start with {@code E}
 * ({@code docs/descope-protocol.md}, "Errors"); the client-side ones follow the Descope
 * SDKs' conventions.
 */
public final class DescopeErrorCodes {

	/** Descope: the nOTP pending session is still waiting for the WhatsApp message. */
	public static final String NOTP_PENDING = "E066103";

	/** Descope: the request was rate limited (HTTP 429). */
	public static final String RATE_LIMITED = "E130429";

	/** Descope: the user was not found. */
	public static final String USER_NOT_FOUND = "E062108";

	/** Descope: the user already exists. */
	public static final String USER_ALREADY_EXISTS = "E062107";

	/**
	 * Client side: {@link PendingSessionPoller#waitForSession} gave up after its timeout;
	 * the JS SDK's code for the same case.
	 */
	public static final String POLLING_TIMEOUT = "0";

	/**
	 * Client side: no HTTP answer (connection refused or reset, connect or read timeout).
	 */
	public static final String TRANSPORT_FAILURE = "G020001";

	/**
	 * Client side: an HTTP answer that is not what the protocol describes (not JSON, no
	 * tokens).
	 */
	public static final String INVALID_RESPONSE = "G020002";

	private DescopeErrorCodes() {
	}

}
