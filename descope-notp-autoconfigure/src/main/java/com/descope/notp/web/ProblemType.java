package com.descope.notp.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The kinds of error the starter's endpoints answer, each with a stable RFC 9457
 * {@code type} URI ({@code urn:descope-notp:problem:<name>}), its status and title. The
 * same kind maps the same way in every endpoint.
 */
public enum ProblemType {

	/** A field of the request is missing, malformed or out of range: {@code 400}. */
	INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),

	/**
	 * Descope refused the request as invalid (for example an unknown user on sign-in):
	 * {@code 400}.
	 */
	REJECTED_BY_DESCOPE("rejected-by-descope", HttpStatus.BAD_REQUEST, "Descope refused the request"),

	/** No valid credentials: {@code 401}. */
	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),

	/**
	 * The bearer or {@code DS} token is invalid, expired, forged or of the wrong kind:
	 * {@code 401}.
	 */
	INVALID_TOKEN("invalid-token", HttpStatus.UNAUTHORIZED, "Invalid session token"),

	/** Authenticated, but not allowed to do this: {@code 403}. */
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),

	/** The CSRF token is missing or does not match: {@code 403}. */
	INVALID_CSRF_TOKEN("invalid-csrf-token", HttpStatus.FORBIDDEN, "Invalid CSRF token"),

	/**
	 * The {@code pendingRef} is unknown to this browser session, or already redeemed:
	 * {@code 401}.
	 */
	UNKNOWN_FLOW("unknown-flow", HttpStatus.UNAUTHORIZED, "Unknown login flow"),

	/** The nOTP flow expired or Descope ended it: {@code 401}. */
	FLOW_FAILED("flow-failed", HttpStatus.UNAUTHORIZED, "Login failed"),

	/** Descope rate-limited the call: {@code 429} with {@code Retry-After}. */
	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	/** Descope is unreachable or failing: {@code 503} with {@code Retry-After}. */
	DESCOPE_UNAVAILABLE("descope-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Descope is unavailable"),

	/**
	 * The store the HTTP sessions live in (Redis under Spring Session, say) cannot be
	 * reached: {@code 503} with {@code Retry-After}.
	 */
	SESSION_STORE_UNAVAILABLE("session-store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Sessions are unavailable"),

	/**
	 * Descope refused the project's own credentials (a configuration error): {@code 502}.
	 */
	DESCOPE_MISCONFIGURED("descope-misconfigured", HttpStatus.BAD_GATEWAY, "Descope refused the configuration");

	private final URI type;

	private final HttpStatus status;

	private final String title;

	ProblemType(String name, HttpStatus status, String title) {
		this.type = URI.create("urn:descope-notp:problem:" + name);
		this.status = status;
		this.title = title;
	}

	/**
	 * The RFC 9457 {@code type}.
	 * @return for example {@code urn:descope-notp:problem:invalid-request}
	 */
	public URI type() {
		return this.type;
	}

	/**
	 * The HTTP status.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The RFC 9457 {@code title}.
	 * @return a short, fixed summary
	 */
	public String title() {
		return this.title;
	}

}
