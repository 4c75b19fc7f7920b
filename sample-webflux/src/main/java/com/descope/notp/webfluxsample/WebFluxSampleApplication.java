package com.descope.notp.webfluxsample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring WebFlux application secured by Descope session tokens. The starter sees a
 * reactive application and registers its reactive beans: the default
 * {@code SecurityWebFilterChain} (bearer and {@code DS}-cookie authentication, browsers
 * sent to the login page, APIs answered problem+json) and reactive method security. With
 * no {@code descope.project-id} it runs on the Descope emulator, which the
 * development-time dependency {@code com.descope.notp:descope-notp-dev-emulator} starts.
 */
@SpringBootApplication
public class WebFluxSampleApplication {

	/**
	 * Starts the application.
	 * @param args command-line arguments, for example {@code --descope.project-id=P...}
	 */
	public static void main(String[] args) {
		SpringApplication.run(WebFluxSampleApplication.class, args);
	}

}
