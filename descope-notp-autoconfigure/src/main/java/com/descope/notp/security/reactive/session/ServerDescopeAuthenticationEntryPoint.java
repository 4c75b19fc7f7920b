package com.descope.notp.security.reactive.session;

import java.util.Map;

import com.descope.notp.security.reactive.ServerBrowserNavigationMatcher;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers unauthenticated API requests in a reactive application, as the servlet side's
 * {@code DescopeAuthenticationEntryPoint} does: {@code 401} problem+json with an RFC 6750
 * {@code WWW-Authenticate: Bearer} challenge, carrying {@code error="invalid_token"} when
 * a presented token was refused or the bearer header is malformed; {@code 503} with
 * {@code Retry-After} when the token could not be checked because Descope's keys could
 * not be fetched. Neither the token nor the reason's internals are echoed.
 */
public class ServerDescopeAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private static final String MALFORMED = "The Authorization header is not a well-formed bearer token";

	private static final String INVALID = "The session token is invalid or expired";

	private String realmName = "descope";

	private ServerProblemDetailsWriter problems = new ServerProblemDetailsWriter(new ServerBrowserNavigationMatcher());

	/**
	 * The realm named in the challenge.
	 * @param realmName default {@code descope}
	 */
	public void setRealmName(String realmName) {
		Assert.hasText(realmName, "realmName must not be empty");
		this.realmName = realmName;
	}

	/**
	 * How problems are answered.
	 * @param problems default a {@link ServerProblemDetailsWriter} with a
	 * {@link ServerBrowserNavigationMatcher}
	 */
	public void setProblemDetailsWriter(ServerProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof AuthenticationServiceException) {
			return this.problems.writeWithRetryAfter(exchange, ProblemType.DESCOPE_UNAVAILABLE,
					"The session token could not be checked now; try again later", null);
		}
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (ex instanceof OAuth2AuthenticationException) {
			String description = ServerDescopeBearerTokenConverter.isMalformedBearer(exchange) ? MALFORMED : INVALID;
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + this.realmName
					+ "\", error=\"invalid_token\", error_description=\"" + description + "\"");
			return this.problems.write(exchange, ProblemType.INVALID_TOKEN, description, Map.of());
		}
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + this.realmName + "\"");
		return this.problems.write(exchange, ProblemType.UNAUTHENTICATED,
				"Sign in, or send a Descope session token as a bearer token", Map.of());
	}

}
