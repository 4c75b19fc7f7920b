package com.descope.notp.security.reactive.login;

import java.util.Map;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpAuthenticationPendingException;
import com.descope.notp.core.NotpAuthenticationToken;
import com.descope.notp.core.NotpFlowAlreadyRedeemedException;
import com.descope.notp.core.NotpFlowNotFoundException;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.security.reactive.ServerJsonResponses;
import com.descope.notp.security.reactive.session.ServerDescopeTokenRepository;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * Completes a nOTP login at {@code POST /login/notp/session}, the reactive twin of the
 * servlet {@code NotpAuthenticationFilter}, shaped as Spring Security's
 * {@code AuthenticationWebFilter} (a {@link ServerAuthenticationConverter}, a
 * {@link ReactiveAuthenticationManager}, success and failure handlers). The
 * {@code pendingRef} must belong to a flow this browser session started
 * ({@link ServerPendingFlowRepository}), else {@code 401} with no call to Descope. Each
 * attempt claims the flow first: concurrent attempts never ask Descope twice at once, nor
 * sooner than one polling interval after the last (those in between answer {@code 202
 * {"status":"pending"}} with no call to Descope). While the person has not confirmed, it
 * answers {@code 202 {"status":"pending"}} and gives the flow back; a failed flow is
 * forgotten; a redeemed one is remembered, and a later attempt of the same session is
 * answered {@code 200} with the session's login while it is signed in by it, without
 * asking Descope, and {@code 401} otherwise. A flow Descope no longer knows after this
 * session claimed it (a replayed copy) is forgotten and answered as unknown.
 * <p>
 * On success, where the tokens live in the {@code WebSession}
 * ({@link DescopeTokenStorage#HTTP_SESSION}), the session id changes
 * ({@link WebSession#changeSessionId()}, against session fixation) and the
 * {@code SecurityContext} is saved in the {@link ServerSecurityContextRepository}
 * (default {@link WebSessionServerSecurityContextRepository}); with no server-side
 * storage nothing is saved. Then the success handler answers.
 */
public final class ServerNotpAuthenticationWebFilter implements WebFilter {

	private final ReactiveAuthenticationManager authenticationManager;

	private final ServerPendingFlowRepository flowRepository;

	private final ServerDescopeTokenRepository tokenRepository;

	private ServerWebExchangeMatcher requiresAuthentication = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
			"/login/notp/session");

	private ServerAuthenticationConverter authenticationConverter = new ServerNotpAuthenticationConverter();

	private ServerSecurityContextRepository securityContextRepository = new WebSessionServerSecurityContextRepository();

	private final ServerAuthenticationSuccessHandler successHandler;

	private final ServerAuthenticationFailureHandler failureHandler;

	/**
	 * A completion filter.
	 * @param authenticationManager authenticates the {@link NotpAuthenticationToken}, off
	 * the event loop
	 * @param flowRepository knows the session's flows
	 * @param tokenRepository where the tokens live, which decides whether the session id
	 * changes and the context is saved
	 * @param successHandler answers a completed login
	 * @param failureHandler answers a failed one
	 */
	public ServerNotpAuthenticationWebFilter(ReactiveAuthenticationManager authenticationManager,
			ServerPendingFlowRepository flowRepository, ServerDescopeTokenRepository tokenRepository,
			ServerAuthenticationSuccessHandler successHandler, ServerAuthenticationFailureHandler failureHandler) {
		Assert.notNull(authenticationManager, "authenticationManager must not be null");
		Assert.notNull(flowRepository, "flowRepository must not be null");
		Assert.notNull(tokenRepository, "tokenRepository must not be null");
		Assert.notNull(successHandler, "successHandler must not be null");
		Assert.notNull(failureHandler, "failureHandler must not be null");
		this.authenticationManager = authenticationManager;
		this.flowRepository = flowRepository;
		this.tokenRepository = tokenRepository;
		this.successHandler = successHandler;
		this.failureHandler = failureHandler;
	}

	/**
	 * Which exchanges complete a login.
	 * @param requiresAuthentication default {@code POST /login/notp/session}
	 */
	public void setRequiresAuthenticationMatcher(ServerWebExchangeMatcher requiresAuthentication) {
		Assert.notNull(requiresAuthentication, "requiresAuthentication must not be null");
		this.requiresAuthentication = requiresAuthentication;
	}

	/**
	 * How the {@code pendingRef} is read.
	 * @param authenticationConverter default {@link ServerNotpAuthenticationConverter};
	 * must answer a {@link NotpAuthenticationToken}
	 */
	public void setAuthenticationConverter(ServerAuthenticationConverter authenticationConverter) {
		Assert.notNull(authenticationConverter, "authenticationConverter must not be null");
		this.authenticationConverter = authenticationConverter;
	}

	/**
	 * Where the {@code SecurityContext} of a login is saved when the tokens live in the
	 * {@code WebSession}.
	 * @param securityContextRepository default
	 * {@link WebSessionServerSecurityContextRepository}
	 */
	public void setSecurityContextRepository(ServerSecurityContextRepository securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.securityContextRepository = securityContextRepository;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.requiresAuthentication.matches(exchange)
			.filter(ServerWebExchangeMatcher.MatchResult::isMatch)
			.switchIfEmpty(chain.filter(exchange).then(Mono.empty()))
			.flatMap((match) -> attempt(new WebFilterExchange(exchange, chain)))
			.onErrorResume(NotpAuthenticationPendingException.class,
					(ex) -> ServerJsonResponses.write(exchange, HttpStatus.ACCEPTED, Map.of("status", "pending")))
			.onErrorResume(AuthenticationException.class,
					(ex) -> this.failureHandler.onAuthenticationFailure(new WebFilterExchange(exchange, chain), ex));
	}

	private Mono<Void> attempt(WebFilterExchange webFilterExchange) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		return this.authenticationConverter.convert(exchange)
			.switchIfEmpty(Mono.error(() -> missingPendingRef()))
			.flatMap((requested) -> {
				if (!(requested instanceof NotpAuthenticationToken token)) {
					return Mono.error(missingPendingRef());
				}
				String pendingRef = token.getPendingRef();
				return this.flowRepository.claimFlow(pendingRef, exchange).flatMap((claim) -> switch (claim) {
					case REDEEMED -> answerRedeemed(webFilterExchange);
					case UNKNOWN -> Mono.error(new NotpFlowNotFoundException());
					case BUSY -> Mono.error(new NotpAuthenticationPendingException());
					case GRANTED -> authenticate(webFilterExchange, token, pendingRef);
				});
			});
	}

	private static NotpInvalidRequestException missingPendingRef() {
		return new NotpInvalidRequestException("pendingRef", "Send the pendingRef of the login to complete");
	}

	private Mono<Void> authenticate(WebFilterExchange webFilterExchange, NotpAuthenticationToken token,
			String pendingRef) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		return this.authenticationManager.authenticate(token)
			// no other instance shares this flow's claim here: Descope no longer knowing
			// a
			// flow this session holds means a copy was replayed
			.onErrorResume(NotpFlowAlreadyRedeemedException.class,
					(ex) -> this.flowRepository.removeFlow(pendingRef, exchange)
						.then(Mono.error(new NotpFlowNotFoundException())))
			.onErrorResume(NotpAuthenticationFailedException.class,
					(ex) -> this.flowRepository.removeFlow(pendingRef, exchange).then(Mono.error(ex)))
			.onErrorResume(
					(ex) -> !(ex instanceof NotpFlowNotFoundException)
							&& !(ex instanceof NotpAuthenticationFailedException),
					(ex) -> this.flowRepository.releaseFlow(pendingRef, exchange).then(Mono.error(ex)))
			.flatMap((authentication) -> this.flowRepository.redeemFlow(pendingRef, exchange)
				.then(onSuccess(webFilterExchange, authentication)));
	}

	private Mono<Void> onSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		SecurityContextImpl context = new SecurityContextImpl(authentication);
		Mono<Void> stored = (this.tokenRepository.storage() == DescopeTokenStorage.HTTP_SESSION)
				? exchange.getSession()
					.flatMap(WebSession::changeSessionId)
					.then(this.securityContextRepository.save(exchange, context))
				: NoOpServerSecurityContextRepository.getInstance().save(exchange, context);
		return stored.then(this.successHandler.onAuthenticationSuccess(webFilterExchange, authentication))
			.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)));
	}

	/**
	 * Answers an attempt on a flow this session has already redeemed: with the session's
	 * login when the session is still signed in by it, else as an unknown flow; no new
	 * session id, nothing saved.
	 * @param webFilterExchange the exchange
	 * @return completes when answered
	 */
	private Mono<Void> answerRedeemed(WebFilterExchange webFilterExchange) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((current) -> current instanceof DescopeAuthenticationToken && current.isAuthenticated())
			.switchIfEmpty(Mono.error(NotpFlowNotFoundException::new))
			.flatMap((current) -> this.successHandler.onAuthenticationSuccess(webFilterExchange, current));
	}

}
