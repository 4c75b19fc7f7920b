package com.descope.notp.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers unauthenticated API requests: {@code 401} problem+json with an RFC 6750 (section 3)
 * {@code WWW-Authenticate: Bearer} challenge, carrying {@code error="invalid_token"} when a
 * presented token was refused. When the token could not be checked because Descope's keys could
 * not be fetched, it answers {@code 503} with {@code Retry-After} instead, since the token may
 * well be valid. Neither the token nor the reason's internals are echoed.
 */
public class DescopeAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private String realmName = "descope";

	/**
	 * The realm named in the challenge.
	 * @param realmName default {@code descope}
	 */
	public void setRealmName(String realmName) {
		this.realmName = realmName;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof AuthenticationServiceException) {
			ProblemDetailsWriter.writeWithRetryAfter(request, response, ProblemType.DESCOPE_UNAVAILABLE,
					"The session token could not be checked now; try again later", null);
			return;
		}
		if (authException instanceof OAuth2AuthenticationException) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + this.realmName
					+ "\", error=\"invalid_token\", error_description=\"The session token is invalid or expired\"");
			ProblemDetailsWriter.write(request, response, ProblemType.INVALID_TOKEN,
					"The session token is invalid or expired", Map.of());
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + this.realmName + "\"");
		ProblemDetailsWriter.write(request, response, ProblemType.UNAUTHENTICATED,
				"Sign in, or send a Descope session token as a bearer token", Map.of());
	}

}
