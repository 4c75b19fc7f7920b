package com.descope.notp.autoconfigure;

import org.springframework.aot.AotDetector;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing {@code descope.project-id} at start-up. An application that runs
 * from AOT-generated code is told, besides, that the development-time emulator does not
 * start there.
 */
class DescopeProjectIdMissingFailureAnalyzer extends AbstractFailureAnalyzer<DescopeProjectIdMissingException> {

	/** What an application that runs from AOT-generated code is told besides. */
	static final String AOT_ACTION = """


			This application runs from AOT-generated code (spring.aot.enabled=true, or a native image), where the \
			development-time emulator does not start, as Spring Boot's Docker Compose support does not: its beans were \
			settled when the application was processed. Set descope.project-id (and descope.base-url to use an emulator \
			you run yourself), or run the application without AOT.""";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DescopeProjectIdMissingException cause) {
		return new FailureAnalysis(
				"The Descope nOTP starter needs a Descope project id, and descope.project-id is not set.",
				"""
						Set descope.project-id to your project's id (Descope console, Project settings), for example in application.yml:

						    descope:
						      project-id: P2aAc4T2V93bddihGEx2Ryhc8e5Z

						or with the environment variable DESCOPE_PROJECT_ID. To run locally without a Descope project, \
						add com.descope.notp:descope-notp-dev-emulator as an optional dependency: with no project id \
						it starts the Descope emulator and points the application at it. In tests, use \
						@DescopeEmulatorTest or the slices of com.descope.notp:descope-notp-spring-boot-starter-test."""
						+ (AotDetector.useGeneratedArtifacts() ? AOT_ACTION : ""),
				cause);
	}

}
