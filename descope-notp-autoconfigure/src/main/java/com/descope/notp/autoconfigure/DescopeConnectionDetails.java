package com.descope.notp.autoconfigure;

import com.descope.notp.client.DescopeBaseUrls;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the starter finds its Descope project: the project id and the API base URL. The
 * auto-configuration reads a bean of this type before the {@code descope.*} properties,
 * the way Spring Boot's data-store auto-configurations read their
 * {@code ConnectionDetails}: a test support or a development-time service (the Descope
 * emulator) defines one to point the application at itself, and the properties apply only
 * when no such bean exists.
 *
 * <p>
 * With no bean of this type, the auto-configuration defines one from
 * {@code descope.project-id} and {@code descope.base-url}; asking it for the project id
 * then fails with {@link DescopeProjectIdMissingException} when the property is not set.
 * What a bean of the application's own gives is checked when the client is built: a blank
 * or malformed project id or base URL fails the start-up, naming the bean's type.
 */
public interface DescopeConnectionDetails extends ConnectionDetails {

	/**
	 * The Descope project id, the issuer of the project's session JWTs and the first half
	 * of every API call's bearer credential.
	 * @return the project id, for example {@code P2aAc4T2V93bddihGEx2Ryhc8e5Z}: 4 to 64
	 * letters and digits
	 */
	String getProjectId();

	/**
	 * The base URL of Descope's API for the project.
	 * @return an absolute {@code http} or {@code https} URL with a host and no query (a
	 * trailing slash is dropped), or blank for the one derived from the project id; by
	 * default the one Descope's SDKs derive from the project id
	 * ({@link DescopeBaseUrls#forProjectId(String)})
	 */
	default String getBaseUrl() {
		return DescopeBaseUrls.forProjectId(getProjectId());
	}

}
