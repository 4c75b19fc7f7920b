package com.descope.notp.security.session;

import java.io.IOException;
import java.util.Map;

import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.security.DescopeBearerTokenResolver;
import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.Assert;

/**
 * Answers unauthenticated API requests: {@code 401} problem+json with an RFC 6750
 * (section 3) {@code WWW-Authenticate: Bearer} challenge, carrying
 * {@code error="invalid_token"} when a presented token was refused. When the token could
 * not be checked because Descope's keys could not be fetched, it answers {@code 503} with
 * {@code Retry-After} instead, since the token may well be valid. Neither the token nor
 * the reason's internals are echoed.
 * <p>
 * A malformed {@code Authorization: Bearer} header ({@code Bearer} with nothing after it,
 * {@code Bearer a b}, characters outside RFC 6750's {@code b64token}) is answered
 * {@code 401} with {@code error="invalid_token"} too, and a problem+json body of type
 * {@code invalid-token} whose {@code detail} says the header is malformed. RFC 6750,
 * section 3.1 lists a malformed access token under {@code invalid_token}, and reserves
 * {@code invalid_request} for status {@code 400}; a client that sees
 * {@code invalid_token} rightly drops the token and signs in again, as Spring Security's
 * own resource server answers. Every refused bearer request is therefore
 * {@code 401 invalid_token}, whatever error code the token resolver reported.
 * <p>
 * {@code notpLogin()} sends unauthenticated browser navigations to the login page and
 * only the other requests here; a navigation that reaches this entry point anyway gets
 * the application's error page with the same status and headers
 * ({@link ProblemDetailsWriter}).
 */
public class DescopeAuthenticationEntryPoint implements AuthenticationEntryPoint {

	/** RFC 6750, section 2.1: {@code "Bearer" 1*SP b64token}. */
	private static final String MALFORMED = "The Authorization header is not a well-formed bearer token";

	private static final String INVALID = "The session token is invalid or expired";

	private String realmName = "descope";

	private ProblemDetailsWriter problems = new ProblemDetailsWriter(new BrowserNavigationRequestMatcher());

	/**
	 * The realm named in the challenge.
	 * @param realmName default {@code descope}
	 */
	public void setRealmName(String realmName) {
		this.realmName = realmName;
	}

	/**
	 * How problems are answered: problem+json to API calls, the error page to browser
	 * navigations.
	 * @param problems default a {@link ProblemDetailsWriter} with a
	 * {@link BrowserNavigationRequestMatcher}
	 */
	public void setProblemDetailsWriter(ProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof AuthenticationServiceException) {
			this.problems.writeWithRetryAfter(request, response, ProblemType.DESCOPE_UNAVAILABLE,
					"The session token could not be checked now; try again later", null);
			return;
		}
		if (authException instanceof OAuth2AuthenticationException) {
			String description = isMalformedBearer(request) ? MALFORMED : INVALID;
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + this.realmName
					+ "\", error=\"invalid_token\", error_description=\"" + description + "\"");
			this.problems.write(request, response, ProblemType.INVALID_TOKEN, description, Map.of());
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + this.realmName + "\"");
		this.problems.write(request, response, ProblemType.UNAUTHENTICATED,
				"Sign in, or send a Descope session token as a bearer token", Map.of());
	}

	private static boolean isMalformedBearer(HttpServletRequest request) {
		return DescopeBearerTokenResolver.isMalformedBearerRequest(request);
	}

}
