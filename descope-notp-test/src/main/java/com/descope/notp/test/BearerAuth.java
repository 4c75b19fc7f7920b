package com.descope.notp.test;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code Authorization: Bearer <projectId>[:<jwt>[:<key>]]} header.
 * {@link #toString()} never shows the token.
 *
 * @param projectId the project id before the first {@code :}
 * @param token the JWT after it, or {@code null} when there is none
 */
record BearerAuth(String projectId, @Nullable String token) {

	/** Parses the header; {@code null} when absent or not a Bearer header. */
	static @Nullable BearerAuth parse(@Nullable String header) {
		if (header == null) {
			return null;
		}
		String value = header.strip();
		if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
			return null;
		}
		String[] parts = value.substring(7).strip().split(":", 3);
		String token = (parts.length > 1 && !parts[1].isBlank()) ? parts[1] : null;
		return new BearerAuth(parts[0], token);
	}

	@Override
	public String toString() {
		return "BearerAuth[projectId=" + this.projectId + ", token=" + ((this.token != null) ? "<redacted>" : "none")
				+ "]";
	}
}
