package com.descope.notp.security.login;

import java.io.IOException;

import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a request to the start endpoint asks for, in the manner of Spring Security's
 * {@code GenerateOneTimeTokenRequestResolver}. The default,
 * {@link DefaultNotpStartRequestResolver}, reads the JSON or form body the README's
 * Endpoints table describes; an application replaces it to take the number from elsewhere
 * (its own user record, say) with {@code notpLogin().startRequestResolver(..)}.
 */
@FunctionalInterface
public interface NotpStartRequestResolver {

	/**
	 * The start request of an HTTP request.
	 * @param request the request to the start endpoint
	 * @return the checked start request, or {@code null} when this request is not one to
	 * start a flow from: the start filter then passes it on down the chain, as Spring
	 * Security's {@code GenerateOneTimeTokenFilter} does, and nothing is sent to Descope
	 * @throws InvalidRequestException when a field is invalid: answered {@code 400}
	 * problem+json naming the field, and nothing is sent to Descope
	 * @throws IOException when the body cannot be read
	 */
	@Nullable NotpStartRequest resolve(HttpServletRequest request) throws IOException;

}
