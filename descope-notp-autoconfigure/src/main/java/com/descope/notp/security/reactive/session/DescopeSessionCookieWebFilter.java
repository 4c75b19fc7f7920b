package com.descope.notp.security.reactive.session;

import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.security.BearerHeader;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Authenticates a request from the {@code DS} cookie that a front end running a Descope
 * SDK keeps the session JWT in, as the servlet side's {@code DescopeSessionTokenFilter}
 * does for such a cookie: validated by the same decoder as bearer tokens and turned into
 * the same {@code Authentication} by {@link DescopeJwtAuthenticationConverter}, for this
 * request only (nothing is saved).
 * <ul>
 * <li>A request with {@code Authorization: Bearer} is left to the bearer-token filter;
 * one already authenticated (a login kept in the {@code WebSession}) is left as it
 * is.</li>
 * <li>A cookie that does not validate is ignored (the SDK refreshes its own cookies), so
 * a stale cookie never locks anyone out: the request goes on unauthenticated.</li>
 * <li>A cookie that could not be checked because Descope's keys could not be fetched is
 * answered {@code 503} with {@code Retry-After}: it may well be valid.</li>
 * </ul>
 * CSRF protection still applies to these requests: a cookie travels with every request
 * the browser makes, unlike a bearer header.
 */
public final class DescopeSessionCookieWebFilter implements WebFilter {

	private static final Log logger = LogFactory.getLog(DescopeSessionCookieWebFilter.class);

	private final ReactiveJwtDecoder jwtDecoder;

	private final DescopeJwtAuthenticationConverter authenticationConverter;

	private final ServerProblemDetailsWriter problems;

	private final String sessionCookieName;

	/**
	 * A filter.
	 * @param jwtDecoder validates session JWTs
	 * @param authenticationConverter builds the authentication
	 * @param problems answers the {@code 503}
	 * @param sessionCookieName the cookie's name, default {@code DS}
	 */
	public DescopeSessionCookieWebFilter(ReactiveJwtDecoder jwtDecoder,
			DescopeJwtAuthenticationConverter authenticationConverter, ServerProblemDetailsWriter problems,
			String sessionCookieName) {
		Assert.notNull(jwtDecoder, "jwtDecoder must not be null");
		Assert.notNull(authenticationConverter, "authenticationConverter must not be null");
		Assert.notNull(problems, "problems must not be null");
		Assert.hasText(sessionCookieName, "sessionCookieName must not be empty");
		this.jwtDecoder = jwtDecoder;
		this.authenticationConverter = authenticationConverter;
		this.problems = problems;
		this.sessionCookieName = sessionCookieName;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (BearerHeader.isBearerScheme(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
			return chain.filter(exchange);
		}
		String token = cookie(exchange);
		if (token == null) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.flatMap((context) -> Mono.justOrEmpty(context.getAuthentication()))
			.filter(Authentication::isAuthenticated)
			.map((authentication) -> Outcome.KEEP)
			.switchIfEmpty(Mono.defer(() -> validate(token)))
			.flatMap((outcome) -> {
				if (outcome.unavailable()) {
					return this.problems.writeWithRetryAfter(exchange, ProblemType.DESCOPE_UNAVAILABLE,
							"The session token could not be checked now; try again later", null);
				}
				Authentication authentication = outcome.authentication();
				return (authentication != null)
						? chain.filter(exchange)
							.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication))
						: chain.filter(exchange);
			});
	}

	private Mono<Outcome> validate(String token) {
		return this.jwtDecoder.decode(token)
			.map((jwt) -> new Outcome(this.authenticationConverter.convert(jwt), false))
			.onErrorResume(JwtException.class, (ex) -> {
				if (ex instanceof BadJwtException) {
					logger.debug("Ignoring a " + this.sessionCookieName + " cookie that did not validate");
					return Mono.just(Outcome.KEEP);
				}
				logger
					.debug("A " + this.sessionCookieName + " cookie could not be checked: " + ex.getClass().getName());
				return Mono.just(Outcome.UNAVAILABLE);
			});
	}

	private @Nullable String cookie(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(this.sessionCookieName);
		return (cookie != null && StringUtils.hasText(cookie.getValue())) ? cookie.getValue() : null;
	}

	/**
	 * What the cookie came to: an authentication, nothing to change, or Descope's keys
	 * unavailable.
	 */
	private record Outcome(@Nullable Authentication authentication, boolean unavailable) {

		static final Outcome KEEP = new Outcome(null, false);

		static final Outcome UNAVAILABLE = new Outcome(null, true);

	}

}
