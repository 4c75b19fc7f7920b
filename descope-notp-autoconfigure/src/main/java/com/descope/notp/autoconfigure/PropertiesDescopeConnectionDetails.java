package com.descope.notp.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

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

	/**
	 * {@code descope.base-url}, checked, else the one derived from the project id.
	 * @return the base URL
	 * @throws InvalidConfigurationPropertyValueException when {@code descope.base-url} is
	 * not an absolute http or https URL
	 */
	@Override
	public String getBaseUrl() {
		String baseUrl = this.properties.getBaseUrl();
		if (baseUrl == null || baseUrl.isBlank()) {
			return DescopeConnectionDetails.super.getBaseUrl();
		}
		if (!DescopeConnectionDetailsChecks.isBaseUrl(baseUrl)) {
			throw new InvalidConfigurationPropertyValueException("descope.base-url", baseUrl,
					DescopeConnectionDetailsChecks.BASE_URL_RULE);
		}
		return baseUrl;
	}

}
