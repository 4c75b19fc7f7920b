package com.descope.notp.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopePrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only: the request's {@code Authentication} as JSON (its type, authorities, factors
 * with their time, and principal), so tests can compare the one built at login with the
 * ones rebuilt on later requests in every storage mode. Found by the sample's component
 * scan in every test application; never shows a token.
 */
@RestController
class AuthenticationEchoController {

	@GetMapping("/test/authentication")
	Map<String, Object> authentication(Authentication authentication) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", authentication.getClass().getSimpleName());
		body.put("name", authentication.getName());
		body.put("authorities",
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
		Map<String, Long> factors = new TreeMap<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor) {
				factors.put(factor.getAuthority(), factor.getIssuedAt().getEpochSecond());
			}
		}
		body.put("factors", factors);
		if (authentication instanceof DescopeAuthenticationToken descope) {
			DescopePrincipal user = descope.getPrincipal();
			Map<String, Object> principal = new LinkedHashMap<>();
			principal.put("userId", user.userId());
			principal.put("roles", user.roles());
			principal.put("permissions", user.permissions());
			principal.put("tenants", user.tenants().keySet().stream().sorted().toList());
			principal.put("authenticationMethods", List.copyOf(user.authenticationMethods()));
			principal.put("steppedUp", user.steppedUp());
			body.put("principal", principal);
		}
		return body;
	}

}
