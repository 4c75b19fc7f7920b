package com.descope.notp.security.reactive.login;

import com.descope.notp.security.answers.NotpProblems;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import reactor.core.publisher.Mono;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.util.Assert;

/**
 * Answers a failed nOTP completion as an RFC 9457 problem, the reactive twin of the
 * servlet {@code NotpAuthenticationFailureHandler} with the same problems
 * ({@link NotpProblems#ofLoginFailure}: {@code 400} naming the field, {@code 401}
 * {@code unknown-flow} or {@code flow-failed}, {@code 429}/{@code 503} with
 * {@code Retry-After}).
 */
public final class ServerNotpAuthenticationFailureHandler implements ServerAuthenticationFailureHandler {

	private final ServerProblemDetailsWriter problems;

	/**
	 * A failure handler.
	 * @param problems answers the problems: problem+json to API calls, the login page
	 * with {@code ?error} to browser navigations in the chain's configuration
	 */
	public ServerNotpAuthenticationFailureHandler(ServerProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException exception) {
		return this.problems.write(webFilterExchange.getExchange(), NotpProblems.ofLoginFailure(exception));
	}

}
