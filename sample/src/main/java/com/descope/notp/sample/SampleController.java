package com.descope.notp.sample;

import java.util.Map;

import com.descope.notp.core.DescopePrincipal;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sample's endpoints: a public home page, the signed-in user, an admin-only endpoint
 * and one that needs a recent WhatsApp confirmation.
 */
@RestController
class SampleController {

	/**
	 * The home page. Its links and the sign-out form start with the context path (which,
	 * with {@code server.forward-headers-strategy=framework}, includes a proxy's
	 * {@code X-Forwarded-Prefix}), so they reach the application wherever it is deployed.
	 * @param request the request, for its context path
	 * @param csrf the token the sign-out form sends
	 * @return the page
	 */
	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home(HttpServletRequest request, CsrfToken csrf) {
		String app = HtmlUtils.htmlEscape(request.getContextPath());
		return """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1"><title>Descope nOTP sample</title>
				<link rel="icon" href="data:,"></head>
				<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
				<h1>Descope nOTP sample</h1>
				<p>This page is public. The others need a WhatsApp login.</p>
				<ul>
				  <li><a href="%1$s/login/notp">Sign in with WhatsApp</a></li>
				  <li><a href="%1$s/api/me">GET /api/me</a>: the signed-in user</li>
				  <li><a href="%1$s/api/admin">GET /api/admin</a>: admins only</li>
				  <li><a href="%1$s/api/sensitive">GET /api/sensitive</a>: needs a WhatsApp confirmation in the last 5 minutes</li>
				</ul>
				<form method="post" action="%1$s/logout"><input type="hidden" name="%2$s" value="%3$s">
				<button type="submit">Sign out</button></form>
				</body></html>
				"""
			.formatted(app, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
	}

	@GetMapping("/api/me")
	DescopePrincipal me(@AuthenticationPrincipal DescopePrincipal user) {
		return user;
	}

	/**
	 * Needs a WhatsApp confirmation within the last five minutes: sign in, or step up
	 * with {@code POST /login/notp {"method":"sign-in","loginOptions":{"stepup":true}}}.
	 * @param user the signed-in user
	 * @return a message and the user id, as JSON
	 */
	@GetMapping("/api/sensitive")
	@PreAuthorize("hasAuthority('FACTOR_WHATSAPP') and @descopeFactors.whatsAppWithin(authentication, 'PT5M')")
	Map<String, Object> sensitive(@AuthenticationPrincipal DescopePrincipal user) {
		return Map.of("message", "Recently confirmed on WhatsApp", "userId", user.userId());
	}

	@GetMapping("/api/admin")
	@PreAuthorize("hasRole('admin')")
	Map<String, Object> admin(@AuthenticationPrincipal DescopePrincipal user) {
		return Map.of("message", "Hello, admin", "userId", user.userId());
	}

}
