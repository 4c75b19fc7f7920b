package com.descope.notp.client;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A Descope user as the API returns it, {@code ResponseUser}
 * ({@code docs/descope-protocol.md}, "Calls the client makes"): the {@code user} of a
 * {@code JWTResponse} and the body of {@code GET /v1/auth/me}. Unknown fields are
 * ignored. Holds no token, and its {@code toString()} shows no login id, name, phone,
 * email or picture, so it is safe to log.
 *
 * @param userId the user id (starts with {@code U})
 * @param loginIds the login ids, for nOTP the phone numbers in E.164
 * @param name the display name
 * @param givenName the given name
 * @param middleName the middle name
 * @param familyName the family name
 * @param email the email address
 * @param verifiedEmail whether the email is verified
 * @param phone the phone number
 * @param verifiedPhone whether the phone is verified
 * @param roleNames the project-level roles
 * @param permissions the project-level permissions
 * @param userTenants the tenants the user belongs to, with the roles there
 * @param status {@code enabled}, {@code disabled} or {@code invited}
 * @param picture a picture URL
 * @param customAttributes the project's custom attributes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DescopeUser(@Nullable String userId, @Nullable List<String> loginIds, @Nullable String name,
		@Nullable String givenName, @Nullable String middleName, @Nullable String familyName, @Nullable String email,
		@Nullable Boolean verifiedEmail, @Nullable String phone, @Nullable Boolean verifiedPhone,
		@Nullable List<String> roleNames, @Nullable List<String> permissions, @Nullable List<UserTenant> userTenants,
		@Nullable String status, @Nullable String picture,
		@Nullable Map<String, Object> customAttributes) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	public String toString() {
		return "DescopeUser[userId=" + this.userId + ", status=" + this.status + ", roleNames=" + this.roleNames
				+ ", permissions=" + this.permissions + "]";
	}

	/**
	 * One tenant of a user ({@code userTenants[]}).
	 *
	 * @param tenantId the tenant id
	 * @param tenantName the tenant name
	 * @param roleNames the user's roles in the tenant
	 * @param permissions the user's permissions in the tenant
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record UserTenant(@Nullable String tenantId, @Nullable String tenantName, @Nullable List<String> roleNames,
			@Nullable List<String> permissions) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

	}

}
