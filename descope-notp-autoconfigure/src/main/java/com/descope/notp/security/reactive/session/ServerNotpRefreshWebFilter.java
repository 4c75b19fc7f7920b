package com.descope.notp.security.reactive.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.descope.notp.core.DescopeSessionTokenEvent;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.RefreshResult;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.web.DescopeCallProblems;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.ProblemType;
import com.descope.notp.web.RefreshJwts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refreshes a session on request at {@code POST /login/notp/refresh}, the reactive twin
 * of the servlet side's {@code NotpRefreshFilter}, with the same request and answers. The
 * refresh JWT comes from {@code Authorization: Bearer <refreshJwt>}, or a
 * {@code refreshJwt} member of a JSON or form body ({@link RefreshJwts}), or else the
 * {@link ServerDescopeTokenRepository}. Answers {@code 200 {"sessionJwt", "refreshJwt"
 * (only when Descope rotated it), "sessionExpiration"}} for a refresh JWT the client
 * sent, or {@code 200 {"status":"refreshed", "sessionExpiration"}} after storing the new
 * tokens for a stored one; {@code 400} problem+json naming the field for a malformed
 * request; {@code 401} when there is no refresh JWT or Descope refuses it (a stored
 * session is then signed out); {@code 503} / {@code 429} with {@code Retry-After} when
 * Descope cannot answer. Descope is called on a bounded scheduler, one call per refresh
 * JWT at a time ({@link ServerDescopeSessionRefresher}).
 */
public final class ServerNotpRefreshWebFilter implements WebFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ServerDescopeSessionRefresher refresher;

	private final ServerDescopeTokenRepository tokenRepository;

	private final ServerProblemDetailsWriter problems;

	private final ApplicationEventPublisher eventPublisher;

	private ServerWebExchangeMatcher requestMatcher = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
			"/login/notp/refresh");

	private ServerSecurityContextRepository securityContextRepository = new SessionIdKeepingSecurityContextRepository();

	/**
	 * A refresh filter.
	 * @param refresher refreshes through Descope on a bounded scheduler
	 * @param tokenRepository the stored tokens
	 * @param problems answers problems
	 * @param eventPublisher publishes {@link DescopeSessionTokenEvent}s
	 */
	public ServerNotpRefreshWebFilter(ServerDescopeSessionRefresher refresher,
			ServerDescopeTokenRepository tokenRepository, ServerProblemDetailsWriter problems,
			ApplicationEventPublisher eventPublisher) {
		this.refresher = refresher;
		this.tokenRepository = tokenRepository;
		this.problems = problems;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Which exchanges refresh.
	 * @param requestMatcher default {@code POST /login/notp/refresh}
	 */
	public void setRequestMatcher(ServerWebExchangeMatcher requestMatcher) {
		Assert.notNull(requestMatcher, "requestMatcher must not be null");
		this.requestMatcher = requestMatcher;
	}

	/**
	 * Where the authentication of a stored session whose refresh JWT Descope refused is
	 * cleared.
	 * @param securityContextRepository default the {@code WebSession} under Spring's
	 * attribute ({@link WebSessionServerSecurityContextRepository}'s), without changing
	 * the session's id: it changed at login, and other exchanges of the browser still
	 * carry it
	 */
	public void setSecurityContextRepository(ServerSecurityContextRepository securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.securityContextRepository = securityContextRepository;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.requestMatcher.matches(exchange)
			.flatMap((match) -> match.isMatch() ? refresh(exchange) : chain.filter(exchange));
	}

	private Mono<Void> refresh(ServerWebExchange exchange) {
		// deferred: a malformed header throws, answered 400 below
		return Mono.defer(() -> sentRefreshJwt(exchange)).flatMap((sent) -> {
			if (sent.isPresent()) {
				return refreshWith(exchange, sent.get(), null);
			}
			return this.tokenRepository.loadTokens(exchange)
				.filter((stored) -> stored.refreshJwt() != null)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((stored) -> stored.isPresent() ? refreshWith(exchange, stored.get().refreshJwt(), stored.get())
						: this.problems.write(exchange, ProblemType.UNAUTHENTICATED,
								"Send the refresh token as a bearer token, or sign in first", Map.of()));
		})
			.onErrorResume(InvalidRequestException.class, (ex) -> this.problems.write(exchange,
					ProblemType.INVALID_REQUEST, ex.getMessage(), Map.of("field", ex.getField())));
	}

	/**
	 * The refresh JWT the client sent.
	 * @param exchange the exchange
	 * @return the token, empty when none was sent; an {@link InvalidRequestException} for
	 * a malformed one
	 */
	private Mono<Optional<String>> sentRefreshJwt(ServerWebExchange exchange) {
		String bearer = RefreshJwts
			.fromAuthorization(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		if (bearer != null) {
			return Mono.just(Optional.of(bearer));
		}
		MediaType type = exchange.getRequest().getHeaders().getContentType();
		if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
			return exchange.getFormData()
				.map((form) -> Optional.ofNullable(RefreshJwts.fromForm(form.get("refreshJwt"))));
		}
		if (type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
				|| (type.getSubtypeSuffix() != null && "json".equals(type.getSubtypeSuffix())))) {
			return DataBufferUtils.join(exchange.getRequest().getBody(), RefreshJwts.MAX_BODY_BYTES + 1)
				.map((buffer) -> {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					DataBufferUtils.release(buffer);
					return Optional.ofNullable(RefreshJwts.fromJson(bytes));
				})
				.onErrorMap(DataBufferLimitException.class,
						(ex) -> new InvalidRequestException("body",
								"The body is larger than " + RefreshJwts.MAX_BODY_BYTES + " bytes"))
				.defaultIfEmpty(Optional.empty());
		}
		return Mono.just(Optional.empty());
	}

	private Mono<Void> refreshWith(ServerWebExchange exchange, String refreshJwt, @Nullable DescopeTokens stored) {
		return this.refresher.refresh(refreshJwt, stored).flatMap((result) -> {
			if (result instanceof RefreshResult.Unavailable unavailable) {
				return this.problems.write(exchange,
						(unavailable.answer() != null) ? DescopeCallProblems.problem(unavailable.answer(), true)
								: DescopeCallProblems.SESSION_TOKEN_UNCHECKED);
			}
			if (!(result instanceof RefreshResult.Refreshed refreshed)) {
				Mono<Void> signOut = (stored != null) ? this.tokenRepository.removeTokens(exchange)
					.then(this.securityContextRepository.save(exchange, null))
					.then(Mono.fromRunnable(() -> this.eventPublisher.publishEvent(
							new DescopeSessionTokenEvent(this, DescopeSessionTokenEvent.Change.CLEARED, null, null))))
						: Mono.empty();
				return signOut.then(this.problems.write(exchange, ProblemType.INVALID_TOKEN,
						"The refresh token was refused", Map.of()));
			}
			Jwt jwt = refreshed.sessionJwt();
			DescopeTokens tokens = refreshed.tokens();
			this.eventPublisher.publishEvent(new DescopeSessionTokenEvent(this,
					DescopeSessionTokenEvent.Change.REFRESHED, jwt.getSubject(), jwt.getExpiresAt()));
			Map<String, Object> body = new LinkedHashMap<>();
			Mono<Void> save = Mono.empty();
			if (stored != null) {
				save = this.tokenRepository.saveTokens(tokens, exchange);
				body.put("status", "refreshed");
			}
			else {
				body.put("sessionJwt", tokens.sessionJwt());
				if (refreshed.rotated()) {
					body.put("refreshJwt", tokens.refreshJwt());
				}
			}
			body.put("sessionExpiration", (jwt.getExpiresAt() != null) ? jwt.getExpiresAt().getEpochSecond() : null);
			return save.then(Mono.defer(() -> writeJson(exchange.getResponse(), body)));
		});
	}

	private static Mono<Void> writeJson(ServerHttpResponse response, Map<String, Object> body) {
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		// tokens in the body: never cached by a browser or proxy
		response.getHeaders().setCacheControl("no-store");
		return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
	}

}
