package com.descope.notp.defaultsetup;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user, and an endpoint for admins only that relies on
 * {@code @PreAuthorize} alone.
 */
@RestController
class DefaultSetupController {

	@GetMapping("/api/me")
	DescopePrincipal me(@AuthenticationPrincipal DescopePrincipal user) {
		return user;
	}

	@GetMapping("/api/admin")
	@PreAuthorize("hasRole('admin')")
	Map<String, Object> admin(@AuthenticationPrincipal DescopePrincipal user) {
		return Map.of("message", "Hello, admin", "userId", user.userId());
	}

}
