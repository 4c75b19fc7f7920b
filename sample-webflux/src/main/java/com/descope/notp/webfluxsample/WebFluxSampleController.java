package com.descope.notp.webfluxsample;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import reactor.core.publisher.Mono;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reactive sample's endpoints, the servlet sample's API: the signed-in user and an
 * admin-only endpoint, whose {@code @PreAuthorize} the starter's reactive method security
 * enforces.
 */
@RestController
class WebFluxSampleController {

	@GetMapping("/api/me")
	Mono<DescopePrincipal> me(@AuthenticationPrincipal DescopePrincipal user) {
		return Mono.just(user);
	}

	@GetMapping("/api/admin")
	@PreAuthorize("hasRole('admin')")
	Mono<Map<String, Object>> admin(@AuthenticationPrincipal DescopePrincipal user) {
		return Mono.just(Map.of("message", "Hello, admin", "userId", user.userId()));
	}

}
