package com.descope.notp.gatewaysample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Cloud Gateway (the WebFlux server) secured by Descope session tokens. The
 * starter sees a reactive application and registers its default
 * {@code SecurityWebFilterChain}: every exchange needs a valid session JWT (an
 * {@code Authorization: Bearer} header or a front end's {@code DS} cookie) before the
 * gateway routes it, and an API call without one is answered {@code 401} problem+json
 * without reaching any route. The routes come from
 * {@code spring.cloud.gateway.server.webflux.routes} in {@code application.yml}; the
 * default filter {@code RelayDescopeUserId} tells the downstream service who the user is.
 * With no {@code descope.project-id} it runs on the Descope emulator, which the
 * development-time dependency {@code com.descope.notp:descope-notp-dev-emulator} starts.
 */
@SpringBootApplication
public class GatewaySampleApplication {

	/**
	 * Starts the gateway.
	 * @param args command-line arguments, for example
	 * {@code --descope.project-id=P... --downstream.uri=http://orders:8080}
	 */
	public static void main(String[] args) {
		SpringApplication.run(GatewaySampleApplication.class, args);
	}

}
