package com.descope.notp.client;

import org.jspecify.annotations.Nullable;

/**
 * One nOTP start call: which method, for which login id, with which options. Its
 * {@code toString()} shows neither the login id nor the new user's details.
 *
 * @param method sign-in, sign-up or sign-up-or-in
 * @param loginId the phone number in E.164, or {@code ""} to let Descope use the number
 * the WhatsApp message comes from
 * @param loginOptions the options, {@link LoginOptions#NONE} for none
 * @param user the new user's details, used by {@link NotpMethod#SIGN_UP} only; may be
 * {@code null}
 * @param providerId the nOTP provider id, or {@code null} for the project's default
 */
public record NotpStartRequest(NotpMethod method, String loginId, LoginOptions loginOptions, @Nullable SignUpUser user,
		@Nullable String providerId) {

	/**
	 * A start call with no options.
	 * @param method the method
	 * @param loginId the login id, or {@code ""}
	 * @return the request
	 */
	public static NotpStartRequest of(NotpMethod method, String loginId) {
		return new NotpStartRequest(method, loginId, LoginOptions.NONE, null, null);
	}

	@Override
	public String toString() {
		return "NotpStartRequest[method=" + this.method + ", loginId="
				+ (this.loginId.isEmpty() ? "\"\"" : "[PROTECTED]") + ", loginOptions=" + this.loginOptions + ", user="
				+ ((this.user != null) ? "[PROTECTED]" : null) + ", providerId=" + this.providerId + "]";
	}

}
