package com.descope.notp.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.util.Assert;

/**
 * Accepts a JWT whose {@code iss} is the project id, or a URL (or path) whose last or
 * second-to-last path segment is the project id ({@code docs/descope-protocol.md},
 * "Issuer forms": the Node SDK's rule; the second-to-last form is used by MCP tokens).
 * Rejects a missing issuer, another project's, an issuer that only starts with the
 * project id, and one that carries the project id as a host
 * ({@code https://<projectId>/other}).
 */
public final class DescopeIssuerValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error INVALID_ISSUER = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token was not issued for this Descope project", "https://tools.ietf.org/html/rfc6750#section-3.1");

	private final String projectId;

	/**
	 * The last issuer accepted: a project's tokens all carry the same one, so the URI
	 * parse below runs once, not per token. Strings are immutable, so a racing write only
	 * costs a parse.
	 */
	private volatile @Nullable String lastAccepted;

	/**
	 * A validator for one project.
	 * @param projectId the project id; must not be blank
	 */
	public DescopeIssuerValidator(String projectId) {
		Assert.hasText(projectId, "projectId must not be empty");
		this.projectId = projectId;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		// Nimbus parses iss as a string or rejects the token, so no conversion is needed
		String issuer = (token.getClaims().get(JwtClaimNames.ISS) instanceof String iss) ? iss : null;
		if (issuer != null && issuer.equals(this.lastAccepted)) {
			return OAuth2TokenValidatorResult.success();
		}
		if (!isOurs(issuer)) {
			return OAuth2TokenValidatorResult.failure(INVALID_ISSUER);
		}
		this.lastAccepted = issuer;
		return OAuth2TokenValidatorResult.success();
	}

	private boolean isOurs(@Nullable String issuer) {
		if (issuer == null || issuer.isEmpty()) {
			return false;
		}
		if (issuer.equals(this.projectId)) {
			return true;
		}
		try {
			String path = new URI(issuer).getPath();
			if (path == null) {
				return false;
			}
			List<String> segments = Arrays.stream(path.split("/")).filter((segment) -> !segment.isEmpty()).toList();
			int size = segments.size();
			return size >= 1 && (this.projectId.equals(segments.get(size - 1))
					|| (size >= 2 && this.projectId.equals(segments.get(size - 2))));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
