package com.descope.notp.jwt;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a session-token decoder knows of the project's JWKS, recorded as it fetches keys
 * and looks them up, and read without fetching anything: the number of keys the last
 * successful fetch got and when, whether the fetches since failed (and how), and whether
 * the last look-up of a key still had a key set (from the cache, through an outage) or
 * none at all. A health check reads it as often as it likes: only tokens make the decoder
 * fetch, as the JWKS cache decides.
 *
 * <p>
 * Give it to {@link DescopeJwtDecoderBuilder#jwksState(DescopeJwksState)}; the
 * auto-configuration does so for its decoder and defines it as a bean. A decoder built
 * {@link DescopeJwtDecoderBuilder#withJwkSet with fixed keys} records nothing: its state
 * stays {@link Condition#NOT_FETCHED}. The times are read from the decoder's clock. Holds
 * no key material and no token. Thread-safe.
 */
public final class DescopeJwksState {

	private volatile Snapshot snapshot = new Snapshot(0, null, null, null, false);

	/**
	 * What is known now.
	 * @return an immutable snapshot
	 */
	public Snapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * Records a fetch that got a key set.
	 * @param keys the number of keys in it
	 * @param at when, on the decoder's clock
	 */
	synchronized void fetched(int keys, Instant at) {
		this.snapshot = new Snapshot(keys, at, null, null, true);
	}

	/**
	 * Records a fetch that got no key set: no answer, an error status, or no JWKS in the
	 * answer. The keys of the last successful fetch stay recorded.
	 * @param reason the kind of failure, such as {@code HTTP 503}; never a message that
	 * may quote the URL or the answer
	 * @param at when, on the decoder's clock
	 */
	synchronized void fetchFailed(String reason, Instant at) {
		Snapshot last = this.snapshot;
		Instant since = (last.failingSince() != null) ? last.failingSince() : at;
		this.snapshot = new Snapshot(last.keys(), last.fetchedAt(), since, reason, last.keysServed());
	}

	/**
	 * Records the outcome of a key look-up for a token.
	 * @param keysServed whether a key set was had (fetched, cached, or kept through an
	 * outage), whether or not it held the token's key
	 */
	synchronized void lookedUp(boolean keysServed) {
		Snapshot last = this.snapshot;
		if (last.keysServed() != keysServed) {
			this.snapshot = new Snapshot(last.keys(), last.fetchedAt(), last.failingSince(), last.failure(),
					keysServed);
		}
	}

	@Override
	public String toString() {
		Snapshot now = this.snapshot;
		return "DescopeJwksState[" + now.condition() + ", keys=" + now.keys() + "]";
	}

	/**
	 * Where the keys stand.
	 */
	public enum Condition {

		/**
		 * No fetch was made yet: no token has been decoded.
		 */
		NOT_FETCHED,

		/**
		 * The last fetch got the keys.
		 */
		CACHED,

		/**
		 * The fetches fail, and the keys of the last successful one are still used (the
		 * cache, then the outage tolerance).
		 */
		SERVED_DURING_OUTAGE,

		/**
		 * The fetches fail and no key set could be had for the last token: never fetched,
		 * or kept past the outage tolerance.
		 */
		UNAVAILABLE

	}

	/**
	 * What a decoder knew of the JWKS at one moment.
	 *
	 * @param keys the number of keys of the last successful fetch, {@code 0} before one
	 * @param fetchedAt when the last successful fetch was, or {@code null} before one
	 * @param failingSince when the first of the failed fetches since then was, or
	 * {@code null} while the last fetch worked
	 * @param failure the kind of the last failure (such as {@code HTTP 503} or
	 * {@code ConnectException}), or {@code null} while the last fetch worked
	 * @param keysServed whether the last key look-up had a key set
	 */
	public record Snapshot(int keys, @Nullable Instant fetchedAt, @Nullable Instant failingSince,
			@Nullable String failure, boolean keysServed) {

		/**
		 * Where the keys stand.
		 * @return the condition these facts make
		 */
		public Condition condition() {
			if (this.failingSince == null) {
				return (this.fetchedAt != null) ? Condition.CACHED : Condition.NOT_FETCHED;
			}
			return (this.fetchedAt != null && this.keysServed) ? Condition.SERVED_DURING_OUTAGE : Condition.UNAVAILABLE;
		}

	}

}
