package com.descope.notp.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.client.JwtResponse;
import com.descope.notp.client.LoginOptions;
import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.client.SignUpUser;
import com.descope.notp.web.LastAuthenticatedUser;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type that holds a token or a {@code pendingRef} shows it redacted, never in full,
 * in its {@code toString()}, so that logging one (or a collection of them, or an
 * exception message built from one) cannot leak it.
 */
class RedactionTests {

	private static final String SESSION_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVc2Vzc2lvbiIsImRybiI6IkRTIn0.c2Vzc2lvbi1zaWduYXR1cmU";

	private static final String REFRESH_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVcmVmcmVzaCIsImRybiI6IkRTUiJ9.cmVmcmVzaC1zaWduYXR1cmU";

	private static final String PENDING_REF = "pRefAbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

	private static final String SHORT_PENDING_REF = "abc123";

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void descopeTokensWhenPrintedThenNeitherTokenShows() {
		DescopeTokens tokens = new DescopeTokens(SESSION_JWT, REFRESH_JWT, NOW, NOW.plusSeconds(3600), "example.com",
				"/");

		assertRedacted(tokens.toString(), SESSION_JWT, REFRESH_JWT);
		assertRedacted(List.of(tokens).toString(), SESSION_JWT, REFRESH_JWT);
	}

	@Test
	void jwtResponseWhenPrintedThenNeitherTokenShows() {
		assertRedacted(jwtResponse().toString(), SESSION_JWT, REFRESH_JWT);
		assertRedacted(jwtResponse().withTokenFallbacks(SESSION_JWT, REFRESH_JWT).toString(), SESSION_JWT, REFRESH_JWT);
	}

	@Test
	void notpLinkResponseWhenPrintedThenPendingRefAndLinkDoNotShow() {
		NotpLinkResponse link = new NotpLinkResponse(PENDING_REF, "https://wa.me/15555550199?text=login+" + PENDING_REF,
				"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk");

		assertRedacted(link.toString(), PENDING_REF, "wa.me", "iVBORw0KGgo");
	}

	@Test
	void notpAuthenticationTokenWhenPrintedThenPendingRefDoesNotShow() {
		NotpAuthenticationToken token = new NotpAuthenticationToken(PENDING_REF);

		assertRedacted(token.toString(), PENDING_REF);
		assertRedacted(String.valueOf(token.getPrincipal()), PENDING_REF);
		assertRedacted(token.getName(), PENDING_REF);
		assertRedacted(new NotpAuthenticationToken(SHORT_PENDING_REF).toString(), SHORT_PENDING_REF);
	}

	@Test
	void descopeAuthenticationTokenWhenPrintedThenNoTokenShowsEvenWithTheLoginResponse() {
		Jwt jwt = Jwt.withTokenValue(SESSION_JWT)
			.header("alg", "RS256")
			.subject("U123")
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(600))
			.build();
		DescopePrincipal principal = new DescopePrincipal("U123", List.of("+15555550100"), "Alice", "+15555550100",
				null, List.of("admin"), List.of(), Map.of(), List.of("whatsapp"), false);
		DescopeAuthenticationToken token = new DescopeAuthenticationToken(jwt, principal,
				List.of(new SimpleGrantedAuthority("ROLE_admin")));
		token.setLoginResponse(jwtResponse());

		assertRedacted(token.toString(), SESSION_JWT, REFRESH_JWT);
		assertRedacted(token.getPrincipal().toString(), SESSION_JWT, REFRESH_JWT);
		assertThat(token.toString()).contains("U123");
	}

	@Test
	void pendingFlowWhenPrintedThenPendingRefDoesNotShow() {
		PendingFlow flow = new PendingFlow(PENDING_REF, NotpMethod.SIGN_IN, NOW, NOW.plusSeconds(600));

		assertRedacted(flow.toString(), PENDING_REF);
		assertRedacted(flow.withClaimedAt(NOW).toString(), PENDING_REF);
		assertRedacted(Map.of(PENDING_REF.substring(0, 4), flow).toString(), PENDING_REF);
		assertRedacted(new PendingFlow(SHORT_PENDING_REF, NotpMethod.SIGN_IN, NOW, NOW).toString(), SHORT_PENDING_REF);
	}

	@Test
	void descopeSessionTokenEventWhenPrintedThenCarriesNoToken() {
		DescopeSessionTokenEvent event = new DescopeSessionTokenEvent(new DescopeTokens(SESSION_JWT, REFRESH_JWT),
				DescopeSessionTokenEvent.Change.REFRESHED, "U123", NOW.plusSeconds(600));

		assertRedacted(event.toString(), SESSION_JWT, REFRESH_JWT);
		assertThat(event.toString()).contains("REFRESHED", "U123");
	}

	@Test
	void personalDataWhenPrintedThenNoPhoneNumberLoginIdNameOrEmailShows() {
		DescopeUser user = new DescopeUser("U123", List.of("+15555550100", "alice@example.com"), "Alice Liddell",
				"Alice", null, "Liddell", "alice@example.com", true, "+15555550100", true, List.of("admin"), List.of(),
				List.of(), "enabled", null, Map.of());
		DescopePrincipal principal = new DescopePrincipal("U123", List.of("+15555550100", "alice@example.com"),
				"Alice Liddell", "+15555550100", "alice@example.com", List.of("admin"), List.of(), Map.of(),
				List.of("whatsapp"), false);
		NotpStartRequest start = new NotpStartRequest(NotpMethod.SIGN_UP, "+15555550100", LoginOptions.NONE,
				new SignUpUser("Alice Liddell", "Alice", null, "Liddell", "+15555550100", "alice@example.com"), null);

		for (Object printed : new Object[] { user, principal, start, start.user(), jwtResponse(),
				new LastAuthenticatedUser("+15555550100", "Alice Liddell") }) {
			assertThat(printed.toString()).doesNotContain("5555550100", "alice@example.com", "Alice", "Liddell");
		}
		assertThat(principal.toString()).contains("U123", "admin", "whatsapp");
		assertThat(user.toString()).contains("U123", "enabled");
		assertThat(start.toString()).contains("SIGN_UP");
	}

	private static JwtResponse jwtResponse() {
		DescopeUser user = new DescopeUser("U123", List.of("+15555550100"), "Alice", null, null, null, null, null,
				"+15555550100", true, List.of("admin"), List.of(), List.of(), "enabled", null, Map.of());
		return new JwtResponse(SESSION_JWT, REFRESH_JWT, "example.com", "/", 2592000, null, user, false,
				NOW.plusSeconds(600).getEpochSecond(), null, "DSR", "DS");
	}

	/**
	 * No secret, nor any long run of one (its signature or payload), shows.
	 */
	private static void assertRedacted(String printed, String... secrets) {
		for (String secret : secrets) {
			assertThat(printed).doesNotContain(secret);
			if (secret.length() > 16) {
				for (String part : secret.split("\\.")) {
					if (part.length() > 8) {
						assertThat(printed).doesNotContain(part.substring(4));
					}
				}
			}
		}
	}

}
