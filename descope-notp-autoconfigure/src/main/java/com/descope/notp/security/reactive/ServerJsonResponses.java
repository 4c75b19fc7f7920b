package com.descope.notp.security.reactive;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the JSON bodies of the starter's reactive endpoints, the twin of the servlet
 * side's {@code JsonResponses}: with {@code Cache-Control: no-store}, since they may
 * carry a {@code pendingRef} or tokens.
 */
public final class ServerJsonResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ServerJsonResponses() {
	}

	/**
	 * Writes a JSON body.
	 * @param exchange the exchange
	 * @param status the HTTP status
	 * @param body a map or record; {@code null} members are written as {@code null}
	 * @return completes when the answer is written
	 */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, Object body) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
	}

}
