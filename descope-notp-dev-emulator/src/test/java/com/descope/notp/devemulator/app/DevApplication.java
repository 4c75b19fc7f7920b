package com.descope.notp.devemulator.app;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a user writes one: Spring MVC, the starter with its default filter
 * chain (every request but {@code /error} needs a session), one protected endpoint, and
 * no {@code descope.project-id}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class DevApplication {

	@RestController
	static class MeController {

		@GetMapping("/api/me")
		Map<String, Object> me(@AuthenticationPrincipal DescopePrincipal user) {
			return Map.of("userId", user.userId());
		}

	}

}
