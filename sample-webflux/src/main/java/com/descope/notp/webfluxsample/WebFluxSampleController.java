package com.descope.notp.webfluxsample;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;

/**
 * The reactive sample's endpoints, the servlet sample's: a public home page, the
 * signed-in user, an admin-only endpoint and one that needs a recent WhatsApp
 * confirmation, whose {@code @PreAuthorize} the starter's reactive method security
 * enforces.
 */
@RestController
class WebFluxSampleController {

	/**
	 * The home page. Its links and the sign-out form start with the base path
	 * ({@code spring.webflux.base-path}, or a proxy's {@code X-Forwarded-Prefix}), so
	 * they reach the application wherever it is deployed.
	 * @param exchange the exchange, for its context path and CSRF token
	 * @return the page
	 */
	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> home(ServerWebExchange exchange) {
		String app = HtmlUtils.htmlEscape(exchange.getRequest().getPath().contextPath().value());
		Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
		return ((csrf != null) ? csrf : Mono.<CsrfToken>empty()).map((token) -> signOutForm(app, token))
			.defaultIfEmpty("")
			.map((signOut) -> """
					<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
					<meta name="viewport" content="width=device-width, initial-scale=1"><title>Descope nOTP reactive sample</title>
					<link rel="icon" href="data:,"></head>
					<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
					<h1>Descope nOTP reactive sample</h1>
					<p>This page is public. The others need a WhatsApp login.</p>
					<ul>
					  <li><a href="%1$s/login/notp">Sign in with WhatsApp</a></li>
					  <li><a href="%1$s/api/me">GET /api/me</a>: the signed-in user</li>
					  <li><a href="%1$s/api/admin">GET /api/admin</a>: admins only</li>
					  <li><a href="%1$s/api/sensitive">GET /api/sensitive</a>: needs a WhatsApp confirmation in the last 5 minutes</li>
					</ul>
					%2$s
					</body></html>
					"""
				.formatted(app, signOut));
	}

	private static String signOutForm(String app, CsrfToken token) {
		return """
				<form method="post" action="%1$s/logout"><input type="hidden" name="%2$s" value="%3$s">
				<button type="submit">Sign out</button></form>""".formatted(app,
				HtmlUtils.htmlEscape(token.getParameterName()), HtmlUtils.htmlEscape(token.getToken()));
	}

	@GetMapping("/api/me")
	Mono<DescopePrincipal> me(@AuthenticationPrincipal DescopePrincipal user) {
		return Mono.just(user);
	}

	/**
	 * Needs a WhatsApp confirmation within the last five minutes: sign in, or step up
	 * with {@code POST /login/notp {"method":"sign-in","loginOptions":{"stepup":true}}}.
	 * @param user the signed-in user
	 * @return a message and the user id, as JSON
	 */
	@GetMapping("/api/sensitive")
	@PreAuthorize("hasAuthority('FACTOR_WHATSAPP') and @descopeFactors.whatsAppWithin(authentication, 'PT5M')")
	Mono<Map<String, Object>> sensitive(@AuthenticationPrincipal DescopePrincipal user) {
		return Mono.just(Map.of("message", "Recently confirmed on WhatsApp", "userId", user.userId()));
	}

	@GetMapping("/api/admin")
	@PreAuthorize("hasRole('admin')")
	Mono<Map<String, Object>> admin(@AuthenticationPrincipal DescopePrincipal user) {
		return Mono.just(Map.of("message", "Hello, admin", "userId", user.userId()));
	}

}
