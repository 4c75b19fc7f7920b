package com.descope.notp.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes requests that carry a well-formed {@code Authorization: Bearer <token>} out of CSRF handling altogether
 * ({@link CsrfFilter#skipRequest(HttpServletRequest)}), placed before the {@link CsrfFilter}.
 * <p>
 * Such a request is authenticated by its header, which a cross-site page cannot make a browser
 * send, so it needs no CSRF token (the configurer already exempts it from CSRF protection); without
 * this filter the CSRF filter would still load, and for a client without the CSRF cookie create
 * and set, a token on every API call it never uses.
 */
final class BearerRequestCsrfSkippingFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (DescopeBearerTokenResolver.hasBearerToken(request)) {
			CsrfFilter.skipRequest(request);
		}
		chain.doFilter(request, response);
	}

}
