package com.descope.notp.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.DescopeError;
import com.descope.notp.client.DescopeErrorCodes;
import com.descope.notp.client.DescopeResponse;
import com.descope.notp.client.JwtResponse;
import com.descope.notp.observation.DescopeObservationContext;
import com.descope.notp.observation.DescopeObservationConvention;
import com.descope.notp.observation.DescopeObservationDocumentation;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * What a Descope session does after login, on no particular web stack: refresh and log
 * out.
 *
 * <p>
 * {@link #refresh(String, DescopeTokens)} is the one refresh operation of the starter
 * (the servlet filters that refresh automatically and at {@code POST /login/notp/refresh}
 * both call it): it asks Descope ({@code POST /v1/auth/refresh}), validates the new
 * session JWT with the same {@link JwtDecoder} as every request, and answers one
 * {@link RefreshResult}: refreshed (with the tokens to keep), refused, or unavailable.
 * Concurrent requests carrying the same refresh JWT share one upstream call: the first
 * asks Descope, the others wait for its answer. A definite answer (new tokens, or a
 * refusal) is also shared with requests that arrive within {@link #SHARE_WINDOW} after
 * it, since they still carry the old tokens; a transient failure is not kept, so the next
 * request tries again. Entries are keyed by a SHA-256 of the refresh JWT and held in a
 * bounded Caffeine cache.
 *
 * <p>
 * Each refresh is a {@code descope.session.refresh} observation and each logout a
 * {@code descope.session.logout} one ({@link DescopeObservationDocumentation}), with the
 * outcome and Descope's error code; the calls to Descope are their children.
 */
public class DescopeSessionManager {

	private static final Log logger = LogFactory.getLog(DescopeSessionManager.class);

	/**
	 * How long a definite refresh answer is shared with late requests carrying the same
	 * token.
	 */
	public static final Duration SHARE_WINDOW = Duration.ofSeconds(10);

	private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

	private final DescopeClient descopeClient;

	private final JwtDecoder jwtDecoder;

	private Clock clock = Clock.systemUTC();

	/**
	 * The refresh in flight (and its answer, for {@link #SHARE_WINDOW}) per refresh JWT's
	 * hash. Made at the first refresh or logout ({@link #inFlight()}), which keeps
	 * Caffeine's classes out of the application's start-up.
	 */
	private volatile @Nullable Cache<String, CompletableFuture<DescopeResponse<JwtResponse>>> inFlight;

	private final Object cacheLock = new Object();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable DescopeObservationConvention observationConvention;

	/**
	 * A session manager.
	 * @param descopeClient calls Descope
	 * @param jwtDecoder validates the refreshed session JWTs
	 */
	public DescopeSessionManager(DescopeClient descopeClient, JwtDecoder jwtDecoder) {
		Assert.notNull(descopeClient, "descopeClient must not be null");
		Assert.notNull(jwtDecoder, "jwtDecoder must not be null");
		this.descopeClient = descopeClient;
		this.jwtDecoder = jwtDecoder;
	}

	/**
	 * The clock {@code cookieMaxAge} is turned into an expiry with.
	 * @param clock default the system UTC clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Where refreshes and logouts are observed.
	 * @param observationRegistry default {@link ObservationRegistry#NOOP}
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * The convention of the {@code descope.session.refresh} and
	 * {@code descope.session.logout} observations.
	 * @param observationConvention the convention, or {@code null} for the registry's
	 * global one or the default
	 */
	public void setObservationConvention(@Nullable DescopeObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Refreshes a session, sharing the upstream call with concurrent requests for the
	 * same refresh JWT, and validates the new session JWT.
	 * @param refreshJwt the refresh JWT
	 * @param previous the tokens kept so far, or {@code null} when the client sent only
	 * the refresh JWT; the new tokens keep its refresh JWT and cookie attributes unless
	 * Descope sent new ones (rotation)
	 * @return {@link RefreshResult.Refreshed} with the tokens to keep and the validated
	 * session JWT; {@link RefreshResult.Refused} when Descope refused the refresh JWT or
	 * answered a session JWT that does not validate; {@link RefreshResult.Unavailable}
	 * when Descope could not answer (network, {@code 5xx}, {@code 429}) or its keys could
	 * not be fetched to check the new token
	 */
	public RefreshResult refresh(String refreshJwt, @Nullable DescopeTokens previous) {
		DescopeObservationContext context = new DescopeObservationContext(
				DescopeObservationDocumentation.SESSION_REFRESH);
		Observation observation = DescopeObservationDocumentation.SESSION_REFRESH
			.create(this.observationConvention, context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			RefreshResult result = doRefresh(refreshJwt, previous);
			if (result instanceof RefreshResult.Refreshed) {
				context.setOutcome("refreshed");
			}
			else if (result instanceof RefreshResult.Refused refused) {
				context.setOutcome("refused");
				context.setErrorCode(refused.errorCode());
			}
			else if (result instanceof RefreshResult.Unavailable unavailable) {
				context.setOutcome("unavailable");
				context.setErrorCode(errorCode(unavailable.answer()));
			}
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

	private static @Nullable String errorCode(@Nullable DescopeResponse<?> answer) {
		return (answer != null && answer.error() != null) ? answer.error().errorCode() : null;
	}

	private RefreshResult doRefresh(String refreshJwt, @Nullable DescopeTokens previous) {
		DescopeResponse<JwtResponse> answer = refreshShared(refreshJwt);
		if (answer.isTransientFailure()) {
			return new RefreshResult.Unavailable(answer);
		}
		JwtResponse data = answer.data();
		if (!answer.ok() || data == null || !data.hasSessionJwt()) {
			return new RefreshResult.Refused((answer.error() != null) ? answer.error().errorCode() : null);
		}
		Jwt jwt;
		try {
			jwt = this.jwtDecoder.decode(data.sessionJwt());
		}
		catch (BadJwtException ex) {
			logger.debug("Descope's refreshed session token did not validate");
			return new RefreshResult.Refused(DescopeErrorCodes.INVALID_RESPONSE);
		}
		catch (JwtException ex) {
			return new RefreshResult.Unavailable(null);
		}
		DescopeTokens kept = (previous != null) ? previous : new DescopeTokens(null, refreshJwt);
		DescopeTokens tokens = DescopeTokens.from(data, jwt.getExpiresAt(), kept, this.clock.instant());
		return new RefreshResult.Refreshed(tokens, jwt, StringUtils.hasText(data.refreshJwt()));
	}

	/**
	 * Revokes a refresh JWT at Descope ({@code POST /v1/auth/logout}, or
	 * {@code /v1/auth/logoutall} for every session of the user) and forgets the refresh
	 * answer shared for it, so that a replay of the old tokens cannot get new ones.
	 * @param refreshJwt the refresh JWT
	 * @param everywhere {@code true} to revoke every session of the user
	 * @return the answer from Descope; a failure is the caller's to report, local state
	 * is cleared all the same
	 */
	public DescopeResponse<JwtResponse> logout(String refreshJwt, boolean everywhere) {
		DescopeObservationContext context = new DescopeObservationContext(
				DescopeObservationDocumentation.SESSION_LOGOUT);
		context.setKind(everywhere ? "all" : "session");
		Observation observation = DescopeObservationDocumentation.SESSION_LOGOUT
			.create(this.observationConvention, context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			DescopeResponse<JwtResponse> answer = everywhere ? this.descopeClient.logoutAll(refreshJwt)
					: this.descopeClient.logout(refreshJwt);
			context.setOutcome(answer.ok() ? "logged_out" : (answer.isTransientFailure() ? "unavailable" : "refused"));
			context.setErrorCode(errorCode(answer));
			return answer;
		}
		catch (RuntimeException ex) {
			context.setOutcome("error");
			observation.error(ex);
			throw ex;
		}
		finally {
			forget(refreshJwt);
			observation.stop();
		}
	}

	private DescopeResponse<JwtResponse> refreshShared(String refreshJwt) {
		String key = sha256(refreshJwt);
		CompletableFuture<DescopeResponse<JwtResponse>> mine = new CompletableFuture<>();
		CompletableFuture<DescopeResponse<JwtResponse>> shared = inFlight().asMap().putIfAbsent(key, mine);
		if (shared == null) {
			DescopeResponse<JwtResponse> answer;
			try {
				answer = this.descopeClient.refresh(refreshJwt);
			}
			catch (RuntimeException ex) {
				answer = DescopeResponse.failure(0,
						DescopeError.of(DescopeErrorCodes.TRANSPORT_FAILURE, "Descope could not be reached"));
			}
			mine.complete(answer);
			if (answer.isTransientFailure()) {
				inFlight().asMap().remove(key, mine);
			}
			return answer;
		}
		try {
			return shared.get(WAIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return DescopeResponse.failure(0, DescopeError.of(DescopeErrorCodes.TRANSPORT_FAILURE, "Interrupted"));
		}
		catch (ExecutionException | TimeoutException ex) {
			return DescopeResponse.failure(0,
					DescopeError.of(DescopeErrorCodes.TRANSPORT_FAILURE, "The shared refresh did not answer in time"));
		}
	}

	/**
	 * Forgets the answer shared for this refresh JWT, so that the next refresh with it
	 * asks Descope again: after a logout revoked it, a replay of the old tokens must not
	 * get the shared new ones.
	 * @param refreshJwt the refresh JWT
	 */
	public void forget(String refreshJwt) {
		inFlight().invalidate(sha256(refreshJwt));
	}

	private Cache<String, CompletableFuture<DescopeResponse<JwtResponse>>> inFlight() {
		Cache<String, CompletableFuture<DescopeResponse<JwtResponse>>> inFlight = this.inFlight;
		if (inFlight == null) {
			synchronized (this.cacheLock) {
				inFlight = this.inFlight;
				if (inFlight == null) {
					inFlight = Caffeine.newBuilder().expireAfterWrite(SHARE_WINDOW).maximumSize(100_000).build();
					this.inFlight = inFlight;
				}
			}
		}
		return inFlight;
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
