package com.descope.notp.core;

import java.io.Serial;
import java.util.List;

import com.descope.notp.client.Redaction;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request to complete a nOTP login: the {@code pendingRef} of a flow this browser
 * session started. Unauthenticated; {@link NotpAuthenticationProvider} turns it into a
 * {@link DescopeAuthenticationToken}. Its {@code toString()} shows only the start of the
 * {@code pendingRef}.
 */
public class NotpAuthenticationToken extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String pendingRef;

	/**
	 * A completion request.
	 * @param pendingRef the reference a start call answered
	 */
	public NotpAuthenticationToken(String pendingRef) {
		super(List.of());
		this.pendingRef = pendingRef;
		setAuthenticated(false);
	}

	/**
	 * The flow's reference.
	 * @return the {@code pendingRef}
	 */
	public String getPendingRef() {
		return this.pendingRef;
	}

	@Override
	public Object getCredentials() {
		return this.pendingRef;
	}

	@Override
	public Object getPrincipal() {
		return Redaction.redact(this.pendingRef);
	}

	@Override
	public String toString() {
		return "NotpAuthenticationToken [pendingRef=" + Redaction.redact(this.pendingRef) + "]";
	}

}
