package com.descope.notp.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC application secured with WhatsApp login through Descope nOTP. With no
 * {@code descope.project-id} it runs on the Descope emulator, which the development-time
 * dependency {@code com.descope.notp:descope-notp-dev-emulator} starts (and logs the URL,
 * project id and seeded numbers of); the sample packages that dependency, being the demo,
 * where an application of your own would declare it optional.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Starts the application.
	 * @param args command-line arguments, for example {@code --descope.project-id=P...}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
