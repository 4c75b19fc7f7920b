package com.descope.notp.security.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeUnavailableException;
import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpAuthenticationPendingException;
import com.descope.notp.core.NotpAuthenticationToken;
import com.descope.notp.core.NotpFlowAlreadyRedeemedException;
import com.descope.notp.core.NotpFlowNotFoundException;
import com.descope.notp.core.NotpInvalidRequestException;
import com.descope.notp.observation.DescopeObservationContext;
import com.descope.notp.observation.DescopeObservationConvention;
import com.descope.notp.observation.DescopeObservationDocumentation;
import com.descope.notp.security.SharedHttpSessions;
import com.descope.notp.web.JsonResponses;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
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
 * Descope); a failed flow is forgotten and a redeemed one remembered
 * ({@link PendingFlowRepository#redeemFlow}), so a {@code pendingRef} is redeemed once: a
 * later attempt of the same session is answered {@code 200} with the session's login
 * while it is signed in by it, without asking Descope, and {@code 401} otherwise.
 * <p>
 * Several instances sharing the HTTP session (Spring Session) each claim on their own
 * copy of it, so two of them may ask Descope about one confirmed flow at the same moment;
 * Descope answers the session once, and the other gets {@code 400}
 * ({@link NotpFlowAlreadyRedeemedException}). That attempt answers {@code 202
 * {"status":"pending"}} and writes nothing back to the shared session
 * ({@link SharedHttpSessions#discardChanges}): the winner's answer carries the new
 * session, and the browser's next poll is answered {@code 200} from it.
 * <p>
 * Each attempt is a {@code descope.login.poll} observation
 * ({@link DescopeObservationDocumentation#LOGIN_POLL}) with its outcome and Descope's
 * error code; Spring Security's authentication observation and the call to Descope are
 * its children.
 */
public final class NotpAuthenticationFilter extends AbstractAuthenticationProcessingFilter {

	private AuthenticationConverter authenticationConverter = new NotpAuthenticationConverter();

	private final PendingFlowRepository flowRepository;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable DescopeObservationConvention observationConvention;

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

	/**
	 * Where polls are observed.
	 * @param observationRegistry default {@link ObservationRegistry#NOOP}
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * The convention of the {@code descope.login.poll} observation.
	 * @param observationConvention the convention, or {@code null} for the registry's
	 * global one or the default
	 */
	public void setObservationConvention(@Nullable DescopeObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	@Override
	public @Nullable Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
			throws AuthenticationException, IOException {
		DescopeObservationContext context = new DescopeObservationContext(DescopeObservationDocumentation.LOGIN_POLL);
		Observation observation = DescopeObservationDocumentation.LOGIN_POLL
			.create(this.observationConvention, context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			Authentication result = attempt(request, response, context);
			if (context.getOutcome() == null) {
				context.setOutcome("completed");
			}
			return result;
		}
		catch (AuthenticationException ex) {
			record(context, ex);
			throw ex;
		}
		catch (IOException ex) {
			// reading the request or writing the answer failed: not attached, since an
			// I/O
			// exception's message may quote what it read
			context.setOutcome("error");
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			context.setOutcome("error");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static void record(DescopeObservationContext context, AuthenticationException ex) {
		if (context.getOutcome() != null) {
			return;
		}
		if (ex instanceof NotpAuthenticationPendingException) {
			context.setOutcome("pending");
		}
		else if (ex instanceof NotpFlowNotFoundException) {
			context.setOutcome("unknown_flow");
		}
		else if (ex instanceof NotpFlowAlreadyRedeemedException) {
			context.setOutcome("redeemed_elsewhere");
		}
		else if (ex instanceof NotpAuthenticationFailedException failed) {
			context.setOutcome("failed");
			context.setErrorCode(failed.getErrorCode());
		}
		else if (ex instanceof DescopeUnavailableException) {
			context.setOutcome("unavailable");
		}
		else if (ex instanceof NotpInvalidRequestException) {
			context.setOutcome("invalid_request");
		}
		else {
			context.setOutcome("failed");
		}
	}

	private @Nullable Authentication attempt(HttpServletRequest request, HttpServletResponse response,
			DescopeObservationContext context) throws AuthenticationException, IOException {
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
		if (claim == FlowClaim.REDEEMED) {
			Authentication answered = answerRedeemed(request, response);
			context.setOutcome("already_completed");
			return answered;
		}
		if (claim == FlowClaim.UNKNOWN) {
			throw new NotpFlowNotFoundException();
		}
		if (claim == FlowClaim.BUSY) {
			context.setOutcome("throttled");
			throw new NotpAuthenticationPendingException();
		}
		token.setDetails(this.authenticationDetailsSource.buildDetails(request));
		Authentication result;
		try {
			result = getAuthenticationManager().authenticate(token);
		}
		catch (NotpFlowAlreadyRedeemedException ex) {
			if (!SharedHttpSessions.isShared(request)) {
				// no other instance shares this flow's session, and this one redeems a
				// flow at most once at a time and remembers it: Descope no longer knowing
				// it means a copy was replayed (a stored or cookie flow used again)
				this.flowRepository.removeFlow(pendingRef, request, response);
				throw new NotpFlowNotFoundException();
			}
			// another instance sharing this session redeemed the flow meanwhile: this
			// request's copy of the session is stale, and must not be written back over
			// (or after) the one that attempt signed in
			SharedHttpSessions.discardChanges(request);
			throw ex;
		}
		catch (NotpAuthenticationFailedException ex) {
			this.flowRepository.removeFlow(pendingRef, request, response);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			this.flowRepository.releaseFlow(pendingRef, request, response);
			throw ex;
		}
		this.flowRepository.redeemFlow(pendingRef, request, response);
		return result;
	}

	/**
	 * Answers an attempt on a flow this session has already redeemed: with the session's
	 * login, as the success handler answered the attempt that redeemed it, when the
	 * session is still signed in by it; else as an unknown flow.
	 * @param request the completion request
	 * @param response its response, answered here
	 * @return {@code null}: the answer is written
	 */
	private @Nullable Authentication answerRedeemed(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Authentication current = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (!(current instanceof DescopeAuthenticationToken) || !current.isAuthenticated()) {
			throw new NotpFlowNotFoundException();
		}
		try {
			getSuccessHandler().onAuthenticationSuccess(request, response, current);
		}
		catch (ServletException ex) {
			throw new IOException(ex);
		}
		// answered: the chain stops here, with no new session id nor saved context
		return null;
	}

	@Override
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		super.setSecurityContextHolderStrategy(securityContextHolderStrategy);
		this.securityContextHolderStrategy = securityContextHolderStrategy;
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
