package com.descope.notp.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * An error as Descope reports it: {@code {"errorCode", "errorDescription",
 * "errorMessage"}} ({@code docs/descope-protocol.md}, "Errors"), plus the wait Descope
 * asked for with {@code Retry-After}.
 *
 * @param errorCode Descope's code, for example {@code E066103} (nOTP still pending), or
 * one of the client-side codes in {@link DescopeErrorCodes}; never {@code null}
 * @param errorDescription a short description, safe to show; may be {@code null}
 * @param errorMessage Descope's longer message; may be {@code null}
 * @param retryAfter the wait from a {@code Retry-After} header (seconds or an HTTP date),
 * or {@code null} when none was sent
 */
public record DescopeError(String errorCode, @Nullable String errorDescription, @Nullable String errorMessage,
		@Nullable Duration retryAfter) {

	/**
	 * An error with no {@code Retry-After}.
	 * @param errorCode the code
	 * @param errorDescription the description, or {@code null}
	 * @return the error
	 */
	public static DescopeError of(String errorCode, @Nullable String errorDescription) {
		return new DescopeError(errorCode, errorDescription, null, null);
	}

	/**
	 * Whether this is Descope's "the nOTP message has not arrived yet" answer
	 * ({@code E066103}).
	 * @return {@code true} while the person has not yet confirmed on WhatsApp
	 */
	public boolean isPending() {
		return DescopeErrorCodes.NOTP_PENDING.equals(this.errorCode);
	}

}
