package com.descope.notp.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Refreshes sessions through Descope ({@code POST /v1/auth/refresh}) so that concurrent
 * requests carrying the same refresh JWT share one upstream call: the first asks Descope,
 * the others wait for its answer. A definite answer (new tokens, or a refusal) is also
 * shared with requests that arrive within {@link #SHARE_WINDOW} after it, since they
 * still carry the old tokens; a transient failure is not kept, so the next request tries
 * again. Entries are keyed by a SHA-256 of the refresh JWT and held in a bounded Caffeine
 * cache.
 */
public class DescopeSessionRefresher {

	/**
	 * How long a definite refresh answer is shared with late requests carrying the same
	 * token.
	 */
	public static final Duration SHARE_WINDOW = Duration.ofSeconds(10);

	private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

	private final DescopeClient descopeClient;

	private final Cache<String, CompletableFuture<DescopeResponse<JwtResponse>>> inFlight = Caffeine.newBuilder()
		.expireAfterWrite(SHARE_WINDOW)
		.maximumSize(100_000)
		.build();

	/**
	 * A refresher.
	 * @param descopeClient calls Descope
	 */
	public DescopeSessionRefresher(DescopeClient descopeClient) {
		this.descopeClient = descopeClient;
	}

	/**
	 * Refreshes, sharing the call with concurrent requests for the same refresh JWT.
	 * @param refreshJwt the refresh JWT
	 * @return Descope's answer; {@code ok=false} with a transport error when waiting for
	 * another request's call took longer than 30 s
	 */
	public DescopeResponse<JwtResponse> refresh(String refreshJwt) {
		String key = sha256(refreshJwt);
		CompletableFuture<DescopeResponse<JwtResponse>> mine = new CompletableFuture<>();
		CompletableFuture<DescopeResponse<JwtResponse>> shared = this.inFlight.asMap().putIfAbsent(key, mine);
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
				this.inFlight.asMap().remove(key, mine);
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
		this.inFlight.invalidate(sha256(refreshJwt));
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
