package com.descope.notp.test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A user known to the {@link DescopeEmulator}, as Descope's user store would hold it.
 *
 * <p>
 * Immutable. {@code null} lists and maps become empty; every list and map is copied. The
 * {@code tenants} map keeps the given iteration order.
 *
 * @param userId Descope user id, e.g. {@code "U2aAc4T2V93bddihGEx2Ryhc8e5Z"}; must not be
 * blank
 * @param loginIds login ids (for nOTP users the E.164 phone number), first one is the
 * primary
 * @param name display name, or {@code null} (sent as {@code ""} on the wire)
 * @param email email address, or {@code null} (sent as {@code ""} on the wire)
 * @param phone E.164 phone number, or {@code null}; the emulator keys its user store by
 * this phone (or by the first login id when there is no phone)
 * @param roles project-level role names (JWT claim {@code roles}, ResponseUser
 * {@code roleNames})
 * @param permissions project-level permissions (JWT claim {@code permissions})
 * @param tenants tenant id → roles and permissions in that tenant (JWT claim
 * {@code tenants})
 */
public record EmulatedUser(String userId, List<String> loginIds, @Nullable String name, @Nullable String email,
		@Nullable String phone, List<String> roles, List<String> permissions, Map<String, TenantAccess> tenants) {

	/**
	 * Validates and copies the components.
	 * @param userId Descope user id; must not be blank
	 * @param loginIds login ids, the first one the primary
	 * @param name display name, or {@code null}
	 * @param email email address, or {@code null}
	 * @param phone E.164 phone number, or {@code null}
	 * @param roles project-level role names
	 * @param permissions project-level permissions
	 * @param tenants tenant id → roles and permissions in that tenant
	 * @throws IllegalArgumentException if {@code userId} is blank
	 * @throws NullPointerException if {@code userId} is {@code null} or a list holds
	 * {@code null}
	 */
	public EmulatedUser {
		Objects.requireNonNull(userId, "userId");
		if (userId.isBlank()) {
			throw new IllegalArgumentException("userId must not be blank");
		}
		loginIds = (loginIds != null) ? List.copyOf(loginIds) : List.of();
		roles = (roles != null) ? List.copyOf(roles) : List.of();
		permissions = (permissions != null) ? List.copyOf(permissions) : List.of();
		tenants = (tenants != null) ? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tenants)) : Map.of();
	}

	/**
	 * A user who signs in with a phone number: a new random user id ({@code "U"} + 27
	 * alphanumerics), login ids {@code [phone]}, no email, no permissions, no tenants.
	 * @param phone the E.164 phone number, e.g. {@code "+15555550100"}; must not be blank
	 * @param name display name, or {@code null}
	 * @param roles project-level role names (may be none)
	 * @return the new user (not yet registered: pass it to
	 * {@link DescopeEmulator#addUser(EmulatedUser)})
	 * @throws IllegalArgumentException if {@code phone} is blank
	 */
	public static EmulatedUser withPhone(String phone, @Nullable String name, String... roles) {
		Objects.requireNonNull(phone, "phone");
		if (phone.isBlank()) {
			throw new IllegalArgumentException("phone must not be blank");
		}
		return new EmulatedUser(RandomIds.userId(), List.of(phone), name, null, phone, Arrays.asList(roles), List.of(),
				Map.of());
	}

	/**
	 * A copy of this user with these project-level permissions (replacing the current
	 * ones).
	 * @param newPermissions permission names
	 * @return the copy
	 */
	public EmulatedUser withPermissions(String... newPermissions) {
		return new EmulatedUser(this.userId, this.loginIds, this.name, this.email, this.phone, this.roles,
				Arrays.asList(newPermissions), this.tenants);
	}

	/**
	 * A copy of this user with this email address.
	 * @param newEmail the email address, or {@code null}
	 * @return the copy
	 */
	public EmulatedUser withEmail(@Nullable String newEmail) {
		return new EmulatedUser(this.userId, this.loginIds, this.name, newEmail, this.phone, this.roles,
				this.permissions, this.tenants);
	}

	/**
	 * A copy of this user that also belongs to a tenant (replacing an earlier entry for
	 * the same tenant).
	 * @param tenantId tenant id, e.g. {@code "T1tenant"}
	 * @param access roles and permissions in that tenant
	 * @return the copy
	 */
	public EmulatedUser withTenant(String tenantId, TenantAccess access) {
		Map<String, TenantAccess> copy = new LinkedHashMap<>(this.tenants);
		copy.put(Objects.requireNonNull(tenantId, "tenantId"), Objects.requireNonNull(access, "access"));
		return new EmulatedUser(this.userId, this.loginIds, this.name, this.email, this.phone, this.roles,
				this.permissions, copy);
	}

	/**
	 * The key of this user in the emulator's store: the phone, else the first login id,
	 * else the user id.
	 */
	String storeKey() {
		if (this.phone != null && !this.phone.isBlank()) {
			return this.phone;
		}
		return this.loginIds.isEmpty() ? this.userId : this.loginIds.get(0);
	}

	/**
	 * A user's roles and permissions inside one tenant. Immutable; {@code null} lists
	 * become empty.
	 *
	 * @param roles role names in the tenant
	 * @param permissions permissions in the tenant
	 */
	public record TenantAccess(List<String> roles, List<String> permissions) {

		/**
		 * Copies the lists ({@code null} → empty).
		 * @param roles role names in the tenant
		 * @param permissions permissions in the tenant
		 */
		public TenantAccess {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
			permissions = (permissions != null) ? List.copyOf(permissions) : List.of();
		}
	}
}
