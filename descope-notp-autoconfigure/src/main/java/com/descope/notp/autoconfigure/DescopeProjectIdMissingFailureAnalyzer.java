package com.descope.notp.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing {@code descope.project-id} at start-up.
 */
class DescopeProjectIdMissingFailureAnalyzer extends AbstractFailureAnalyzer<DescopeProjectIdMissingException> {

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
						@DescopeEmulatorTest or the slices of com.descope.notp:descope-notp-spring-boot-starter-test.""",
				cause);
	}

}
