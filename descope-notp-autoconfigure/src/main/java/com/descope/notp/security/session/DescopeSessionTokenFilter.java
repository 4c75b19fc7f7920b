package com.descope.notp.security.session;

import java.io.IOException;
import java.time.Clock;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.RefreshResult;
import com.descope.notp.core.SessionJwtExpiry;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.security.DescopeBearerTokenResolver;
import com.descope.notp.security.SharedHttpSessions;
import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Keeps a browser's Descope session alive and honest on every request, whatever the
 * storage mode:
 * <ol>
 * <li>A request with {@code Authorization: Bearer} is left to the bearer-token filter:
 * its client manages its own tokens.</li>
 * <li>The tokens come from the {@link DescopeTokenRepository} (HTTP session or {@code DS}
 * / {@code DSR} cookies). A session JWT that is valid and not within the refresh
 * threshold of its {@code exp} authenticates the request (or confirms the authentication
 * kept in the HTTP session).</li>
 * <li>Otherwise, with {@code auto-refresh} and a refresh JWT, the session is refreshed
 * through {@link DescopeSessionManager} (one upstream call for all concurrent requests
 * with that refresh JWT) before the request reaches the application; the new tokens are
 * stored, the authentication replaced (keeping the login's user details; the factors come
 * from the tokens), and a {@link DescopeSessionTokenEvent} published. If Descope refuses
 * the refresh, the tokens and the authentication are cleared and the request goes on
 * unauthenticated; if Descope cannot answer (network, {@code 5xx}, {@code 429}), the
 * tokens are kept and the request is answered {@code 503} (or {@code 429}) with
 * {@code Retry-After}: an outage never logs anyone out. A browser navigation gets that
 * answer as the application's error page, an API call as problem+json
 * ({@link ProblemDetailsWriter}). When several instances share the HTTP session (Spring
 * Session) and Descope refuses the refresh, the session store is read again first:
 * another instance refreshing the same session at the same moment (with refresh-token
 * rotation Descope then revokes the refresh JWT this one sent) leaves the browser signed
 * in with that instance's tokens, or with its own session JWT while that is still
 * valid.</li>
 * <li>Without a refresh (or with {@code auto-refresh=false}) an expired session is
 * cleared: the request is unauthenticated, so {@code 401} or the login page.</li>
 * <li>With no stored tokens, a {@code DS} cookie set by a front end running a Descope SDK
 * ({@code sessionTokenViaCookie}) authenticates the request if it validates; one that
 * does not is ignored (the SDK refreshes its own cookies), so a stale cookie never locks
 * anyone out.</li>
 * </ol>
 */
public final class DescopeSessionTokenFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(DescopeSessionTokenFilter.class);

	private final DescopeTokenRepository tokenRepository;

	private final JwtDecoder jwtDecoder;

	private final DescopeJwtAuthenticationConverter authenticationConverter;

	private final DescopeSessionManager sessionManager;

	private final DescopeSessionSettings settings;

	private final SecurityContextRepository securityContextRepository;

	private final ApplicationEventPublisher eventPublisher;

	private String sessionCookieName = DescopeCookieSettings.DEFAULTS.sessionCookieName();

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private Clock clock = Clock.systemUTC();

	private ProblemDetailsWriter problems = new ProblemDetailsWriter(new BrowserNavigationRequestMatcher());

	/**
	 * A filter.
	 * @param tokenRepository where the tokens live
	 * @param jwtDecoder validates session JWTs
	 * @param authenticationConverter builds the authentication
	 * @param sessionManager refreshes, one call per refresh JWT at a time
	 * @param settings auto-refresh and its threshold
	 * @param securityContextRepository where a refreshed authentication is saved in the
	 * {@link DescopeTokenStorage#HTTP_SESSION} mode
	 * @param eventPublisher publishes {@link DescopeSessionTokenEvent}s
	 */
	public DescopeSessionTokenFilter(DescopeTokenRepository tokenRepository, JwtDecoder jwtDecoder,
			DescopeJwtAuthenticationConverter authenticationConverter, DescopeSessionManager sessionManager,
			DescopeSessionSettings settings, SecurityContextRepository securityContextRepository,
			ApplicationEventPublisher eventPublisher) {
		this.tokenRepository = tokenRepository;
		this.jwtDecoder = jwtDecoder;
		this.authenticationConverter = authenticationConverter;
		this.sessionManager = sessionManager;
		this.settings = settings;
		this.securityContextRepository = securityContextRepository;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * The cookie a front end's Descope SDK keeps the session JWT in.
	 * @param sessionCookieName default {@code DS}
	 */
	public void setSessionCookieName(String sessionCookieName) {
		this.sessionCookieName = sessionCookieName;
	}

	/**
	 * The strategy the context is read from and written to.
	 * @param strategy default the global one
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
		this.securityContextHolderStrategy = strategy;
	}

	/**
	 * The clock expiry is measured with.
	 * @param clock default the system UTC clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * How problems are answered: problem+json to API calls, the error page to browser
	 * navigations.
	 * @param problems default a {@link ProblemDetailsWriter} with a
	 * {@link BrowserNavigationRequestMatcher}
	 */
	public void setProblemDetailsWriter(ProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (DescopeBearerTokenResolver.isBearerRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		Authentication current = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (current != null && current.isAuthenticated() && !(current instanceof DescopeAuthenticationToken)) {
			chain.doFilter(request, response);
			return;
		}
		DescopeAuthenticationToken session = (current instanceof DescopeAuthenticationToken descope) ? descope : null;
		DescopeTokens tokens = this.tokenRepository.loadTokens(request);
		if (tokens == null) {
			if (session != null && isExpired(session.getToken())) {
				clear(request, response, session, false);
			}
			else if (session == null && !authenticateFromForeignCookie(request, response)) {
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		Jwt jwt;
		try {
			jwt = validSessionJwt(tokens, session);
		}
		catch (JwtException ex) {
			this.problems.writeWithRetryAfter(request, response, ProblemType.DESCOPE_UNAVAILABLE,
					"The session token could not be checked now; try again later", null);
			return;
		}
		boolean mayRefresh = this.settings.autoRefresh() && StringUtils.hasText(tokens.refreshJwt());
		// a token near its expiry is used as it is when it may not be refreshed
		if (jwt != null && (!needsRefresh(jwt) || (!mayRefresh && !isExpired(jwt)))) {
			if (session == null || !session.getToken().getTokenValue().equals(jwt.getTokenValue())) {
				setAuthentication(request, response,
						this.authenticationConverter.convert(jwt, session, tokens.refreshJwt()));
			}
			chain.doFilter(request, response);
			return;
		}
		if (!mayRefresh) {
			clear(request, response, session, true);
			chain.doFilter(request, response);
			return;
		}
		if (refresh(request, response, tokens, session, jwt)) {
			chain.doFilter(request, response);
		}
	}

	private @Nullable Jwt validSessionJwt(DescopeTokens tokens, @Nullable DescopeAuthenticationToken session) {
		if (tokens.sessionJwt() == null) {
			return null;
		}
		if (session != null && session.getToken().getTokenValue().equals(tokens.sessionJwt())) {
			return isExpired(session.getToken()) ? null : session.getToken();
		}
		try {
			return this.jwtDecoder.decode(tokens.sessionJwt());
		}
		catch (BadJwtException ex) {
			return null;
		}
	}

	/**
	 * Refreshes the session; answers {@code 503} itself when Descope cannot answer.
	 * @param request the current request
	 * @param response the response, written to only on {@code 503} or to save or clear
	 * tokens
	 * @param tokens the stored tokens, whose refresh JWT is sent to Descope
	 * @param session the current authentication from the stored session JWT, or
	 * {@code null} when there is none
	 * @param current the stored session JWT when it validates (near its expiry), or
	 * {@code null}
	 * @return whether the request should go on
	 */
	private boolean refresh(HttpServletRequest request, HttpServletResponse response, DescopeTokens tokens,
			@Nullable DescopeAuthenticationToken session, @Nullable Jwt current) throws IOException {
		RefreshResult result = this.sessionManager.refresh(tokens.refreshJwt(), tokens);
		if (result instanceof RefreshResult.Unavailable unavailable) {
			RefreshProblems.writeUnavailable(this.problems, request, response, unavailable);
			return false;
		}
		if (!(result instanceof RefreshResult.Refreshed refreshed)) {
			if (goOnAfterAnotherInstancesRefresh(request, response, tokens, session, current)) {
				return true;
			}
			logger.debug("Descope refused the session refresh (" + ((RefreshResult.Refused) result).errorCode()
					+ "); clearing the session");
			clear(request, response, session, true);
			return true;
		}
		this.tokenRepository.saveTokens(refreshed.tokens(), request, response);
		DescopeAuthenticationToken authentication = this.authenticationConverter.convert(refreshed.sessionJwt(),
				session, refreshed.tokens().refreshJwt());
		setAuthentication(request, response, authentication);
		this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.REFRESHED,
				authentication.getName(), refreshed.sessionJwt().getExpiresAt()));
		return true;
	}

	/**
	 * After Descope refused the stored refresh JWT of an HTTP session that several
	 * instances share (Spring Session): another instance may have refreshed the session
	 * at the same time, and with refresh-token rotation Descope revoked the refresh JWT
	 * this request read. Goes on with the tokens the session store holds now when another
	 * instance stored new ones, or with this request's own session JWT while it is still
	 * valid (the other instance's tokens are on their way to the store); in both cases
	 * nothing is cleared.
	 * @param request the current request
	 * @param response the response
	 * @param tokens the tokens this request read
	 * @param session the current authentication, or {@code null}
	 * @param current the session JWT this request read, when it validates, or
	 * {@code null}
	 * @return whether the request was authenticated so and should go on
	 */
	private boolean goOnAfterAnotherInstancesRefresh(HttpServletRequest request, HttpServletResponse response,
			DescopeTokens tokens, @Nullable DescopeAuthenticationToken session, @Nullable Jwt current) {
		if (this.tokenRepository.storage() != DescopeTokenStorage.HTTP_SESSION
				|| !SharedHttpSessions.isShared(request)) {
			return false;
		}
		DescopeTokens stored = this.tokenRepository.reloadTokens(request);
		if (stored != null && stored.sessionJwt() != null && stored.refreshJwt() != null
				&& !stored.refreshJwt().equals(tokens.refreshJwt())) {
			Jwt theirs = decodeOrNull(stored.sessionJwt());
			if (theirs != null && !isExpired(theirs)) {
				logger.debug("Another instance refreshed the session; going on with its tokens");
				this.tokenRepository.saveTokens(stored, request, response);
				setAuthentication(request, response,
						this.authenticationConverter.convert(theirs, session, stored.refreshJwt()));
				return true;
			}
		}
		if (current != null && !isExpired(current)) {
			logger.debug("Descope refused the refresh of a still valid session shared with other instances;"
					+ " going on with its session token");
			if (session == null || !session.getToken().getTokenValue().equals(current.getTokenValue())) {
				setAuthentication(request, response,
						this.authenticationConverter.convert(current, session, tokens.refreshJwt()));
			}
			return true;
		}
		return false;
	}

	private @Nullable Jwt decodeOrNull(String token) {
		try {
			return this.jwtDecoder.decode(token);
		}
		catch (JwtException ex) {
			return null;
		}
	}

	/**
	 * Authenticates from a front end's {@code DS} cookie, ignoring one that does not
	 * validate.
	 * @param request the current request, whose {@code DS} cookie is read
	 * @param response the response, written to only on {@code 503}
	 * @return whether the request should go on ({@code false} after answering {@code 503}
	 * because the token could not be checked)
	 */
	private boolean authenticateFromForeignCookie(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String token = cookie(request, this.sessionCookieName);
		if (token == null) {
			return true;
		}
		try {
			Jwt jwt = this.jwtDecoder.decode(token);
			SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
			context.setAuthentication(this.authenticationConverter.convert(jwt));
			this.securityContextHolderStrategy.setContext(context);
		}
		catch (BadJwtException ex) {
			logger.debug("Ignoring a " + this.sessionCookieName + " cookie that did not validate");
		}
		catch (JwtException ex) {
			this.problems.writeWithRetryAfter(request, response, ProblemType.DESCOPE_UNAVAILABLE,
					"The session token could not be checked now; try again later", null);
			return false;
		}
		return true;
	}

	private void setAuthentication(HttpServletRequest request, HttpServletResponse response,
			DescopeAuthenticationToken authentication) {
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(authentication);
		this.securityContextHolderStrategy.setContext(context);
		if (this.tokenRepository.storage() == DescopeTokenStorage.HTTP_SESSION) {
			this.securityContextRepository.saveContext(context, request, response);
		}
	}

	private void clear(HttpServletRequest request, HttpServletResponse response,
			@Nullable DescopeAuthenticationToken session, boolean removeTokens) {
		if (removeTokens) {
			this.tokenRepository.removeTokens(request, response);
		}
		SecurityContext empty = this.securityContextHolderStrategy.createEmptyContext();
		this.securityContextHolderStrategy.setContext(empty);
		if (session != null) {
			this.securityContextRepository.saveContext(empty, request, response);
		}
		this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.CLEARED,
				(session != null) ? session.getName() : null, null));
	}

	private boolean needsRefresh(Jwt jwt) {
		return SessionJwtExpiry.needsRefresh(jwt, this.settings.refreshThreshold(), this.clock.instant());
	}

	private boolean isExpired(Jwt jwt) {
		return SessionJwtExpiry.isExpired(jwt, this.clock.instant());
	}

	private static @Nullable String cookie(HttpServletRequest request, String name) {
		Cookie cookie = WebUtils.getCookie(request, name);
		return (cookie != null && StringUtils.hasText(cookie.getValue())) ? cookie.getValue() : null;
	}

}
