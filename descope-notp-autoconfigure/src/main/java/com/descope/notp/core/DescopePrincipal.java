package com.descope.notp.core;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.jwt.DescopeJwtClaims;
import com.descope.notp.jwt.DescopeJwtClaims.TenantAuthorization;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in Descope user, as {@code @AuthenticationPrincipal DescopePrincipal user}
 * gives it. Roles, permissions, tenants and authentication methods come from the
 * validated session JWT; login ids, name, phone and email from the user Descope returned
 * at login (a request that only carries a bearer token has no such user, so those read as
 * empty or {@code null}). Holds no token; its {@code toString()} shows no login id, name,
 * phone or email.
 *
 * @param userId the Descope user id ({@code sub}); also the {@code Authentication}'s name
 * @param loginIds the login ids, for nOTP phone numbers in E.164
 * @param name the display name, or {@code null}
 * @param phone the phone number, or {@code null}
 * @param email the email address, or {@code null}
 * @param roles the project-level roles
 * @param permissions the project-level permissions
 * @param tenants tenant id to the roles and permissions there
 * @param authenticationMethods the JWT's {@code amr}, for example {@code ["whatsapp"]}
 * @param steppedUp whether the session was stepped up ({@code su})
 */
public record DescopePrincipal(String userId, List<String> loginIds, @Nullable String name, @Nullable String phone,
		@Nullable String email, List<String> roles, List<String> permissions, Map<String, TenantAuthorization> tenants,
		List<String> authenticationMethods, boolean steppedUp) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * The principal of a validated session JWT, with the login's user details when known.
	 * @param claims the session JWT's claims
	 * @param user the user Descope returned at login, or {@code null}
	 * @return the principal
	 */
	public static DescopePrincipal of(DescopeJwtClaims claims, @Nullable DescopeUser user) {
		if (user == null) {
			return new DescopePrincipal(claims.userId(), List.of(), null, null, null, claims.roles(),
					claims.permissions(), claims.tenants(), claims.amr(), claims.steppedUp());
		}
		return new DescopePrincipal(claims.userId(),
				(user.loginIds() != null) ? List.copyOf(user.loginIds()) : List.of(), blankToNull(user.name()),
				blankToNull(user.phone()), blankToNull(user.email()), claims.roles(), claims.permissions(),
				claims.tenants(), claims.amr(), claims.steppedUp());
	}

	/**
	 * This user with the roles, permissions, tenants and methods of a newer session JWT
	 * (after a refresh), keeping the login's user details.
	 * @param claims the newer token's claims
	 * @return the updated principal
	 */
	public DescopePrincipal withClaims(DescopeJwtClaims claims) {
		return new DescopePrincipal(claims.userId(), this.loginIds, this.name, this.phone, this.email, claims.roles(),
				claims.permissions(), claims.tenants(), claims.amr(), claims.steppedUp());
	}

	@Override
	public String toString() {
		return "DescopePrincipal[userId=" + this.userId + ", roles=" + this.roles + ", permissions=" + this.permissions
				+ ", tenants=" + this.tenants.keySet() + ", authenticationMethods=" + this.authenticationMethods
				+ ", steppedUp=" + this.steppedUp + "]";
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
