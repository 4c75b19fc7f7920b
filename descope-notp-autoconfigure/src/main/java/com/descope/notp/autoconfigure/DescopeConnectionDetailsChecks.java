package com.descope.notp.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Checks what a {@link DescopeConnectionDetails} gives before the client is built, so a
 * blank or malformed value fails at start-up with a message that names its source and
 * what is wrong, not later at a first login or in the JWKS URI.
 */
final class DescopeConnectionDetailsChecks {

	/** What a Descope project id is made of. */
	static final String PROJECT_ID_PATTERN = "[A-Za-z0-9]{4,64}";

	/** The rule for a project id, as the failures state it. */
	static final String PROJECT_ID_RULE = "A Descope project id is 4 to 64 letters and digits, such as P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	/** The rule for a base URL, as the failures state it. */
	static final String BASE_URL_RULE = "A Descope base URL is an absolute http or https URL with a host and no query, "
			+ "such as https://api.descope.com";

	private DescopeConnectionDetailsChecks() {
	}

	/**
	 * The project id of connection details, checked.
	 * @param details the connection details
	 * @return the trimmed project id
	 * @throws IllegalStateException when it is blank or not a project id, naming the
	 * connection details' type (the project id itself is not repeated)
	 */
	static String projectId(DescopeConnectionDetails details) {
		String projectId = details.getProjectId();
		if (!StringUtils.hasText(projectId)) {
			throw new IllegalStateException(source(details) + " gave a blank project id. " + PROJECT_ID_RULE);
		}
		String id = projectId.trim();
		if (!id.matches(PROJECT_ID_PATTERN)) {
			throw new IllegalStateException(source(details) + " gave an unusable project id. " + PROJECT_ID_RULE);
		}
		return id;
	}

	/**
	 * The base URL of connection details, checked.
	 * @param details the connection details
	 * @return the base URL, or {@code null} (when blank) to derive it from the project id
	 * @throws IllegalStateException when it is not an absolute http or https URL, naming
	 * the connection details' type and the URL
	 */
	static @Nullable String baseUrl(DescopeConnectionDetails details) {
		String baseUrl = details.getBaseUrl();
		if (!StringUtils.hasText(baseUrl)) {
			return null;
		}
		if (!isBaseUrl(baseUrl)) {
			throw new IllegalStateException(
					source(details) + " gave the base URL '" + baseUrl + "', which cannot be used. " + BASE_URL_RULE);
		}
		return baseUrl;
	}

	/**
	 * Whether a value is an absolute {@code http} or {@code https} URL with a host and
	 * neither query nor fragment.
	 * @param value the value
	 * @return {@code true} when the client can call it
	 */
	static boolean isBaseUrl(String value) {
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			return false;
		}
		String scheme = uri.getScheme();
		return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
				&& uri.getRawQuery() == null && uri.getRawFragment() == null;
	}

	private static String source(DescopeConnectionDetails details) {
		return "The " + DescopeConnectionDetails.class.getSimpleName() + " bean (" + details.getClass().getName() + ")";
	}

}
