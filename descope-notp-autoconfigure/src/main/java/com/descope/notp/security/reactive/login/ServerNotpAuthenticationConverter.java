package com.descope.notp.security.reactive.login;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.descope.notp.core.NotpAuthenticationToken;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.PendingRefParser;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the {@code pendingRef} of a completion request (JSON or form body, read within
 * the servlet side's limits) into an unauthenticated {@link NotpAuthenticationToken}, the
 * twin of the servlet {@code NotpAuthenticationConverter} with the same rules
 * ({@link PendingRefParser}). A missing or malformed {@code pendingRef} or body is a
 * {@link NotpInvalidRequestException} (answered {@code 400} naming the field).
 */
public final class ServerNotpAuthenticationConverter implements ServerAuthenticationConverter {

	private final PendingRefParser parser = new PendingRefParser();

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return ServerRequestBodies.read(exchange).<Authentication>map((fields) -> {
			try {
				return new NotpAuthenticationToken(this.parser.parse(fields));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		})
			.onErrorMap(InvalidRequestException.class,
					(ex) -> new NotpInvalidRequestException(ex.getField(), ex.getMessage()));
	}

}
