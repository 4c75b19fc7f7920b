package com.descope.notp.security.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.RefreshResult;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.JsonResponses;
import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import com.descope.notp.web.RefreshJwtReader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refreshes a session on request at {@code POST /login/notp/refresh}, for clients that
 * hold the refresh JWT themselves. The refresh JWT comes from
 * {@code Authorization: Bearer <refreshJwt>} (no CSRF token needed, as for any bearer
 * request), or a {@code refreshJwt} member of a JSON or form body, or else the
 * {@link DescopeTokenRepository} (the {@code DSR} cookie or the HTTP session). Answers
 * {@code 200 {"sessionJwt", "refreshJwt" (only when Descope rotated it),
 * "sessionExpiration"}} for a refresh JWT the client sent, or {@code 200
 * {"status":"refreshed", "sessionExpiration"}} after storing the new tokens for a stored
 * one; {@code 401} when Descope refuses the refresh JWT (a stored session is then signed
 * out: its tokens are removed and its authentication cleared from the
 * {@link SecurityContextRepository}, as when an automatic refresh is refused);
 * {@code 503} / {@code 429} with {@code Retry-After} when Descope cannot answer.
 */
public final class NotpRefreshFilter extends OncePerRequestFilter {

	private final DescopeSessionManager sessionManager;

	private final DescopeTokenRepository tokenRepository;

	private final ApplicationEventPublisher eventPublisher;

	private final RefreshJwtReader refreshJwtReader = new RefreshJwtReader();

	private RequestMatcher requestMatcher = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login/notp/refresh");

	private ProblemDetailsWriter problems = new ProblemDetailsWriter(new BrowserNavigationRequestMatcher());

	// Spring Security's own sign-out of the SecurityContext; the HTTP session stays, as
	// it
	// may hold pending logins
	private final SecurityContextLogoutHandler signOut = new SecurityContextLogoutHandler();

	/**
	 * A refresh filter.
	 * @param sessionManager refreshes through Descope and validates the new session JWT
	 * @param tokenRepository the stored tokens
	 * @param eventPublisher publishes {@link DescopeSessionTokenEvent}s
	 */
	public NotpRefreshFilter(DescopeSessionManager sessionManager, DescopeTokenRepository tokenRepository,
			ApplicationEventPublisher eventPublisher) {
		this.sessionManager = sessionManager;
		this.tokenRepository = tokenRepository;
		this.eventPublisher = eventPublisher;
		this.signOut.setInvalidateHttpSession(false);
	}

	/**
	 * Which requests refresh.
	 * @param requestMatcher default {@code POST /login/notp/refresh}
	 */
	public void setRequestMatcher(RequestMatcher requestMatcher) {
		this.requestMatcher = requestMatcher;
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

	/**
	 * Where the authentication of a session whose stored refresh JWT Descope refused is
	 * cleared: the chain's repository, so that the HTTP-session mode's saved
	 * {@code SecurityContext} does not outlive its tokens.
	 * @param securityContextRepository default an
	 * {@link org.springframework.security.web.context.HttpSessionSecurityContextRepository}
	 */
	public void setSecurityContextRepository(SecurityContextRepository securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.signOut.setSecurityContextRepository(securityContextRepository);
	}

	/**
	 * The holder strategy whose context is cleared with a refused stored session.
	 * @param strategy default the {@link SecurityContextHolder}'s strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
		Assert.notNull(strategy, "strategy must not be null");
		this.signOut.setSecurityContextHolderStrategy(strategy);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		String sent;
		try {
			sent = this.refreshJwtReader.read(request);
		}
		catch (InvalidRequestException ex) {
			this.problems.write(request, response, ProblemType.INVALID_REQUEST, ex.getMessage(),
					Map.of("field", ex.getField()));
			return;
		}
		DescopeTokens stored = (sent != null) ? null : this.tokenRepository.loadTokens(request);
		String refreshJwt = (sent != null) ? sent : (stored != null) ? stored.refreshJwt() : null;
		if (refreshJwt == null) {
			this.problems.write(request, response, ProblemType.UNAUTHENTICATED,
					"Send the refresh token as a bearer token, or sign in first", Map.of());
			return;
		}
		RefreshResult result = this.sessionManager.refresh(refreshJwt, stored);
		if (result instanceof RefreshResult.Unavailable unavailable) {
			RefreshProblems.writeUnavailable(this.problems, request, response, unavailable);
			return;
		}
		if (!(result instanceof RefreshResult.Refreshed refreshed)) {
			if (stored != null) {
				this.tokenRepository.removeTokens(request, response);
				this.signOut.logout(request, response, null);
				this.eventPublisher.publishEvent(
						new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.CLEARED, null, null));
			}
			this.problems.write(request, response, ProblemType.INVALID_TOKEN, "The refresh token was refused",
					Map.of());
			return;
		}
		Jwt jwt = refreshed.sessionJwt();
		DescopeTokens tokens = refreshed.tokens();
		this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.REFRESHED,
				jwt.getSubject(), jwt.getExpiresAt()));
		Map<String, Object> body = new LinkedHashMap<>();
		if (sent == null) {
			this.tokenRepository.saveTokens(tokens, request, response);
			body.put("status", "refreshed");
		}
		else {
			body.put("sessionJwt", tokens.sessionJwt());
			if (refreshed.rotated()) {
				body.put("refreshJwt", tokens.refreshJwt());
			}
		}
		body.put("sessionExpiration", (jwt.getExpiresAt() != null) ? jwt.getExpiresAt().getEpochSecond() : null);
		JsonResponses.write(response, HttpServletResponse.SC_OK, body);
	}

}
