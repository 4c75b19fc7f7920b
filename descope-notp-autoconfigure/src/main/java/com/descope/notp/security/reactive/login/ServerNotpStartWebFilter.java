package com.descope.notp.security.reactive.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpStartResult;
import com.descope.notp.security.answers.NotpProblems;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.security.reactive.session.ServerDescopeTokenRepository;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.NotpStartRequestParser;
import com.descope.notp.web.Problem;
import com.descope.notp.web.RequestFields;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Starts a nOTP flow at {@code POST /login/notp}, the reactive twin of the servlet
 * {@code NotpStartFilter} with the same answers: the body (JSON or form, read within
 * {@code JsonBodies.MAX_BODY_BYTES}) is checked by {@link NotpStartRequestParser} (a
 * {@code 400} problem naming the field); the stack-neutral {@link NotpLoginService}
 * (start limits and country rules of its {@code NotpStartGuard}, counted per client
 * address: the exchange's remote address, which Spring's
 * {@code ForwardedHeaderTransformer} sets from forwarded headers where
 * {@code server.forward-headers-strategy=framework} says so) runs on a bounded scheduler,
 * since it calls Descope with the blocking client; its refusals are the same problems as
 * on the servlet side ({@link NotpProblems#ofStart}); a started flow is recorded in the
 * {@link ServerPendingFlowRepository} and answered by the
 * {@link ServerNotpStartSuccessHandler}. A step-up or MFA start carries the signed-in
 * user's refresh JWT from the {@link ServerDescopeTokenRepository}.
 */
public final class ServerNotpStartWebFilter implements WebFilter {

	private final NotpLoginService loginService;

	private final NotpStartRequestParser parser;

	private final ServerPendingFlowRepository flowRepository;

	private final ServerDescopeTokenRepository tokenRepository;

	private final ServerProblemDetailsWriter problems;

	private ServerWebExchangeMatcher requiresStart = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
			"/login/notp");

	private ServerNotpStartSuccessHandler successHandler = ServerNotpStartSuccessHandler.DEFAULT;

	private Scheduler scheduler = Schedulers.boundedElastic();

	/**
	 * A start filter.
	 * @param loginService starts flows with Descope (the checks, the call, the dated
	 * flow)
	 * @param parser reads and checks the body
	 * @param flowRepository records the flow
	 * @param tokenRepository supplies the refresh JWT for step-up and MFA
	 * @param problems answers the problems
	 */
	public ServerNotpStartWebFilter(NotpLoginService loginService, NotpStartRequestParser parser,
			ServerPendingFlowRepository flowRepository, ServerDescopeTokenRepository tokenRepository,
			ServerProblemDetailsWriter problems) {
		Assert.notNull(loginService, "loginService must not be null");
		Assert.notNull(parser, "parser must not be null");
		Assert.notNull(flowRepository, "flowRepository must not be null");
		Assert.notNull(tokenRepository, "tokenRepository must not be null");
		Assert.notNull(problems, "problems must not be null");
		this.loginService = loginService;
		this.parser = parser;
		this.flowRepository = flowRepository;
		this.tokenRepository = tokenRepository;
		this.problems = problems;
	}

	/**
	 * Which exchanges start a flow.
	 * @param requiresStart default {@code POST /login/notp}
	 */
	public void setRequiresStartMatcher(ServerWebExchangeMatcher requiresStart) {
		Assert.notNull(requiresStart, "requiresStart must not be null");
		this.requiresStart = requiresStart;
	}

	/**
	 * How a started flow is answered.
	 * @param successHandler default {@link ServerNotpStartSuccessHandler#DEFAULT}
	 */
	public void setSuccessHandler(ServerNotpStartSuccessHandler successHandler) {
		Assert.notNull(successHandler, "successHandler must not be null");
		this.successHandler = successHandler;
	}

	/**
	 * Where the blocking start runs.
	 * @param scheduler default {@link Schedulers#boundedElastic()}
	 */
	public void setScheduler(Scheduler scheduler) {
		Assert.notNull(scheduler, "scheduler must not be null");
		this.scheduler = scheduler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.requiresStart.matches(exchange)
			.filter(ServerWebExchangeMatcher.MatchResult::isMatch)
			.switchIfEmpty(chain.filter(exchange).then(Mono.empty()))
			.flatMap((match) -> start(exchange));
	}

	private Mono<Void> start(ServerWebExchange exchange) {
		// checked off the event loop: the phone number library may load its metadata from
		// the class path on first use
		return ServerRequestBodies.read(exchange)
			.publishOn(this.scheduler)
			.map(this::parse)
			.flatMap((start) -> start(exchange, start))
			.onErrorResume(InvalidRequestException.class, (ex) -> this.problems.write(exchange,
					Problem.invalidRequest(ex.getField(), String.valueOf(ex.getMessage()))));
	}

	private NotpStartRequest parse(RequestFields fields) {
		try {
			return this.parser.parse(fields);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Mono<Void> start(ServerWebExchange exchange, NotpStartRequest start) {
		Mono<Optional<String>> refreshJwt = start.loginOptions().requiresRefreshJwt()
				? this.tokenRepository.loadTokens(exchange)
					.mapNotNull(DescopeTokens::refreshJwt)
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
				: Mono.just(Optional.empty());
		Mono<Optional<Authentication>> user = ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		String clientAddress = clientAddress(exchange);
		return Mono.zip(refreshJwt, user)
			.flatMap((inputs) -> Mono
				.fromCallable(() -> this.loginService.start(start, clientAddress, inputs.getT1().orElse(null),
						inputs.getT2().orElse(null)))
				.subscribeOn(this.scheduler))
			.flatMap((result) -> answer(exchange, result));
	}

	private Mono<Void> answer(ServerWebExchange exchange, NotpStartResult result) {
		Problem problem = NotpProblems.ofStart(result);
		if (problem != null) {
			return this.problems.write(exchange, problem);
		}
		NotpStartResult.Started started = (NotpStartResult.Started) result;
		return this.flowRepository.saveFlow(started.flow(), exchange)
			.then(Mono.defer(() -> this.successHandler.onStarted(exchange, started.link())));
	}

	/**
	 * The client's address as the servlet side's {@code getRemoteAddr()} gives it: the IP
	 * address, not a host name.
	 * @param exchange the exchange
	 * @return the address, or {@code null} when the server does not know it
	 */
	private static @Nullable String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return null;
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
