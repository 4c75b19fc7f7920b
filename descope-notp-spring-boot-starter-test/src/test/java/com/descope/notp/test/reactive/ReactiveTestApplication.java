package com.descope.notp.test.reactive;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A reactive application as a user of the starter writes one: the starter's default
 * {@code SecurityWebFilterChain} and reactive method security, and a controller secured
 * with {@code @PreAuthorize}. Its tests run it reactive
 * ({@code spring.main.web-application-type=reactive} or {@code @WebFluxTest}), as the
 * module's tests have Spring MVC on the class path too.
 */
@SpringBootApplication
public class ReactiveTestApplication {

	/**
	 * Endpoints that answer with what the starter made of the exchange.
	 */
	@RestController
	static class ReactiveAccountController {

		/**
		 * Kept in an object of its own: the controller is a method-security proxy, whose
		 * fields are not the target's.
		 */
		private final LastPrincipal last = new LastPrincipal();

		@GetMapping("/whoami")
		Mono<Map<String, Object>> whoami(@AuthenticationPrincipal DescopePrincipal principal) {
			this.last.principal = principal;
			return Mono.just(Map.of("userId", principal.userId(), "roles", principal.roles()));
		}

		@GetMapping("/admin")
		@PreAuthorize("hasRole('admin')")
		Mono<String> admin() {
			return Mono.just("admin");
		}

		@GetMapping("/transfer")
		@PreAuthorize("hasAuthority('FACTOR_WHATSAPP') and @descopeFactors.whatsAppWithin(authentication, 'PT5M')")
		Mono<String> transfer() {
			return Mono.just("transfer");
		}

		@GetMapping("/billing")
		@PreAuthorize("hasAuthority('TENANT_T1:PERMISSION_billing:write')")
		Mono<String> billing() {
			return Mono.just("billing");
		}

		@PostMapping("/notes")
		Mono<String> note() {
			return Mono.just("saved");
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
