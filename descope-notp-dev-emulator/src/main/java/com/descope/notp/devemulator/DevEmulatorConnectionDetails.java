package com.descope.notp.devemulator;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.test.DescopeEmulator;

/**
 * The {@link DescopeConnectionDetails} of a running {@link DescopeEmulator}: its project
 * id and its base URL.
 */
final class DevEmulatorConnectionDetails implements DescopeConnectionDetails {

	private final String projectId;

	private final String baseUrl;

	DevEmulatorConnectionDetails(DescopeEmulator emulator) {
		this.projectId = emulator.projectId();
		this.baseUrl = emulator.baseUrl();
	}

	@Override
	public String getProjectId() {
		return this.projectId;
	}

	@Override
	public String getBaseUrl() {
		return this.baseUrl;
	}

	@Override
	public String toString() {
		return "DevEmulatorConnectionDetails[" + this.baseUrl + ", projectId=" + this.projectId + "]";
	}

}
