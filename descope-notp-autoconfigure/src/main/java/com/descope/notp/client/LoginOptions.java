package com.descope.notp.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The {@code loginOptions} object of a nOTP start call ({@code docs/descope-protocol.md},
 * "Calls the client makes"; Descope's {@code LoginOptions} and
 * {@code SignupLoginOptions}). Absent fields are omitted on the wire. Sign-up and
 * sign-up-or-in use {@code customClaims}, {@code templateOptions}, {@code templateId},
 * {@code tenantId} and {@code locale} only.
 *
 * @param stepup step-up sign-in of the signed-in user; needs the user's refresh JWT
 * @param mfa add nOTP as a second factor to the signed-in user's session; needs the
 * refresh JWT
 * @param customClaims claims Descope adds to the session JWT
 * @param templateOptions values for the message template
 * @param templateId the message template to use
 * @param tenantId the tenant to sign in to
 * @param revokeOtherSessions revoke the user's other sessions on success
 * @param revokeOtherSessionsTypes which kinds of sessions to revoke
 * @param locale the locale of the WhatsApp messages, for example {@code en}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoginOptions(@Nullable Boolean stepup, @Nullable Boolean mfa, @Nullable Map<String, Object> customClaims,
		@Nullable Map<String, String> templateOptions, @Nullable String templateId, @Nullable String tenantId,
		@Nullable Boolean revokeOtherSessions, @Nullable List<String> revokeOtherSessionsTypes,
		@Nullable String locale) {

	/** No options: sent as {@code {}}, as the Descope SDKs do. */
	public static final LoginOptions NONE = new LoginOptions(null, null, null, null, null, null, null, null, null);

	/**
	 * Whether the call acts on a signed-in user and so must carry the user's refresh JWT
	 * ({@code stepup} or {@code mfa}), as the Go SDK's {@code IsJWTRequired}.
	 * @return {@code true} when a refresh JWT is required
	 */
	public boolean requiresRefreshJwt() {
		return Boolean.TRUE.equals(this.stepup) || Boolean.TRUE.equals(this.mfa);
	}

}
