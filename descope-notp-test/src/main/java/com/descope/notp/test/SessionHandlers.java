package com.descope.notp.test;

import java.time.Instant;
import java.util.Optional;

import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Token answers (login, refresh), logout, logout-all and me. */
final class SessionHandlers {

	private final EmulatorContext ctx;

	SessionHandlers(EmulatorContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * The JWTResponse after a confirmed flow: new session and refresh tokens.
	 * @param user the user who confirmed
	 * @param stepup whether the flow was a step-up ({@code su} claim)
	 * @param mfa whether the flow added a factor ({@code amr} gets {@code mfa})
	 * @param firstSeen whether this is the user's first login at this emulator
	 * @return the {@code 200} answer
	 */
	MockResponse.Builder login(EmulatedUser user, boolean stepup, boolean mfa, boolean firstSeen) {
		Instant now = this.ctx.settings().clock.instant();
		TokenService.Issued refresh = this.ctx.tokens().issueRefresh(user, now);
		TokenService.Issued session = this.ctx.tokens()
			.issueSession(user, new TokenService.SessionOptions(this.ctx.settings().sessionTokenTtl,
					refresh.expiresAt(), stepup, mfa), null, now);
		return tokens(session, refresh, refresh.expiresAt(), user, firstSeen);
	}

	/**
	 * {@code POST /v1/auth/refresh} (and {@code try-refresh} when {@code lenient}).
	 * @param refreshToken the refresh JWT from the bearer header or the {@code DSR}
	 * cookie, or {@code null}
	 * @param lenient {@code true} for {@code try-refresh}, which answers {@code 200} with
	 * no tokens instead of {@code 401}
	 * @return the {@code 200} answer with a new session JWT, or the {@code 401} error
	 */
	MockResponse.Builder refresh(@Nullable String refreshToken, boolean lenient) {
		TokenService.RefreshCheck check = this.ctx.tokens().checkRefresh(refreshToken);
		Optional<EmulatedUser> user = check.valid() ? this.ctx.state().findById(check.userId()) : Optional.empty();
		if (user.isEmpty()) {
			if (lenient) {
				return Answers.json(200, Answers.JSON.createObjectNode());
			}
			return check.valid()
					? Answers.error(401, EmulatorErrorCodes.INVALID_REFRESH_TOKEN, "Refresh token of unknown user")
					: Answers.error(401, check.errorCode(), check.description());
		}
		TokenService.Issued rotated = null;
		Instant refreshExpiry = check.expiresAt();
		Instant now = this.ctx.settings().clock.instant();
		if (this.ctx.settings().refreshTokenRotation) {
			this.ctx.tokens().revoke(check.jti());
			rotated = this.ctx.tokens().issueRefresh(user.get(), now);
			refreshExpiry = rotated.expiresAt();
		}
		TokenService.Issued session = this.ctx.tokens()
			.issueSession(user.get(),
					new TokenService.SessionOptions(this.ctx.settings().sessionTokenTtl, refreshExpiry, false, false),
					null, now);
		return tokens(session, rotated, refreshExpiry, user.get(), null);
	}

	/**
	 * {@code POST /v1/auth/logout} ({@code all} false) or {@code /v1/auth/logoutall}
	 * ({@code all} true).
	 * @param refreshToken the refresh JWT to revoke, or {@code null}
	 * @param all {@code true} to revoke every refresh token of the user
	 * @return the {@code 200} answer clearing the cookies, or the {@code 401} error
	 */
	MockResponse.Builder logout(@Nullable String refreshToken, boolean all) {
		TokenService.RefreshCheck check = this.ctx.tokens().checkRefresh(refreshToken);
		if (!check.valid()) {
			return Answers.error(401, check.errorCode(), check.description());
		}
		if (all) {
			this.ctx.tokens().revokeAll(check.userId());
		}
		this.ctx.tokens().revoke(check.jti());
		MockResponse.Builder answer = Answers.json(200,
				withCookieScope(WireJson.jwtResponse(now(), "", "", null, null, null, null)));
		if (this.ctx.settings().tokensInCookies) {
			answer.addHeader("Set-Cookie", clearCookie("DS"));
			answer.addHeader("Set-Cookie", clearCookie("DSR"));
		}
		return answer;
	}

	/**
	 * {@code GET /v1/auth/me}.
	 * @param refreshToken the refresh JWT naming the user, or {@code null}
	 * @return the {@code 200} ResponseUser, or the {@code 401} error
	 */
	MockResponse.Builder me(@Nullable String refreshToken) {
		TokenService.RefreshCheck check = this.ctx.tokens().checkRefresh(refreshToken);
		if (!check.valid()) {
			return Answers.error(401, check.errorCode(), check.description());
		}
		return this.ctx.state()
			.findById(check.userId())
			.map((u) -> Answers.json(200, WireJson.responseUser(u)))
			.orElseGet(() -> Answers.error(401, EmulatorErrorCodes.INVALID_REFRESH_TOKEN,
					"Refresh token of unknown user"));
	}

	/**
	 * A JWTResponse; in cookie mode the tokens go to {@code Set-Cookie} and the body
	 * fields are empty.
	 * @param session the new session JWT
	 * @param refresh the new refresh JWT, or {@code null} to send none (refresh without
	 * rotation)
	 * @param refreshExpiry when the refresh JWT expires, for the cookie lifetime
	 * @param user the user, for the {@code user} field
	 * @param firstSeen the {@code firstSeen} field, or {@code null} to leave it out
	 * @return the {@code 200} answer
	 */
	private MockResponse.Builder tokens(TokenService.Issued session, TokenService.@Nullable Issued refresh,
			Instant refreshExpiry, EmulatedUser user, @Nullable Boolean firstSeen) {
		boolean cookies = this.ctx.settings().tokensInCookies;
		Instant now = now();
		ObjectNode body = WireJson.jwtResponse(now, cookies ? "" : session.jwt(),
				(refresh != null) ? (cookies ? "" : refresh.jwt()) : null, session.expiresAt(), refreshExpiry, user,
				firstSeen);
		MockResponse.Builder answer = Answers.json(200, withCookieScope(body));
		if (cookies) {
			answer.addHeader("Set-Cookie",
					cookie("DS", session.jwt(), WireJson.secondsUntil(now, session.expiresAt())));
			if (refresh != null) {
				answer.addHeader("Set-Cookie",
						cookie("DSR", refresh.jwt(), WireJson.secondsUntil(now, refresh.expiresAt())));
			}
		}
		return answer;
	}

	private Instant now() {
		return this.ctx.settings().clock.instant();
	}

	private static String cookie(String name, String value, long maxAgeSeconds) {
		return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; Secure; SameSite=Strict";
	}

	private static String clearCookie(String name) {
		return cookie(name, "", 0);
	}

	/**
	 * The project's cookie domain and path, as every JWTResponse carries them.
	 * @param body the JWTResponse, changed in place
	 * @return the same {@code body}
	 */
	private ObjectNode withCookieScope(ObjectNode body) {
		body.put("cookieDomain", this.ctx.settings().cookieDomain);
		body.put("cookiePath", this.ctx.settings().cookiePath);
		return body;
	}

}
