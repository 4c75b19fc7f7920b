package com.descope.notp.security.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpAuthenticationPendingException;
import com.descope.notp.core.NotpAuthenticationToken;
import com.descope.notp.core.NotpFlowNotFoundException;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.web.JsonResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * Completes a nOTP login at {@code POST /login/notp/session} ({@code pendingRef} in a
 * JSON body or form), at most one upstream poll per call. The {@code pendingRef} must
 * belong to a flow this browser session started ({@link PendingFlowRepository}), else
 * {@code 401} with no call to Descope. While the person has not confirmed, it answers
 * {@code 202 {"status":"pending"}} and keeps the flow; once they have, Spring Security's
 * usual success path runs: the session id changes (the chain's
 * {@code SessionAuthenticationStrategy}), the {@code SecurityContext} is saved through
 * the chain's {@code SecurityContextRepository}, events are published, and the success
 * handler answers. Each attempt claims the flow first, so concurrent attempts of one
 * session never ask Descope twice at once (the second answers "pending"), nor sooner than
 * one polling interval after the last (those in between answer "pending" with no call to
 * Descope), and the flow is forgotten once redeemed or failed, so a {@code pendingRef}
 * works once.
 */
public final class NotpAuthenticationFilter extends AbstractAuthenticationProcessingFilter {

	private AuthenticationConverter authenticationConverter = new NotpAuthenticationConverter();

	private final PendingFlowRepository flowRepository;

	/**
	 * A completion filter.
	 * @param requestMatcher which requests complete a login, usually
	 * {@code POST /login/notp/session}
	 * @param authenticationManager authenticates the {@link NotpAuthenticationToken}
	 * @param flowRepository knows the session's flows
	 */
	public NotpAuthenticationFilter(RequestMatcher requestMatcher, AuthenticationManager authenticationManager,
			PendingFlowRepository flowRepository) {
		super(requestMatcher, authenticationManager);
		Assert.notNull(flowRepository, "flowRepository must not be null");
		this.flowRepository = flowRepository;
	}

	/**
	 * How the {@code pendingRef} is read from the request.
	 * @param authenticationConverter default {@link NotpAuthenticationConverter}; must
	 * answer a {@link NotpAuthenticationToken}
	 */
	public void setAuthenticationConverter(AuthenticationConverter authenticationConverter) {
		Assert.notNull(authenticationConverter, "authenticationConverter must not be null");
		this.authenticationConverter = authenticationConverter;
	}

	@Override
	public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
			throws AuthenticationException, IOException {
		Authentication requested;
		try {
			requested = this.authenticationConverter.convert(request);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		if (!(requested instanceof NotpAuthenticationToken token)) {
			throw new NotpInvalidRequestException("pendingRef", "Send the pendingRef of the login to complete");
		}
		String pendingRef = token.getPendingRef();
		FlowClaim claim = this.flowRepository.claimFlow(pendingRef, request, response);
		if (claim == FlowClaim.UNKNOWN) {
			throw new NotpFlowNotFoundException();
		}
		if (claim == FlowClaim.BUSY) {
			throw new NotpAuthenticationPendingException();
		}
		token.setDetails(this.authenticationDetailsSource.buildDetails(request));
		boolean ended = false;
		try {
			Authentication result = getAuthenticationManager().authenticate(token);
			ended = true;
			return result;
		}
		catch (NotpAuthenticationFailedException | NotpFlowNotFoundException ex) {
			ended = true;
			throw ex;
		}
		finally {
			if (ended) {
				this.flowRepository.removeFlow(pendingRef, request, response);
			}
			else {
				this.flowRepository.releaseFlow(pendingRef, request, response);
			}
		}
	}

	@Override
	protected void unsuccessfulAuthentication(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failed) throws IOException, ServletException {
		if (failed instanceof NotpAuthenticationPendingException) {
			JsonResponses.write(response, HttpServletResponse.SC_ACCEPTED, Map.of("status", "pending"));
			return;
		}
		super.unsuccessfulAuthentication(request, response, failed);
	}

}
