package com.descope.notp.security.reactive.login;

import java.time.Clock;
import java.time.Instant;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.SameOriginPaths;
import com.descope.notp.security.answers.NotpLoginAnswers;
import com.descope.notp.security.reactive.ServerJsonResponses;
import com.descope.notp.security.reactive.session.ServerDescopeTokenRepository;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a completed nOTP login, the reactive twin of the servlet
 * {@code NotpAuthenticationSuccessHandler} with the same body
 * ({@link NotpLoginAnswers#authenticated}: {@code 200 {"status":"authenticated",
 * "redirectUrl", "user"}}, with the tokens in the body when the token repository keeps
 * none), after storing the tokens in the {@link ServerDescopeTokenRepository} and
 * publishing a {@link DescopeSessionTokenEvent} ({@code ISSUED}). {@code redirectUrl} is
 * the page first asked for (from the {@link ServerRequestCache}) when it is a path of
 * this application ({@link SameOriginPaths#localPath}; a saved path within the
 * application, as Spring's {@link WebSessionServerRequestCache} keeps, under the context
 * path), else the default target under the context path. As Spring's
 * {@code RedirectServerAuthenticationSuccessHandler}, it leaves the saved request in the
 * cache: the request cache's filter removes it when the browser gets there.
 */
public final class ServerNotpAuthenticationSuccessHandler implements ServerAuthenticationSuccessHandler {

	private final ServerDescopeTokenRepository tokenRepository;

	private ServerRequestCache requestCache = new WebSessionServerRequestCache();

	private ApplicationEventPublisher eventPublisher = (event) -> {
	};

	private Clock clock = Clock.systemUTC();

	private String defaultTargetUrl = "/";

	/**
	 * A success handler.
	 * @param tokenRepository stores the tokens of the login
	 */
	public ServerNotpAuthenticationSuccessHandler(ServerDescopeTokenRepository tokenRepository) {
		Assert.notNull(tokenRepository, "tokenRepository must not be null");
		this.tokenRepository = tokenRepository;
	}

	/**
	 * Where the saved request comes from.
	 * @param requestCache default a {@link WebSessionServerRequestCache}
	 */
	public void setRequestCache(ServerRequestCache requestCache) {
		Assert.notNull(requestCache, "requestCache must not be null");
		this.requestCache = requestCache;
	}

	/**
	 * Where {@link DescopeSessionTokenEvent}s go.
	 * @param eventPublisher default none
	 */
	public void setEventPublisher(ApplicationEventPublisher eventPublisher) {
		Assert.notNull(eventPublisher, "eventPublisher must not be null");
		this.eventPublisher = eventPublisher;
	}

	/**
	 * The clock token lifetimes are computed with.
	 * @param clock default the system UTC clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	/**
	 * The target when no page was asked for first.
	 * @param defaultTargetUrl a path of the application relative to its context path;
	 * default {@code /}
	 * @throws IllegalArgumentException when it is not a same-origin path
	 */
	public void setDefaultTargetUrl(String defaultTargetUrl) {
		Assert.isTrue(SameOriginPaths.isSafe(defaultTargetUrl), "defaultTargetUrl must be a same-origin path");
		this.defaultTargetUrl = defaultTargetUrl;
	}

	@Override
	public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		return targetUrl(exchange).flatMap((redirectUrl) -> {
			if (!(authentication instanceof DescopeAuthenticationToken descope)) {
				return answer(exchange, redirectUrl, authentication, null);
			}
			DescopePrincipal user = descope.getPrincipal();
			DescopeTokens tokens = NotpLoginAnswers.tokens(descope, this.clock.instant());
			Mono<Void> saved = (tokens != null) ? this.tokenRepository.saveTokens(tokens, exchange) : Mono.empty();
			DescopeTokens inBody = (tokens != null && this.tokenRepository.storage() == DescopeTokenStorage.NONE)
					? tokens : null;
			Instant expiresAt = descope.getToken().getExpiresAt();
			return saved
				.then(Mono.fromRunnable(() -> this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this,
						DescopeSessionTokenEvent.Change.ISSUED, user.userId(), expiresAt))))
				.then(Mono.defer(() -> answer(exchange, redirectUrl, authentication, inBody)));
		});
	}

	private Mono<Void> answer(ServerWebExchange exchange, String redirectUrl, Authentication authentication,
			@Nullable DescopeTokens inBody) {
		return ServerJsonResponses.write(exchange, HttpStatus.OK,
				NotpLoginAnswers.authenticated(redirectUrl, authentication, inBody));
	}

	private Mono<String> targetUrl(ServerWebExchange exchange) {
		String host = exchange.getRequest().getURI().getHost();
		// Spring's reactive request cache saves the path within the application (its
		// redirect strategy adds the context path), while the browser needs the full path
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		return this.requestCache.getRedirectUri(exchange)
			.map((uri) -> (uri.isAbsolute() || !uri.toString().startsWith("/")) ? uri.toString() : contextPath + uri)
			.mapNotNull((uri) -> SameOriginPaths.localPath(uri, (host != null) ? host : ""))
			.defaultIfEmpty("")
			.map((path) -> path.isEmpty() ? defaultTargetUrl(exchange) : path);
	}

	private String defaultTargetUrl(ServerWebExchange exchange) {
		String target = exchange.getRequest().getPath().contextPath().value() + this.defaultTargetUrl;
		return SameOriginPaths.isSafe(target) ? target : this.defaultTargetUrl;
	}

}
