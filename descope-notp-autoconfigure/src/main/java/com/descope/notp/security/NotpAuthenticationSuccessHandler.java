package com.descope.notp.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import com.descope.notp.client.JwtResponse;
import com.descope.notp.web.JsonResponses;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Answers a completed nOTP login with
 * {@code 200 {"status":"authenticated", "redirectUrl": "/path", "user": {...}}}, after storing the
 * tokens in the {@link DescopeTokenRepository}. {@code redirectUrl} is the page first asked for
 * (from the {@link RequestCache}) when it is a path of this application, else the default target
 * ({@code /}); it is always a same-origin relative path, so the login page can follow it safely.
 */
public class NotpAuthenticationSuccessHandler implements AuthenticationSuccessHandler {

	private final DescopeTokenRepository tokenRepository;

	private RequestCache requestCache = new HttpSessionRequestCache();

	private String defaultTargetUrl = "/";

	/**
	 * A success handler.
	 * @param tokenRepository stores the tokens of the login
	 */
	public NotpAuthenticationSuccessHandler(DescopeTokenRepository tokenRepository) {
		this.tokenRepository = tokenRepository;
	}

	/**
	 * Where the saved request comes from.
	 * @param requestCache default an {@link HttpSessionRequestCache}
	 */
	public void setRequestCache(RequestCache requestCache) {
		this.requestCache = requestCache;
	}

	/**
	 * The target when no page was asked for first.
	 * @param defaultTargetUrl a path starting with a single {@code /}; default {@code /}
	 */
	public void setDefaultTargetUrl(String defaultTargetUrl) {
		Assert.isTrue(SameOriginPaths.isSafe(defaultTargetUrl), "defaultTargetUrl must be a same-origin path");
		this.defaultTargetUrl = defaultTargetUrl;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "authenticated");
		body.put("redirectUrl", targetUrl(request, response));
		if (authentication instanceof DescopeAuthenticationToken descope) {
			descope.getLoginResponse().ifPresent((login) -> storeTokens(login, request, response));
			DescopePrincipal user = descope.getPrincipal();
			Map<String, Object> userBody = new LinkedHashMap<>();
			userBody.put("userId", user.userId());
			userBody.put("name", user.name());
			userBody.put("loginIds", user.loginIds());
			userBody.put("roles", user.roles());
			body.put("user", userBody);
		}
		JsonResponses.write(response, HttpServletResponse.SC_OK, body);
	}

	private void storeTokens(JwtResponse login, HttpServletRequest request, HttpServletResponse response) {
		if (login.hasSessionJwt()) {
			this.tokenRepository.saveTokens(new DescopeTokens(login.sessionJwt(), login.refreshJwt()), request,
					response);
		}
	}

	private String targetUrl(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = this.requestCache.getRequest(request, response);
		if (saved == null) {
			return this.defaultTargetUrl;
		}
		this.requestCache.removeRequest(request, response);
		String path = localPath(saved.getRedirectUrl(), request);
		return (path != null) ? path : this.defaultTargetUrl;
	}

	/**
	 * Drops the {@code continue} parameter Spring's request cache adds to mark a saved request.
	 */
	private static @Nullable String withoutContinueMarker(@Nullable String query) {
		if (query == null) {
			return null;
		}
		String kept = java.util.Arrays.stream(query.split("&"))
			.filter((part) -> !part.equals("continue") && !part.startsWith("continue="))
			.collect(java.util.stream.Collectors.joining("&"));
		return kept.isEmpty() ? null : kept;
	}

	private static @Nullable String localPath(String url, HttpServletRequest request) {
		try {
			URI uri = new URI(url);
			if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) {
				return null;
			}
			String path = uri.getRawPath();
			if (!StringUtils.hasText(path)) {
				return null;
			}
			String query = withoutContinueMarker(uri.getRawQuery());
			String local = (query == null) ? path : path + "?" + query;
			return SameOriginPaths.isSafe(local) ? local : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
