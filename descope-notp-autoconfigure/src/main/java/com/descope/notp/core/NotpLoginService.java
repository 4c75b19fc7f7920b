package com.descope.notp.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.observation.DescopeObservationContext;
import com.descope.notp.observation.DescopeObservationConvention;
import com.descope.notp.observation.DescopeObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * What starting a nOTP login does, on no particular web stack: checks what a step-up or
 * MFA sign-in needs (the signed-in user's refresh JWT, and their own login id or none),
 * calls Descope's start endpoint ({@code POST
 * /v1/auth/notp/whatsapp/{signin|signup|signup-in}}), and dates the {@link PendingFlow}
 * the caller binds to the browser session. Before the call, its {@link NotpStartGuard}
 * (when set) refuses numbers of countries that may not sign in and starts past the rate
 * limits, since every start makes Descope send a WhatsApp message the application's owner
 * pays for. Completing it is {@link NotpAuthenticationProvider}'s.
 *
 * <p>
 * Each start is a {@code descope.login.start} observation
 * ({@link DescopeObservationDocumentation#LOGIN_START}) with its outcome, the nOTP method
 * and Descope's error code; the call to Descope is its child.
 */
public class NotpLoginService {

	private static final Log logger = LogFactory.getLog(NotpLoginService.class);

	private final DescopeClient descopeClient;

	private final Duration flowTimeout;

	private Clock clock = Clock.systemUTC();

	private @Nullable NotpStartGuard startGuard;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable DescopeObservationConvention observationConvention;

	/**
	 * A login service.
	 * @param descopeClient calls Descope
	 * @param flowTimeout how long a started flow may be completed
	 */
	public NotpLoginService(DescopeClient descopeClient, Duration flowTimeout) {
		Assert.notNull(descopeClient, "descopeClient must not be null");
		Assert.isTrue(flowTimeout != null && !flowTimeout.isNegative() && !flowTimeout.isZero(),
				"flowTimeout must be positive");
		this.descopeClient = descopeClient;
		this.flowTimeout = flowTimeout;
	}

	/**
	 * The clock flows are dated with.
	 * @param clock default the system UTC clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	/**
	 * The limits checked before each start.
	 * @param startGuard the guard, or {@code null} for none (the default of a service
	 * made by hand; the auto-configuration sets one from {@code descope.notp.*})
	 */
	public void setStartGuard(@Nullable NotpStartGuard startGuard) {
		this.startGuard = startGuard;
	}

	/**
	 * Where starts are observed.
	 * @param observationRegistry default {@link ObservationRegistry#NOOP}
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * The convention of the {@code descope.login.start} observation.
	 * @param observationConvention the convention, or {@code null} for the registry's
	 * global one or the default
	 */
	public void setObservationConvention(@Nullable DescopeObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * The limits checked before each start.
	 * @return the guard, or {@code null} for none
	 */
	public @Nullable NotpStartGuard getStartGuard() {
		return this.startGuard;
	}

	/**
	 * Starts a flow for a client whose address is not known: no per-address limit
	 * applies.
	 * @param request the checked start request
	 * @param refreshJwt the signed-in user's refresh JWT, or {@code null}
	 * @param current the request's authentication, or {@code null}
	 * @return as {@link #start(NotpStartRequest, String, String, Authentication)}
	 */
	public NotpStartResult start(NotpStartRequest request, @Nullable String refreshJwt,
			@Nullable Authentication current) {
		return start(request, null, refreshJwt, current);
	}

	/**
	 * Starts a flow.
	 * @param request the checked start request
	 * @param clientAddress the client's IP address as the web stack sees it (behind a
	 * proxy, the one its forwarded headers name), for the per-address limit; {@code null}
	 * when not known
	 * @param refreshJwt the signed-in user's refresh JWT, or {@code null}; needed (and
	 * only sent) for step-up and MFA
	 * @param current the request's authentication, or {@code null}; its login ids bound
	 * the number a step-up may name
	 * @return {@link NotpStartResult.Started} with the flow to record,
	 * {@link NotpStartResult.Rejected} when a step-up or MFA sign-in lacks what it needs
	 * or the number's country may not sign in, {@link NotpStartResult.Limited} past a
	 * rate limit (nothing is sent to Descope in these cases), or
	 * {@link NotpStartResult.Failed} with Descope's answer
	 */
	public NotpStartResult start(NotpStartRequest request, @Nullable String clientAddress, @Nullable String refreshJwt,
			@Nullable Authentication current) {
		DescopeObservationContext context = new DescopeObservationContext(DescopeObservationDocumentation.LOGIN_START);
		context.setKind(request.method().value());
		Observation observation = DescopeObservationDocumentation.LOGIN_START
			.create(this.observationConvention, context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			NotpStartResult result = doStart(request, clientAddress, refreshJwt, current);
			record(context, result);
			return result;
		}
		catch (RuntimeException ex) {
			context.setOutcome("error");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static void record(DescopeObservationContext context, NotpStartResult result) {
		if (result instanceof NotpStartResult.Started) {
			context.setOutcome("started");
		}
		else if (result instanceof NotpStartResult.Rejected rejected) {
			context.setOutcome("rejected");
			context.setReason(rejected.reason().name().toLowerCase(Locale.ROOT));
		}
		else if (result instanceof NotpStartResult.Limited limited) {
			context.setOutcome("limited");
			context.setReason(limited.scope().name().toLowerCase(Locale.ROOT));
		}
		else if (result instanceof NotpStartResult.Failed failed) {
			context.setOutcome("failed");
			context.setErrorCode((failed.answer().error() != null) ? failed.answer().error().errorCode() : null);
		}
	}

	private NotpStartResult doStart(NotpStartRequest request, @Nullable String clientAddress,
			@Nullable String refreshJwt, @Nullable Authentication current) {
		boolean actsOnUser = request.loginOptions().requiresRefreshJwt();
		if (actsOnUser) {
			if (!StringUtils.hasText(refreshJwt)) {
				return new NotpStartResult.Rejected(NotpStartResult.Reason.SIGN_IN_REQUIRED);
			}
			if (!isUsersLoginId(request.loginId(), current)) {
				return new NotpStartResult.Rejected(NotpStartResult.Reason.NOT_THE_USERS_LOGIN_ID);
			}
		}
		if (this.startGuard != null) {
			NotpStartGuard.Decision decision = this.startGuard.check(request.loginId(), clientAddress);
			if (decision instanceof NotpStartGuard.Decision.RegionRefused) {
				return new NotpStartResult.Rejected(NotpStartResult.Reason.REGION_NOT_ALLOWED);
			}
			if (decision instanceof NotpStartGuard.Decision.Limited limited) {
				if (logger.isDebugEnabled()) {
					logger.debug("Refused a nOTP start: the " + limited.scope().name().toLowerCase(Locale.ROOT)
							+ " rate limit has no permit left for " + limited.retryAfter());
				}
				return new NotpStartResult.Limited(limited.scope(), limited.retryAfter());
			}
		}
		DescopeResponse<NotpLinkResponse> answer = this.descopeClient.start(request, actsOnUser ? refreshJwt : null);
		NotpLinkResponse link = answer.data();
		if (!answer.ok() || link == null || !StringUtils.hasText(link.pendingRef())) {
			return new NotpStartResult.Failed(answer, actsOnUser);
		}
		Instant now = this.clock.instant();
		if (logger.isDebugEnabled()) {
			logger.debug("Started nOTP " + request.method().value() + " flow " + link);
		}
		return new NotpStartResult.Started(
				new PendingFlow(link.pendingRef(), request.method(), now, now.plus(this.flowTimeout)), link);
	}

	/**
	 * Whether a step-up may name this login id. A session known only from its tokens has
	 * no login ids (in the cookie mode it is not even read into an authentication before
	 * the start): Descope then checks the number against the refresh JWT's user, which
	 * the start call carries.
	 * @param loginId the number the request names, or empty for none
	 * @param current the request's authentication, or {@code null}
	 * @return {@code true} when it names none, the signed-in user's own, or the user's
	 * login ids are not known here
	 */
	private static boolean isUsersLoginId(String loginId, @Nullable Authentication current) {
		if (loginId.isEmpty() || current == null || !(current.getPrincipal() instanceof DescopePrincipal user)) {
			return true;
		}
		return user.loginIds().isEmpty() || user.loginIds().contains(loginId);
	}

}
