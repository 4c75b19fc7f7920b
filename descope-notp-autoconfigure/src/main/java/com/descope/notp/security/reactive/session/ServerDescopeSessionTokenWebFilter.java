package com.descope.notp.security.reactive.session;

import java.time.Clock;
import java.util.Optional;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.RefreshResult;
import com.descope.notp.core.SessionJwtExpiry;
import com.descope.notp.security.BearerHeader;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.web.DescopeCallProblems;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Keeps a browser's Descope session alive and honest on every exchange, whatever the
 * storage mode, the reactive twin of the servlet side's {@code DescopeSessionTokenFilter}
 * with the same rules:
 * <ol>
 * <li>An exchange with {@code Authorization: Bearer} is left to the bearer-token filter:
 * its client manages its own tokens.</li>
 * <li>The tokens come from the {@link ServerDescopeTokenRepository}. A session JWT that
 * is valid and not within the refresh threshold of its {@code exp}
 * ({@link SessionJwtExpiry}) authenticates the exchange (or confirms the authentication
 * kept in the {@code WebSession}).</li>
 * <li>Otherwise, with {@code auto-refresh} and a refresh JWT, the session is refreshed on
 * a bounded scheduler ({@link ServerDescopeSessionRefresher}: one Descope call for all
 * concurrent exchanges with that refresh JWT) before the exchange reaches the
 * application; the new tokens are stored, the authentication replaced, and a
 * {@link DescopeSessionTokenEvent} published. A refused refresh clears the tokens and the
 * authentication (the exchange goes on unauthenticated); an outage keeps the tokens and
 * answers {@code 503} (or {@code 429}) with {@code Retry-After}: problem+json to API
 * calls, the error page to browser navigations.</li>
 * <li>Without a refresh (or with {@code auto-refresh=false}) an expired session is
 * cleared.</li>
 * <li>With no stored tokens, a front end's {@code DS} cookie is handled by
 * {@link DescopeSessionCookieWebFilter}.</li>
 * </ol>
 * Nothing here blocks: the session JWT is checked by the {@link ReactiveJwtDecoder} (the
 * starter's decoder on a bounded scheduler) and Descope is called on a bounded scheduler.
 */
public final class ServerDescopeSessionTokenWebFilter implements WebFilter {

	private static final Log logger = LogFactory.getLog(ServerDescopeSessionTokenWebFilter.class);

	private final ServerDescopeTokenRepository tokenRepository;

	private final ReactiveJwtDecoder jwtDecoder;

	private final DescopeJwtAuthenticationConverter authenticationConverter;

	private final ServerDescopeSessionRefresher refresher;

	private final DescopeSessionSettings settings;

	private final ServerProblemDetailsWriter problems;

	private final WebFilter foreignCookie;

	private final ApplicationEventPublisher eventPublisher;

	private ServerSecurityContextRepository securityContextRepository = new SessionIdKeepingSecurityContextRepository();

	private Clock clock = Clock.systemUTC();

	/**
	 * A filter.
	 * @param tokenRepository where the tokens live
	 * @param jwtDecoder validates session JWTs
	 * @param authenticationConverter builds the authentication
	 * @param refresher refreshes, one call per refresh JWT at a time
	 * @param settings auto-refresh and its threshold
	 * @param problems answers outages
	 * @param foreignCookie authenticates from a front end's {@code DS} cookie when no
	 * tokens are stored
	 * @param eventPublisher publishes {@link DescopeSessionTokenEvent}s
	 */
	public ServerDescopeSessionTokenWebFilter(ServerDescopeTokenRepository tokenRepository,
			ReactiveJwtDecoder jwtDecoder, DescopeJwtAuthenticationConverter authenticationConverter,
			ServerDescopeSessionRefresher refresher, DescopeSessionSettings settings,
			ServerProblemDetailsWriter problems, WebFilter foreignCookie, ApplicationEventPublisher eventPublisher) {
		this.tokenRepository = tokenRepository;
		this.jwtDecoder = jwtDecoder;
		this.authenticationConverter = authenticationConverter;
		this.refresher = refresher;
		this.settings = settings;
		this.problems = problems;
		this.foreignCookie = foreignCookie;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Where the authentication is kept in the {@link DescopeTokenStorage#HTTP_SESSION}
	 * mode.
	 * @param securityContextRepository default the {@code WebSession} under Spring's
	 * attribute ({@link WebSessionServerSecurityContextRepository}'s), without changing
	 * the session's id: it changed at login, and other exchanges of the browser still
	 * carry it
	 */
	public void setSecurityContextRepository(ServerSecurityContextRepository securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.securityContextRepository = securityContextRepository;
	}

	/**
	 * The clock expiry is measured with.
	 * @param clock default the system UTC clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (BearerHeader.isBearerScheme(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.map((context) -> Optional.ofNullable(context.getAuthentication()))
			.defaultIfEmpty(Optional.empty())
			.flatMap((current) -> {
				Authentication authentication = current.orElse(null);
				if (authentication != null && authentication.isAuthenticated()
						&& !(authentication instanceof DescopeAuthenticationToken)) {
					return chain.filter(exchange);
				}
				DescopeAuthenticationToken session = (authentication instanceof DescopeAuthenticationToken descope)
						? descope : null;
				return this.tokenRepository.loadTokens(exchange)
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
					.flatMap((tokens) -> tokens.isPresent() ? withTokens(exchange, chain, tokens.get(), session)
							: withoutTokens(exchange, chain, session));
			});
	}

	private Mono<Void> withoutTokens(ServerWebExchange exchange, WebFilterChain chain,
			@Nullable DescopeAuthenticationToken session) {
		if (session == null) {
			return this.foreignCookie.filter(exchange, chain);
		}
		return isExpired(session.getToken()) ? clear(exchange, chain, session, false) : chain.filter(exchange);
	}

	private Mono<Void> withTokens(ServerWebExchange exchange, WebFilterChain chain, DescopeTokens tokens,
			@Nullable DescopeAuthenticationToken session) {
		return validSessionJwt(tokens, session).flatMap((checked) -> {
			if (checked.unchecked()) {
				return this.problems.write(exchange, DescopeCallProblems.SESSION_TOKEN_UNCHECKED);
			}
			Jwt jwt = checked.jwt();
			boolean mayRefresh = this.settings.autoRefresh() && StringUtils.hasText(tokens.refreshJwt());
			// a token near its expiry is used as it is when it may not be refreshed
			if (jwt != null && (!needsRefresh(jwt) || (!mayRefresh && !isExpired(jwt)))) {
				if (session != null && session.getToken().getTokenValue().equals(jwt.getTokenValue())) {
					return chain.filter(exchange);
				}
				return authenticate(exchange, chain,
						this.authenticationConverter.convert(jwt, session, tokens.refreshJwt()));
			}
			if (!mayRefresh) {
				return clear(exchange, chain, session, true);
			}
			return refresh(exchange, chain, tokens, session);
		});
	}

	private Mono<Checked> validSessionJwt(DescopeTokens tokens, @Nullable DescopeAuthenticationToken session) {
		if (tokens.sessionJwt() == null) {
			return Mono.just(Checked.NONE);
		}
		if (session != null && session.getToken().getTokenValue().equals(tokens.sessionJwt())) {
			return Mono.just(isExpired(session.getToken()) ? Checked.NONE : new Checked(session.getToken(), false));
		}
		return this.jwtDecoder.decode(tokens.sessionJwt())
			.map((jwt) -> new Checked(jwt, false))
			.onErrorResume(JwtException.class,
					(ex) -> Mono.just((ex instanceof BadJwtException) ? Checked.NONE : Checked.UNCHECKED));
	}

	private Mono<Void> refresh(ServerWebExchange exchange, WebFilterChain chain, DescopeTokens tokens,
			@Nullable DescopeAuthenticationToken session) {
		return this.refresher.refresh(tokens.refreshJwt(), tokens).flatMap((result) -> {
			if (result instanceof RefreshResult.Unavailable unavailable) {
				return this.problems.write(exchange,
						(unavailable.answer() != null) ? DescopeCallProblems.problem(unavailable.answer(), true)
								: DescopeCallProblems.SESSION_TOKEN_UNCHECKED);
			}
			if (result instanceof RefreshResult.Refreshed refreshed) {
				return this.tokenRepository.saveTokens(refreshed.tokens(), exchange).then(Mono.defer(() -> {
					DescopeAuthenticationToken authentication = this.authenticationConverter
						.convert(refreshed.sessionJwt(), session, refreshed.tokens().refreshJwt());
					this.eventPublisher
						.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.REFRESHED,
								authentication.getName(), refreshed.sessionJwt().getExpiresAt()));
					return authenticate(exchange, chain, authentication);
				}));
			}
			logger.debug("Descope refused the session refresh (" + ((RefreshResult.Refused) result).errorCode()
					+ "); clearing the session");
			return clear(exchange, chain, session, true);
		});
	}

	private Mono<Void> authenticate(ServerWebExchange exchange, WebFilterChain chain,
			DescopeAuthenticationToken authentication) {
		SecurityContext context = new SecurityContextImpl(authentication);
		Mono<Void> save = (this.tokenRepository.storage() == DescopeTokenStorage.HTTP_SESSION)
				? this.securityContextRepository.save(exchange, context) : Mono.empty();
		return save.then(Mono.defer(() -> chain.filter(exchange)
			.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)))));
	}

	private Mono<Void> clear(ServerWebExchange exchange, WebFilterChain chain,
			@Nullable DescopeAuthenticationToken session, boolean removeTokens) {
		Mono<Void> remove = removeTokens ? this.tokenRepository.removeTokens(exchange) : Mono.empty();
		Mono<Void> forget = (session != null) ? this.securityContextRepository.save(exchange, null) : Mono.empty();
		return remove.then(forget).then(Mono.defer(() -> {
			this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.CLEARED,
					(session != null) ? session.getName() : null, null));
			return chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.clearContext());
		}));
	}

	private boolean needsRefresh(Jwt jwt) {
		return SessionJwtExpiry.needsRefresh(jwt, this.settings.refreshThreshold(), this.clock.instant());
	}

	private boolean isExpired(Jwt jwt) {
		return SessionJwtExpiry.isExpired(jwt, this.clock.instant());
	}

	/**
	 * What checking the stored session JWT came to: valid, none (absent, expired or
	 * refused), or not checked because Descope's keys could not be fetched.
	 */
	private record Checked(@Nullable Jwt jwt, boolean unchecked) {

		static final Checked NONE = new Checked(null, false);

		static final Checked UNCHECKED = new Checked(null, true);

	}

}
