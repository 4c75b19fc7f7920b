package com.descope.notp.security.login;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.SameOriginPaths;
import com.descope.notp.security.answers.NotpLoginAnswers;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.web.JsonResponses;
import com.descope.notp.web.LastAuthenticatedUser;
import com.descope.notp.web.LastAuthenticatedUserCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.util.Assert;

/**
 * Answers a completed nOTP login with {@code 200 {"status":"authenticated",
 * "redirectUrl": "/path", "user": {...}}}, after storing the tokens in the
 * {@link DescopeTokenRepository} and publishing a {@link DescopeSessionTokenEvent}
 * ({@code ISSUED}). In the {@link DescopeTokenStorage#NONE} mode the body also carries
 * {@code sessionJwt}, {@code refreshJwt} and {@code sessionExpiration} (epoch seconds),
 * since the server keeps nothing. {@code redirectUrl} is the page first asked for (from
 * the {@link RequestCache}) when it is a path of this application, else the default
 * target ({@code /}); it is always a same-origin relative path, so the login page can
 * follow it safely: a saved URL on another host (a forged {@code Host} header), with a
 * scheme other than {@code http}/{@code https} ({@code javascript:}), opaque
 * ({@code https:evil}), or whose path starts with {@code //} or {@code /\} (also
 * percent-encoded, such as {@code /%2F%2Fevil}) is replaced by the default target.
 * {@code redirectUrl} is the path the browser uses: a saved request already carries the
 * context path (and, behind Spring's {@code ForwardedHeaderFilter}, the
 * {@code X-Forwarded-Prefix}) in its URL, and the default target, a path of the
 * application, is answered under the request's context path, as Spring's
 * {@code DefaultRedirectStrategy} prefixes a redirect: {@code /} under {@code /app} is
 * {@code /app/}. With {@code store-last-authenticated-user}, the user's first login id
 * and name are remembered ({@link LastAuthenticatedUser}).
 */
public class NotpAuthenticationSuccessHandler implements AuthenticationSuccessHandler {

	private final DescopeTokenRepository tokenRepository;

	private RequestCache requestCache = new HttpSessionRequestCache();

	private DescopeSessionSettings sessionSettings = DescopeSessionSettings.DEFAULTS;

	private DescopeCookieSettings cookieSettings = DescopeCookieSettings.DEFAULTS;

	private ApplicationEventPublisher eventPublisher = (event) -> {
	};

	private Clock clock = Clock.systemUTC();

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
	 * The session settings ({@code store-last-authenticated-user}).
	 * @param sessionSettings default {@link DescopeSessionSettings#DEFAULTS}
	 */
	public void setSessionSettings(DescopeSessionSettings sessionSettings) {
		this.sessionSettings = sessionSettings;
	}

	/**
	 * The cookie settings the last-user cookie follows ({@code Secure}).
	 * @param cookieSettings default {@link DescopeCookieSettings#DEFAULTS}
	 */
	public void setCookieSettings(DescopeCookieSettings cookieSettings) {
		this.cookieSettings = cookieSettings;
	}

	/**
	 * Where {@link DescopeSessionTokenEvent}s go.
	 * @param eventPublisher default none
	 */
	public void setEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * The clock token lifetimes are computed with.
	 * @param clock default the system UTC clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The target when no page was asked for first (or the saved one is not a path of this
	 * application).
	 * @param defaultTargetUrl a path of the application relative to its context path,
	 * starting with a single {@code /}; default {@code /}
	 * @throws IllegalArgumentException when it is not a same-origin path
	 * ({@link SameOriginPaths})
	 */
	public void setDefaultTargetUrl(String defaultTargetUrl) {
		Assert.isTrue(SameOriginPaths.isSafe(defaultTargetUrl), "defaultTargetUrl must be a same-origin path");
		this.defaultTargetUrl = defaultTargetUrl;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		String redirectUrl = targetUrl(request, response);
		DescopeTokens inBody = null;
		if (authentication instanceof DescopeAuthenticationToken descope) {
			DescopePrincipal user = descope.getPrincipal();
			Instant expiresAt = descope.getToken().getExpiresAt();
			DescopeTokens tokens = NotpLoginAnswers.tokens(descope, this.clock.instant());
			if (tokens != null) {
				this.tokenRepository.saveTokens(tokens, request, response);
				if (this.tokenRepository.storage() == DescopeTokenStorage.NONE) {
					inBody = tokens;
				}
			}
			if (this.sessionSettings.storeLastAuthenticatedUser() && !user.loginIds().isEmpty()) {
				LastAuthenticatedUserCookies.save(new LastAuthenticatedUser(user.loginIds().get(0), user.name()),
						request, response, this.cookieSettings.secure());
			}
			this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.ISSUED,
					user.userId(), expiresAt));
		}
		Map<String, Object> body = NotpLoginAnswers.authenticated(redirectUrl, authentication, inBody);
		JsonResponses.write(response, HttpServletResponse.SC_OK, body);
	}

	private String targetUrl(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = this.requestCache.getRequest(request, response);
		if (saved == null) {
			return defaultTargetUrl(request);
		}
		this.requestCache.removeRequest(request, response);
		String path = SameOriginPaths.localPath(saved.getRedirectUrl(), request.getServerName());
		return (path != null) ? path : defaultTargetUrl(request);
	}

	/**
	 * The default target under the request's context path, which the browser needs in the
	 * URL; the bare default target if a context path would make it unsafe (a forged
	 * {@code X-Forwarded-Prefix} such as {@code //evil}).
	 * @param request the current request, for its context path
	 * @return the path to send the browser to
	 */
	private String defaultTargetUrl(HttpServletRequest request) {
		String target = request.getContextPath() + this.defaultTargetUrl;
		return SameOriginPaths.isSafe(target) ? target : this.defaultTargetUrl;
	}

}
