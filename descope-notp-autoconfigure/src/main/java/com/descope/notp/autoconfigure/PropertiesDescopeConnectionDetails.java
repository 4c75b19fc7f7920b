package com.descope.notp.autoconfigure;

/**
 * The {@link DescopeConnectionDetails} of {@code descope.project-id} and
 * {@code descope.base-url}, read when asked, so a missing project id fails where the
 * client is built, with {@link DescopeProjectIdMissingException}.
 */
final class PropertiesDescopeConnectionDetails implements DescopeConnectionDetails {

	private final DescopeProperties properties;

	PropertiesDescopeConnectionDetails(DescopeProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getProjectId() {
		return this.properties.requireProjectId();
	}

	@Override
	public String getBaseUrl() {
		String baseUrl = this.properties.getBaseUrl();
		return (baseUrl != null && !baseUrl.isBlank()) ? baseUrl : DescopeConnectionDetails.super.getBaseUrl();
	}

}
