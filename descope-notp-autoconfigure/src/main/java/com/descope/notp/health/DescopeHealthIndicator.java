package com.descope.notp.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.DescopeAvailability;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.jwt.DescopeJwksState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * The health of the starter's link to Descope, from what it saw last: the project's JWKS
 * (the session-token decoder's {@link DescopeJwksState}) and Descope's API (the client's
 * {@link DescopeAvailability}). It calls neither: reading it any number of times adds no
 * call to Descope, and what it says changes only when a token is decoded or the API is
 * called.
 * <ul>
 * <li>{@code UP}: the last JWKS fetch got the keys, and the last API call was
 * answered;</li>
 * <li>{@link #DEGRADED}: the JWKS cannot be fetched, and tokens are still validated with
 * the keys of the last successful fetch (the cache, then the outage tolerance,
 * {@code descope.jwt.jwks-outage-tolerance}); signed-in users are not affected yet;</li>
 * <li>{@code DOWN}: the JWKS cannot be fetched and no keys could be had for the last
 * token (tokens are answered {@code 503}), or the last API call got no answer or a server
 * error (logins, refreshes and logouts fail);</li>
 * <li>{@code UNKNOWN}: nothing was fetched nor called yet (no token decoded, no login
 * started since the start).</li>
 * </ul>
 * The JWKS and the API each have one of these statuses in the details, and the worse of
 * the two ({@code DOWN}, then {@code DEGRADED}, {@code UP}, {@code UNKNOWN}) is the
 * indicator's. The details name the project id (a public identifier: Descope's web SDKs
 * carry it to every browser, and it is part of the JWKS URL), the number of keys and the
 * time and age of the last successful fetch, and the kind of a failure (an HTTP status or
 * an exception's class name); never a key, a token, a login id, or a failure's message.
 */
public final class DescopeHealthIndicator implements HealthIndicator {

	/**
	 * The status of a JWKS that cannot be fetched while its last keys are still used.
	 * Spring Boot's health endpoint answers it {@code 200} (it maps only {@code DOWN} and
	 * {@code OUT_OF_SERVICE} to {@code 503}); to have it rank between {@code DOWN} and
	 * {@code UP} in an aggregate, list it in
	 * {@code management.endpoint.health.status.order}.
	 */
	public static final Status DEGRADED = new Status("DEGRADED");

	private static final List<Status> WORST_FIRST = List.of(Status.DOWN, DEGRADED, Status.UP, Status.UNKNOWN);

	private final DescopeClient client;

	private final @Nullable DescopeJwksState jwksState;

	private final Clock clock;

	/**
	 * An indicator on the system clock.
	 * @param client the client whose API calls are watched
	 * @param jwksState the state of the session-token decoder's JWKS, or {@code null}
	 * when the decoder keeps none (an application's own decoder): the JWKS is then left
	 * out
	 */
	public DescopeHealthIndicator(DescopeClient client, @Nullable DescopeJwksState jwksState) {
		this(client, jwksState, Clock.systemUTC());
	}

	/**
	 * An indicator that measures the age of the keys with a given clock.
	 * @param client the client whose API calls are watched
	 * @param jwksState the state of the session-token decoder's JWKS, or {@code null} to
	 * leave the JWKS out
	 * @param clock the decoder's clock
	 */
	public DescopeHealthIndicator(DescopeClient client, @Nullable DescopeJwksState jwksState, Clock clock) {
		Assert.notNull(client, "client must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.client = client;
		this.jwksState = jwksState;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Part api = api(this.client.getAvailability());
		Status status = api.status();
		Health.Builder health = Health.unknown().withDetail("projectId", this.client.getProjectId());
		if (this.jwksState != null) {
			Part jwks = jwks(this.jwksState.snapshot());
			status = worse(status, jwks.status());
			health.withDetail("jwks", jwks.details());
		}
		return health.withDetail("api", api.details()).status(status).build();
	}

	private Part jwks(DescopeJwksState.Snapshot snapshot) {
		Status status = switch (snapshot.condition()) {
			case NOT_FETCHED -> Status.UNKNOWN;
			case CACHED -> Status.UP;
			case SERVED_DURING_OUTAGE -> DEGRADED;
			case UNAVAILABLE -> Status.DOWN;
		};
		Map<String, Object> details = details(status);
		Instant fetchedAt = snapshot.fetchedAt();
		if (fetchedAt != null) {
			details.put("keys", snapshot.keys());
			details.put("fetchedAt", fetchedAt.toString());
			details.put("ageSeconds", Math.max(0, Duration.between(fetchedAt, this.clock.instant()).toSeconds()));
		}
		Instant failingSince = snapshot.failingSince();
		if (failingSince != null) {
			details.put("failingSince", failingSince.toString());
			details.put("failure", String.valueOf(snapshot.failure()));
		}
		return new Part(status, details);
	}

	private static Part api(DescopeAvailability availability) {
		if (!availability.hasBeenCalled()) {
			return new Part(Status.UNKNOWN, details(Status.UNKNOWN));
		}
		if (availability.isAvailable()) {
			return new Part(Status.UP, details(Status.UP));
		}
		Map<String, Object> details = details(Status.DOWN);
		String reason = availability.getFailureReason();
		if (reason != null) {
			details.put("failure", reason);
		}
		details.put("failedCalls", availability.getFailedCalls());
		return new Part(Status.DOWN, details);
	}

	private static Map<String, Object> details(Status status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", status.getCode());
		return details;
	}

	private static Status worse(Status one, Status other) {
		return (WORST_FIRST.indexOf(one) <= WORST_FIRST.indexOf(other)) ? one : other;
	}

	/**
	 * The status of the JWKS or the API, and its details.
	 *
	 * @param status the status
	 * @param details the details, its status code first
	 */
	private record Part(Status status, Map<String, Object> details) {

	}

}
