package com.descope.notp.security.reactive.login;

import com.descope.notp.web.BufferedRequestFields;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.JsonBodies;
import com.descope.notp.web.RequestFields;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a login endpoint's body on the reactive side within the limit the servlet side
 * reads it with ({@link JsonBodies#MAX_BODY_BYTES}). A JSON body: at most the limit + 1
 * bytes are taken (the rest is not read), so that a larger one is refused as too large
 * ({@code 400} naming {@code body}) without being buffered. A form: the exchange's form
 * data, which the CSRF filter may have read already (a request body can be read once),
 * refused as too large beforehand from its {@code Content-Length}, and answered as
 * unparsable ({@code 400} naming {@code body}) when the server cannot decode it. A body
 * that is neither is not read: the readers refuse its content type.
 */
final class ServerRequestBodies {

	private ServerRequestBodies() {
	}

	static Mono<RequestFields> read(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		if (JsonBodies.isForm(contentType)) {
			long length = request.getHeaders().getContentLength();
			if (length > JsonBodies.MAX_BODY_BYTES) {
				return Mono.error(new InvalidRequestException("body",
						"The body is larger than " + JsonBodies.MAX_BODY_BYTES + " bytes"));
			}
			return exchange.getFormData()
				.onErrorMap((ex) -> !(ex instanceof InvalidRequestException),
						(ex) -> new InvalidRequestException("body",
								"The form body cannot be parsed: check its percent-encoding and character set"))
				.map((form) -> new BufferedRequestFields(contentType, new byte[0], request.getQueryParams(), form));
		}
		if (!JsonBodies.isJson(contentType)) {
			return Mono.just(new BufferedRequestFields(contentType, new byte[0], request.getQueryParams(),
					new LinkedMultiValueMap<>()));
		}
		return DataBufferUtils
			.join(DataBufferUtils.takeUntilByteCount(request.getBody(), JsonBodies.MAX_BODY_BYTES + 1L))
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> new BufferedRequestFields(contentType, bytes, request.getQueryParams(),
					new LinkedMultiValueMap<>()));
	}

}
