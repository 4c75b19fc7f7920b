package com.descope.notp.security.reactive.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.RefreshResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * Refreshes Descope sessions for a reactive application without blocking an event loop:
 * {@link DescopeSessionManager#refresh} (a blocking Descope call, then a decode) runs on
 * a bounded scheduler, and concurrent exchanges that carry the same refresh JWT share one
 * {@code Mono}, so they make one Descope call and no thread waits for another's answer.
 * The shared {@code Mono} is dropped once it has answered; exchanges that come later with
 * the same refresh JWT get the session manager's shared answer
 * ({@link DescopeSessionManager#SHARE_WINDOW}) without a call to Descope.
 */
public final class ServerDescopeSessionRefresher {

	private final DescopeSessionManager sessionManager;

	private final Scheduler scheduler;

	/** The refresh in flight per refresh JWT, kept in memory only, never logged. */
	private final Map<String, Mono<RefreshResult>> inFlight = new ConcurrentHashMap<>();

	/**
	 * A refresher on {@link Schedulers#boundedElastic()}.
	 * @param sessionManager refreshes
	 */
	public ServerDescopeSessionRefresher(DescopeSessionManager sessionManager) {
		this(sessionManager, Schedulers.boundedElastic());
	}

	/**
	 * A refresher on a given scheduler.
	 * @param sessionManager refreshes
	 * @param scheduler where the blocking refresh runs; a bounded one, never a
	 * non-blocking one
	 */
	public ServerDescopeSessionRefresher(DescopeSessionManager sessionManager, Scheduler scheduler) {
		Assert.notNull(sessionManager, "sessionManager must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		this.sessionManager = sessionManager;
		this.scheduler = scheduler;
	}

	/**
	 * The session manager refreshes and logouts go through.
	 * @return the session manager
	 */
	public DescopeSessionManager getSessionManager() {
		return this.sessionManager;
	}

	/**
	 * Refreshes a session, sharing the work with every concurrent exchange with this
	 * refresh JWT.
	 * @param refreshJwt the refresh JWT
	 * @param previous the tokens kept so far, or {@code null} when the client sent only
	 * the refresh JWT
	 * @return what the refresh came to (see {@link DescopeSessionManager#refresh}); never
	 * an error: an unexpected failure is {@link RefreshResult.Unavailable}
	 */
	public Mono<RefreshResult> refresh(String refreshJwt, @Nullable DescopeTokens previous) {
		return Mono.defer(() -> this.inFlight.computeIfAbsent(refreshJwt, (key) -> shared(key, previous)));
	}

	/**
	 * Revokes a refresh JWT at Descope on the bounded scheduler
	 * ({@link DescopeSessionManager#logout}).
	 * @param refreshJwt the refresh JWT
	 * @param everywhere {@code true} to revoke every session of the user
	 * @return whether Descope confirmed the revocation; {@code false} after a failure,
	 * which the caller reports or ignores, local state being cleared all the same
	 */
	public Mono<Boolean> logout(String refreshJwt, boolean everywhere) {
		return Mono.fromCallable(() -> this.sessionManager.logout(refreshJwt, everywhere).ok())
			.subscribeOn(this.scheduler)
			.onErrorReturn(false);
	}

	private Mono<RefreshResult> shared(String refreshJwt, @Nullable DescopeTokens previous) {
		Mono<RefreshResult> call = Mono.fromCallable(() -> this.sessionManager.refresh(refreshJwt, previous))
			.subscribeOn(this.scheduler)
			.onErrorResume(RuntimeException.class, (ex) -> Mono.just(new RefreshResult.Unavailable(null)));
		// removed once answered, so the map holds only refreshes in flight
		return call.doFinally((signal) -> this.inFlight.remove(refreshJwt)).cache();
	}

}
