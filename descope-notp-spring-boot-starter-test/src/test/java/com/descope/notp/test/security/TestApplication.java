package com.descope.notp.test.security;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a user of the starter writes one: the starter's default chain and
 * method security, and a controller secured with {@code @PreAuthorize}.
 */
@SpringBootApplication
public class TestApplication {

	/**
	 * Endpoints that answer with what the starter made of the request.
	 */
	@RestController
	static class AccountController {

		/**
		 * Kept in an object of its own: the controller is a method-security proxy, whose
		 * fields are not the target's.
		 */
		private final LastPrincipal last = new LastPrincipal();

		@GetMapping("/whoami")
		Map<String, Object> whoami(@AuthenticationPrincipal DescopePrincipal principal) {
			this.last.principal = principal;
			return Map.of("userId", principal.userId(), "roles", principal.roles());
		}

		@GetMapping("/admin")
		@PreAuthorize("hasRole('admin')")
		String admin() {
			return "admin";
		}

		@GetMapping("/transfer")
		@PreAuthorize("hasAuthority('FACTOR_WHATSAPP') and @descopeFactors.whatsAppWithin(authentication, 'PT5M')")
		String transfer() {
			return "transfer";
		}

		@GetMapping("/billing")
		@PreAuthorize("hasAuthority('TENANT_T1:PERMISSION_billing:write')")
		String billing() {
			return "billing";
		}

		DescopePrincipal lastPrincipal() {
			return this.last.principal;
		}

		void forgetLastPrincipal() {
			this.last.principal = null;
		}

	}

	static final class LastPrincipal {

		volatile DescopePrincipal principal;

	}

}
