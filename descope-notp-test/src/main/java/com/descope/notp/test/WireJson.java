package com.descope.notp.test;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Descope's response bodies: ResponseUser and JWTResponse
 * ({@code docs/descope-protocol.md}, "JWTResponse").
 */
final class WireJson {

	private WireJson() {
	}

	/** OAS ResponseUser, the fields the emulator knows. */
	static ObjectNode responseUser(EmulatedUser user) {
		ObjectNode node = Answers.JSON.createObjectNode();
		node.put("userId", user.userId());
		ArrayNode loginIds = node.putArray("loginIds");
		user.loginIds().forEach(loginIds::add);
		node.put("name", orEmpty(user.name()));
		node.put("email", orEmpty(user.email()));
		node.put("verifiedEmail", user.email() != null && !user.email().isBlank());
		node.put("phone", orEmpty(user.phone()));
		node.put("verifiedPhone", true);
		ArrayNode roles = node.putArray("roleNames");
		user.roles().forEach(roles::add);
		ArrayNode permissions = node.putArray("permissions");
		user.permissions().forEach(permissions::add);
		ArrayNode tenants = node.putArray("userTenants");
		user.tenants().forEach((tenantId, access) -> {
			ObjectNode tenant = tenants.addObject();
			tenant.put("tenantId", tenantId);
			tenant.put("tenantName", tenantId);
			ArrayNode tenantRoles = tenant.putArray("roleNames");
			access.roles().forEach(tenantRoles::add);
			ArrayNode tenantPermissions = tenant.putArray("permissions");
			access.permissions().forEach(tenantPermissions::add);
		});
		node.put("status", "enabled");
		return node;
	}

	/**
	 * OAS JWTResponse. {@code sessionJwt}/{@code refreshJwt}: the value, {@code ""}
	 * (cookie mode, logout) or {@code null} (field omitted).
	 */
	static ObjectNode jwtResponse(@Nullable String sessionJwt, @Nullable String refreshJwt,
			@Nullable Instant sessionExpiry, @Nullable Instant refreshExpiry, @Nullable EmulatedUser user,
			@Nullable Boolean firstSeen) {
		ObjectNode node = Answers.JSON.createObjectNode();
		if (sessionJwt != null) {
			node.put("sessionJwt", sessionJwt);
		}
		if (refreshJwt != null) {
			node.put("refreshJwt", refreshJwt);
		}
		node.put("cookieDomain", "");
		node.put("cookiePath", "/");
		node.put("cookieMaxAge", refreshExpiry == null ? 0 : secondsUntil(refreshExpiry));
		node.put("cookieExpiration", refreshExpiry == null ? 0 : refreshExpiry.getEpochSecond());
		if (sessionExpiry != null) {
			node.put("sessionExpiration", sessionExpiry.getEpochSecond());
		}
		if (user != null) {
			node.set("user", responseUser(user));
		}
		if (firstSeen != null) {
			node.put("firstSeen", firstSeen.booleanValue());
		}
		return node;
	}

	/** Whole seconds from now until {@code instant}, rounded up; 0 when past. */
	static long secondsUntil(Instant instant) {
		long millis = Duration.between(Instant.now(), instant).toMillis();
		return millis <= 0 ? 0 : (millis + 999) / 1000;
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

}
