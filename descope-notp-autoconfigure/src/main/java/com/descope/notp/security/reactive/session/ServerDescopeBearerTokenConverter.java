package com.descope.notp.security.reactive.session;

import com.descope.notp.security.BearerHeader;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a Descope session JWT sent as {@code Authorization: Bearer <token>} (RFC 6750
 * section 2.1), the reactive twin of {@code DescopeBearerTokenResolver}: the header only
 * (never a form or query parameter), read by {@link BearerHeader}.
 * <ul>
 * <li>No {@code Authorization} header, or another scheme: empty, the request is not a
 * bearer request.</li>
 * <li>A well-formed bearer credential: a {@link BearerTokenAuthenticationToken}.</li>
 * <li>A header naming {@code Bearer} with anything else: an error with
 * {@code invalid_token}, which the entry point answers {@code 401}.</li>
 * </ul>
 */
public final class ServerDescopeBearerTokenConverter implements ServerAuthenticationConverter {

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (!BearerHeader.isBearerScheme(authorization)) {
			return Mono.empty();
		}
		String token = BearerHeader.token(authorization);
		if (token == null) {
			return Mono
				.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
		}
		return Mono.just(new BearerTokenAuthenticationToken(token));
	}

	/**
	 * Whether the exchange's {@code Authorization} header names the bearer scheme but is
	 * not a well-formed bearer credential.
	 * @param exchange the exchange
	 * @return {@code true} for a malformed bearer header
	 */
	static boolean isMalformedBearer(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return BearerHeader.isBearerScheme(authorization) && BearerHeader.token(authorization) == null;
	}

}
