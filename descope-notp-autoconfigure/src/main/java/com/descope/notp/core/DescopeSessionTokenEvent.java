package com.descope.notp.core;

import java.io.Serial;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * A signed-in user's session JWT was issued (login), refreshed, or cleared (logout, a
 * refused refresh): the server-side counterpart of the Descope JS SDK's
 * {@code onSessionTokenChange}. Listen with {@code @EventListener}. It carries the user
 * and the new expiry, never a token.
 */
public class DescopeSessionTokenEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Change change;

	private final @Nullable String userId;

	private final @Nullable Instant sessionExpiresAt;

	/**
	 * An event.
	 * @param source what published it
	 * @param change what happened
	 * @param userId the user, or {@code null} when not known
	 * @param sessionExpiresAt the new session JWT's expiry, or {@code null} when cleared
	 */
	public DescopeSessionTokenEvent(Object source, Change change, @Nullable String userId,
			@Nullable Instant sessionExpiresAt) {
		super(source);
		this.change = change;
		this.userId = userId;
		this.sessionExpiresAt = sessionExpiresAt;
	}

	/**
	 * What happened.
	 * @return the change
	 */
	public Change getChange() {
		return this.change;
	}

	/**
	 * The user.
	 * @return the Descope user id, or {@code null}
	 */
	public @Nullable String getUserId() {
		return this.userId;
	}

	/**
	 * The new session JWT's expiry.
	 * @return the expiry, or {@code null} when the token was cleared
	 */
	public @Nullable Instant getSessionExpiresAt() {
		return this.sessionExpiresAt;
	}

	@Override
	public String toString() {
		return "DescopeSessionTokenEvent[change=" + this.change + ", userId=" + this.userId + ", sessionExpiresAt="
				+ this.sessionExpiresAt + "]";
	}

	/**
	 * What happened to the session JWT.
	 */
	public enum Change {

		/** A login issued it. */
		ISSUED,

		/** A refresh replaced it. */
		REFRESHED,

		/** Logout or a refused refresh removed it. */
		CLEARED

	}

}
