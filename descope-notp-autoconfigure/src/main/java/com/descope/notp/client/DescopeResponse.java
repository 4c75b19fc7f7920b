package com.descope.notp.client;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one call to Descope, shaped as the Descope JS SDK's {@code SdkResponse}:
 * {@code {ok, code, error{errorCode, errorDescription, errorMessage}, data}}. Calls never
 * throw for Descope's or the network's failures; they answer {@code ok=false} with an
 * {@link DescopeError}.
 *
 * @param <T> the type of the data
 * @param ok whether Descope answered with a 2xx status and a usable body
 * @param code the HTTP status, or {@code 0} when there was no HTTP answer (network
 * failure, polling timeout)
 * @param error the error when {@code ok} is {@code false}, else {@code null}
 * @param data the parsed body when {@code ok} is {@code true}, else {@code null}
 */
public record DescopeResponse<T>(boolean ok, int code, @Nullable DescopeError error, @Nullable T data) {

	/**
	 * A successful answer.
	 * @param <T> the data type
	 * @param code the HTTP status
	 * @param data the parsed body
	 * @return the response
	 */
	public static <T> DescopeResponse<T> success(int code, T data) {
		return new DescopeResponse<>(true, code, null, data);
	}

	/**
	 * A failed answer.
	 * @param <T> the data type
	 * @param code the HTTP status, or {@code 0} when there was none
	 * @param error what went wrong
	 * @return the response
	 */
	public static <T> DescopeResponse<T> failure(int code, DescopeError error) {
		return new DescopeResponse<>(false, code, error, null);
	}

	/**
	 * Whether the failure may pass if the same call is made again later: no HTTP answer
	 * ({@link DescopeErrorCodes#TRANSPORT_FAILURE}), a {@code 429}, a {@code 5xx}, or a
	 * success status whose body is not what the protocol describes
	 * ({@link DescopeErrorCodes#INVALID_RESPONSE}: most likely a proxy's page or a
	 * glitch, not Descope's verdict, so a login flow is kept).
	 * @return {@code true} for a transient failure, {@code false} for a success or a
	 * definite refusal
	 */
	public boolean isTransientFailure() {
		if (this.ok) {
			return false;
		}
		String errorCode = (this.error != null) ? this.error.errorCode() : null;
		boolean noUsableAnswer = DescopeErrorCodes.TRANSPORT_FAILURE.equals(errorCode)
				|| DescopeErrorCodes.INVALID_RESPONSE.equals(errorCode);
		return noUsableAnswer || this.code == 429 || this.code >= 500;
	}

	/**
	 * Whether Descope answered that the nOTP flow is still waiting for the WhatsApp
	 * message.
	 * @return {@code true} for the pending answer ({@code E066103})
	 */
	public boolean isPending() {
		return !this.ok && this.error != null && this.error.isPending();
	}

	/**
	 * The data, for a successful response.
	 * @return the data
	 * @throws IllegalStateException when the response is not {@code ok}; its message
	 * names the HTTP status and the error code only, never Descope's description or
	 * message, which might quote what was sent
	 */
	public T requireData() {
		if (!this.ok || this.data == null) {
			throw new IllegalStateException("Descope call failed: HTTP " + this.code + ", error code "
					+ ((this.error != null) ? this.error.errorCode() : null));
		}
		return this.data;
	}

	/**
	 * The same outcome with the data mapped.
	 * @param <R> the new data type
	 * @param mapper applied to the data of a successful response
	 * @return a response of the new type
	 */
	public <R> DescopeResponse<R> map(Function<? super T, ? extends R> mapper) {
		return (this.ok && this.data != null) ? success(this.code, mapper.apply(this.data))
				: new DescopeResponse<>(this.ok, this.code, this.error, null);
	}

}
