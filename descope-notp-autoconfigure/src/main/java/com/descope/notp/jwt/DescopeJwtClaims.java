package com.descope.notp.jwt;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A typed view of the Descope claims of a validated session JWT. Claims that are absent
 * (a user with no roles, no tenants) read as empty, never as an error.
 *
 * @param userId {@code dsub} when present, else {@code sub}
 * @param roles the project-level roles
 * @param permissions the project-level permissions
 * @param tenants tenant id to the roles and permissions there
 * @param amr the authentication methods, for example {@code ["whatsapp"]}
 * @param currentTenant the {@code dct} claim, or {@code null}
 * @param steppedUp whether the {@code su} claim is {@code true}
 */
public record DescopeJwtClaims(String userId, List<String> roles, List<String> permissions,
		Map<String, TenantAuthorization> tenants, List<String> amr, @Nullable String currentTenant,
		boolean steppedUp) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Reads the claims of a JWT.
	 * @param jwt a validated Descope session JWT
	 * @return the typed claims
	 */
	public static DescopeJwtClaims from(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		String dsub = stringValue(claims.get(DescopeClaimNames.DSUB));
		String userId = (dsub != null) ? dsub : (jwt.getSubject() != null) ? jwt.getSubject() : "";
		return new DescopeJwtClaims(userId, strings(claims.get(DescopeClaimNames.ROLES)),
				strings(claims.get(DescopeClaimNames.PERMISSIONS)), tenants(claims.get(DescopeClaimNames.TENANTS)),
				strings(claims.get(DescopeClaimNames.AMR)), stringValue(claims.get(DescopeClaimNames.CURRENT_TENANT)),
				Boolean.TRUE.equals(claims.get(DescopeClaimNames.STEP_UP)));
	}

	private static Map<String, TenantAuthorization> tenants(@Nullable Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			return Map.of();
		}
		Map<String, TenantAuthorization> tenants = new LinkedHashMap<>();
		map.forEach((tenantId, access) -> {
			if (tenantId instanceof String id && access instanceof Map<?, ?> accessMap) {
				tenants.put(id, new TenantAuthorization(strings(accessMap.get(DescopeClaimNames.ROLES)),
						strings(accessMap.get(DescopeClaimNames.PERMISSIONS))));
			}
			else if (tenantId instanceof String id) {
				tenants.put(id, new TenantAuthorization(List.of(), List.of()));
			}
		});
		return Map.copyOf(tenants);
	}

	private static List<String> strings(@Nullable Object value) {
		if (value instanceof Collection<?> collection) {
			return collection.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		if (value instanceof String single && !single.isBlank()) {
			return List.of(single);
		}
		return List.of();
	}

	private static @Nullable String stringValue(@Nullable Object value) {
		return (value instanceof String string && !string.isBlank()) ? string : null;
	}

	/**
	 * A user's roles and permissions in one tenant.
	 *
	 * @param roles the roles in the tenant
	 * @param permissions the permissions in the tenant
	 */
	public record TenantAuthorization(List<String> roles, List<String> permissions) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

	}

}
