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

	/**
	 * OAS ResponseUser, the fields the emulator knows.
	 * @param user the user
	 * @return the JSON object
	 */
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
	 * @param now the emulator's time, which {@code cookieMaxAge} counts from
	 * @param sessionJwt the session JWT
	 * @param refreshJwt the refresh JWT
	 * @param sessionExpiry the session JWT's {@code exp} for {@code sessionExpiration},
	 * or {@code null} to leave it out
	 * @param refreshExpiry the refresh JWT's {@code exp} for the cookie fields, or
	 * {@code null} for {@code 0}
	 * @param user the user for the {@code user} field, or {@code null} to leave it out
	 * @param firstSeen the {@code firstSeen} field, or {@code null} to leave it out
	 * @return the JSON object
	 */
	static ObjectNode jwtResponse(Instant now, @Nullable String sessionJwt, @Nullable String refreshJwt,
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
		node.put("cookieMaxAge", (refreshExpiry != null) ? secondsUntil(now, refreshExpiry) : 0);
		node.put("cookieExpiration", (refreshExpiry != null) ? refreshExpiry.getEpochSecond() : 0);
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

	/**
	 * Whole seconds from {@code now} until {@code instant}, rounded up; 0 when past.
	 * @param now the emulator's time
	 * @param instant the time
	 * @return the seconds, never negative
	 */
	static long secondsUntil(Instant now, Instant instant) {
		long millis = Duration.between(now, instant).toMillis();
		return (millis <= 0) ? 0 : (millis + 999) / 1000;
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
