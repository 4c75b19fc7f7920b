package com.descope.notp.security.answers;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.client.JwtResponse;
import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * The JSON bodies of the nOTP login's successful answers, the same on both stacks.
 */
public final class NotpLoginAnswers {

	private NotpLoginAnswers() {
	}

	/**
	 * The body of a started flow: {@code {"pendingRef", "redirectUrl", "image"}}
	 * ({@code image}: the base64 QR code, as Descope sends it), what the default login
	 * page's script and Descope's SDKs expect.
	 * @param link the answer of Descope
	 * @return the body, in this member order
	 */
	public static Map<String, Object> started(NotpLinkResponse link) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("pendingRef", link.pendingRef());
		body.put("redirectUrl", link.redirectUrl());
		body.put("image", link.image());
		return body;
	}

	/**
	 * The tokens a completed login stores: from Descope's login answer, with the session
	 * JWT's expiry.
	 * @param authentication the completed login
	 * @param now the current time
	 * @return the tokens, or {@code null} when the login carries no session JWT
	 */
	public static @Nullable DescopeTokens tokens(DescopeAuthenticationToken authentication, Instant now) {
		JwtResponse login = authentication.getLoginResponse().orElse(null);
		if (login == null || !login.hasSessionJwt()) {
			return null;
		}
		return DescopeTokens.from(login, authentication.getToken().getExpiresAt(), null, now);
	}

	/**
	 * The body of a completed login: {@code {"status":"authenticated", "redirectUrl",
	 * "user": {"userId", "name", "loginIds", "roles"}}}, with {@code sessionJwt},
	 * {@code refreshJwt} and {@code sessionExpiration} (epoch seconds) before
	 * {@code user} when the server keeps no tokens.
	 * @param redirectUrl where the browser goes next, a same-origin path
	 * @param authentication the login
	 * @param tokensInBody the tokens to answer in the body, or {@code null} when the
	 * server keeps them
	 * @return the body
	 */
	public static Map<String, Object> authenticated(String redirectUrl, Authentication authentication,
			@Nullable DescopeTokens tokensInBody) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "authenticated");
		body.put("redirectUrl", redirectUrl);
		if (authentication instanceof DescopeAuthenticationToken descope) {
			DescopePrincipal user = descope.getPrincipal();
			if (tokensInBody != null) {
				Instant expiresAt = descope.getToken().getExpiresAt();
				body.put("sessionJwt", tokensInBody.sessionJwt());
				body.put("refreshJwt", tokensInBody.refreshJwt());
				body.put("sessionExpiration", (expiresAt != null) ? expiresAt.getEpochSecond() : null);
			}
			Map<String, Object> userBody = new LinkedHashMap<>();
			userBody.put("userId", user.userId());
			userBody.put("name", user.name());
			userBody.put("loginIds", user.loginIds());
			userBody.put("roles", user.roles());
			body.put("user", userBody);
		}
		return body;
	}

}
