package com.descope.notp.security.login;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.descope.notp.core.NotpAuthenticationToken;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.PendingRefReader;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the {@code pendingRef} of a completion request (JSON or form body) into an
 * unauthenticated {@link NotpAuthenticationToken}, as Spring Security's
 * {@code OneTimeTokenAuthenticationConverter} reads a one-time token. A missing or
 * malformed {@code pendingRef} is a {@link NotpInvalidRequestException} (answered
 * {@code 400} naming the field); an unreadable body an {@link UncheckedIOException}.
 */
public final class NotpAuthenticationConverter implements AuthenticationConverter {

	private final PendingRefReader reader = new PendingRefReader();

	@Override
	public NotpAuthenticationToken convert(HttpServletRequest request) {
		try {
			return new NotpAuthenticationToken(this.reader.read(request));
		}
		catch (InvalidRequestException ex) {
			throw new NotpInvalidRequestException(ex.getField(), ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
