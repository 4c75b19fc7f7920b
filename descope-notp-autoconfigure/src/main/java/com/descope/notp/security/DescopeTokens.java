package com.descope.notp.security;

import java.io.Serial;
import java.io.Serializable;

import org.jspecify.annotations.Nullable;

import com.descope.notp.client.Redaction;

/**
 * The tokens of a Descope session, as kept between requests.
 *
 * @param sessionJwt the session JWT ({@code DS})
 * @param refreshJwt the refresh JWT ({@code DSR}), or {@code null} when not known
 */
public record DescopeTokens(String sessionJwt, @Nullable String refreshJwt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	public String toString() {
		return "DescopeTokens[sessionJwt=" + Redaction.redact(this.sessionJwt) + ", refreshJwt="
				+ Redaction.redact(this.refreshJwt) + "]";
	}

}
