package com.descope.notp.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from the session JWT in the {@code DS} cookie, as front ends using the
 * Descope SDKs' {@code sessionTokenViaCookie} send it. Unlike an {@code Authorization} header,
 * which a client sends on purpose, a cookie is ambient: a stale or foreign one must neither lock a
 * signed-in user out nor replace them. So the cookie is read only when the request is not already
 * authenticated (by the HTTP session or a bearer header), and a cookie that does not validate
 * leaves the request unauthenticated: browsers then go to the login page, API calls get the usual
 * {@code 401}. When the token cannot be checked because Descope's keys cannot be fetched, the entry
 * point answers ({@code 503}). The authentication lasts for this request only.
 */
public final class DescopeSessionCookieAuthenticationFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(DescopeSessionCookieAuthenticationFilter.class);

	private final AuthenticationManager authenticationManager;

	private final AuthenticationEntryPoint entryPoint;

	private final String cookieName;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * A filter.
	 * @param authenticationManager validates the token (a {@code BearerTokenAuthenticationToken})
	 * @param entryPoint answers when the token cannot be checked now
	 * @param cookieName the session cookie, usually {@code DS}
	 */
	public DescopeSessionCookieAuthenticationFilter(AuthenticationManager authenticationManager,
			AuthenticationEntryPoint entryPoint, String cookieName) {
		this.authenticationManager = authenticationManager;
		this.entryPoint = entryPoint;
		this.cookieName = cookieName;
	}

	/**
	 * The strategy the context is read from and written to.
	 * @param strategy default the global one
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
		this.securityContextHolderStrategy = strategy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = cookieToken(request);
		Authentication current = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (token == null || (current != null && current.isAuthenticated())) {
			chain.doFilter(request, response);
			return;
		}
		try {
			Authentication result = this.authenticationManager.authenticate(new BearerTokenAuthenticationToken(token));
			SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
			context.setAuthentication(result);
			this.securityContextHolderStrategy.setContext(context);
		}
		catch (AuthenticationServiceException ex) {
			this.entryPoint.commence(request, response, ex);
			return;
		}
		catch (AuthenticationException ex) {
			logger.debug("Ignoring a " + this.cookieName + " cookie that did not validate");
		}
		chain.doFilter(request, response);
	}

	private @Nullable String cookieToken(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (this.cookieName.equals(cookie.getName()) && StringUtils.hasText(cookie.getValue())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

}
