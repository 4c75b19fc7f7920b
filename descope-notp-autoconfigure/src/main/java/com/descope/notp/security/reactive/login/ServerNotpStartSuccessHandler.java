package com.descope.notp.security.reactive.login;

import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.security.answers.NotpLoginAnswers;
import com.descope.notp.security.reactive.ServerJsonResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a started flow, the reactive twin of the servlet
 * {@code NotpStartSuccessHandler}. The default ({@link #DEFAULT}) answers {@code 200
 * {"pendingRef", "redirectUrl", "image"}} with {@code Cache-Control: no-store}, as the
 * servlet side does.
 */
@FunctionalInterface
public interface ServerNotpStartSuccessHandler {

	/** The default answer: {@code 200 {"pendingRef", "redirectUrl", "image"}}. */
	ServerNotpStartSuccessHandler DEFAULT = (exchange, link) -> ServerJsonResponses.write(exchange, HttpStatus.OK,
			NotpLoginAnswers.started(link));

	/**
	 * Answers a started flow.
	 * @param exchange the start exchange
	 * @param link the answer of Descope: the {@code pendingRef}, the WhatsApp link and QR
	 * code
	 * @return completes when the answer is written
	 */
	Mono<Void> onStarted(ServerWebExchange exchange, NotpLinkResponse link);

}
