package com.descope.notp.autoconfigure;

/**
 * {@code descope.project-id} is not set. {@link DescopeProjectIdMissingFailureAnalyzer}
 * turns it into a start-up message that says what to set.
 */
public class DescopeProjectIdMissingException extends IllegalStateException {

	/** The failure. */
	public DescopeProjectIdMissingException() {
		super("descope.project-id is not set");
	}

}
