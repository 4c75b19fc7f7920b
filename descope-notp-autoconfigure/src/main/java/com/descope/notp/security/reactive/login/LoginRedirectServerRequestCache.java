package com.descope.notp.security.reactive.login;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The page to return to after the login, kept in the {@code WebSession} by Spring's
 * {@link WebSessionServerRequestCache}, the reactive twin of the servlet chain's request
 * cache: only the exchanges its matcher accepts are saved (the login spec's default is
 * {@code GET} browser navigations, never an API call, an icon, a script's asset or the
 * login pages), so only a navigation starts a session: an API call's {@code 401} creates
 * none. {@link #getRedirectUri} answers the page as it was asked for: its path within the
 * application and its query, with no {@code continue} marker (Spring's
 * {@code ServerRedirectStrategy} puts the base path in front), for the login's success
 * handler, which then calls {@link #removeRequest}. Spring's cache hands the saved
 * request to the next exchange for the same page, so a script's {@code fetch} of that
 * page would consume it before the login; this one never does
 * ({@link #removeMatchingRequest} answers empty), as the servlet side's cache matches
 * only its {@code continue} parameter.
 */
public final class LoginRedirectServerRequestCache implements ServerRequestCache {

	/** Where {@link WebSessionServerRequestCache} keeps the saved request. */
	private static final String SAVED_REQUEST_ATTRIBUTE = "SPRING_SECURITY_SAVED_REQUEST";

	private final WebSessionServerRequestCache delegate = new WebSessionServerRequestCache();

	/**
	 * A cache saving the exchanges a matcher accepts.
	 * @param saveRequestMatcher which exchanges to save
	 */
	public LoginRedirectServerRequestCache(ServerWebExchangeMatcher saveRequestMatcher) {
		Assert.notNull(saveRequestMatcher, "saveRequestMatcher must not be null");
		this.delegate.setSaveRequestMatcher(saveRequestMatcher);
		this.delegate.setMatchingRequestParameterName(null);
	}

	@Override
	public Mono<Void> saveRequest(ServerWebExchange exchange) {
		return this.delegate.saveRequest(exchange);
	}

	@Override
	public Mono<URI> getRedirectUri(ServerWebExchange exchange) {
		return this.delegate.getRedirectUri(exchange);
	}

	@Override
	public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
		return Mono.empty();
	}

	/**
	 * Forgets the saved page, once the login used it.
	 * @param exchange the exchange whose session holds it
	 * @return completes when it is removed
	 */
	public Mono<Void> removeRequest(ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes().remove(SAVED_REQUEST_ATTRIBUTE))
			.then();
	}

}
