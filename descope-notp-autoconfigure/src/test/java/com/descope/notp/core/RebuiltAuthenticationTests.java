package com.descope.notp.core;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.JwtResponse;
import com.descope.notp.client.LoginOptions;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Authentication} rebuilt from a login's tokens on a later request (the HTTP
 * session's stored tokens, the {@code DS} and {@code DSR} cookies, a bearer session JWT)
 * equals the one the login built: the same authorities, the same {@code FACTOR_WHATSAPP}
 * issued at the same time, the same stepped-up state, user id, roles and tenants. A real
 * login against the Descope emulator (real HTTP, real RS256 keys), decoded by the
 * starter's own decoder.
 */
class RebuiltAuthenticationTests {

	private DescopeEmulator emulator;

	private DescopeClient client;

	private JwtDecoder decoder;

	private final DescopeJwtAuthenticationConverter converter = new DescopeJwtAuthenticationConverter();

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId()).baseUrl(this.emulator.baseUrl()).build();
		this.decoder = DescopeJwtDecoderBuilder
			.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(), this.emulator.projectId())
			.build();
	}

	@AfterEach
	void stopEmulator() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void rebuildWhenFromTheLoginsTokensThenEqualsTheLoginsAuthentication() {
		DescopeAuthenticationToken login = login(LoginOptions.NONE);
		JwtResponse tokens = login.getLoginResponse().orElseThrow();
		Jwt sessionJwt = this.decoder.decode(tokens.sessionJwt());

		DescopeAuthenticationToken stored = this.converter.convert(sessionJwt, (DescopeAuthenticationToken) null,
				tokens.refreshJwt());
		DescopeAuthenticationToken bearer = this.converter.convert(this.decoder.decode(tokens.sessionJwt()));

		for (DescopeAuthenticationToken rebuilt : new DescopeAuthenticationToken[] { stored, bearer }) {
			assertSameAuthentication(rebuilt, login);
		}
		assertThat(factorTime(login)).isEqualTo(sessionJwt.getIssuedAt());
		assertThat(login.getPrincipal().steppedUp()).isFalse();
		assertThat(login.getPrincipal().roles()).containsExactlyInAnyOrder("admin", "user");
	}

	@Test
	void rebuildWhenAStepUpsTokensThenEqualsTheStepUpsAuthentication() {
		DescopeAuthenticationToken first = login(LoginOptions.NONE);
		DescopeAuthenticationToken steppedUp = login(
				new LoginOptions(true, null, null, null, null, null, null, null, null),
				first.getLoginResponse().orElseThrow().refreshJwt());
		JwtResponse tokens = steppedUp.getLoginResponse().orElseThrow();

		Jwt sessionJwt = this.decoder.decode(tokens.sessionJwt());

		DescopeAuthenticationToken fromHttpSession = this.converter.convert(sessionJwt, steppedUp, tokens.refreshJwt());
		DescopeAuthenticationToken fromCookies = this.converter.convert(sessionJwt, (DescopeAuthenticationToken) null,
				tokens.refreshJwt());

		assertThat(steppedUp.getPrincipal().steppedUp()).isTrue();
		assertThat(factorTime(steppedUp)).isAfterOrEqualTo(factorTime(first));
		assertSameAuthentication(fromHttpSession, steppedUp);
		assertSameAuthentication(fromCookies, steppedUp);
	}

	@Test
	void rebuildWhenTheRefreshJwtIsOlderThanTheSessionJwtThenTheFactorKeepsTheRefreshJwtsTime() {
		DescopeAuthenticationToken login = login(LoginOptions.NONE);
		JwtResponse tokens = login.getLoginResponse().orElseThrow();
		Jwt refreshed = this.decoder
			.decode(this.emulator.issueSessionJwt(this.emulator.findUserByLoginId("+15555550100").orElseThrow(),
					(claims) -> claims.issueTime(java.util.Date.from(Instant.now().plusSeconds(300)))));

		DescopeAuthenticationToken afterRefresh = this.converter.convert(refreshed, login, tokens.refreshJwt());
		DescopeAuthenticationToken cookiesAfterRefresh = this.converter.convert(refreshed,
				(DescopeAuthenticationToken) null, tokens.refreshJwt());

		assertThat(factorTime(afterRefresh)).isEqualTo(factorTime(login));
		assertThat(factorTime(cookiesAfterRefresh)).isEqualTo(factorTime(login));
		assertThat(factorTime(this.converter.convert(refreshed))).isEqualTo(refreshed.getIssuedAt());
	}

	@Test
	void rebuildWhenTheRefreshJwtIsAnotherUsersThenTheSessionProvesNoFactor() {
		DescopeAuthenticationToken login = login(LoginOptions.NONE);
		String bobsRefreshJwt = this.emulator
			.issueRefreshJwt(this.emulator.findUserByLoginId("+15555550101").orElseThrow());
		Jwt sessionJwt = this.decoder.decode(login.getLoginResponse().orElseThrow().sessionJwt());

		DescopeAuthenticationToken rebuilt = this.converter.convert(sessionJwt, (DescopeAuthenticationToken) null,
				bobsRefreshJwt);

		assertThat(factorTime(rebuilt)).isNull();
		assertThat(rebuilt.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.doesNotContain(NotpAuthenticationProvider.WHATSAPP_FACTOR_AUTHORITY)
			.contains("ROLE_admin");
	}

	@Test
	void rebuildWhenTheRefreshJwtIsNoRefreshJwtThenTheSessionProvesNoFactor() {
		DescopeAuthenticationToken login = login(LoginOptions.NONE);
		String sessionJwtValue = login.getLoginResponse().orElseThrow().sessionJwt();
		Jwt sessionJwt = this.decoder.decode(sessionJwtValue);

		for (String notARefreshJwt : new String[] { "x", sessionJwtValue, "eyJhbGciOiJub25lIn0.e30." }) {
			DescopeAuthenticationToken rebuilt = this.converter.convert(sessionJwt, (DescopeAuthenticationToken) null,
					notARefreshJwt);

			assertThat(factorTime(rebuilt)).isNull();
		}
	}

	private DescopeAuthenticationToken login(LoginOptions options) {
		return login(options, null);
	}

	private DescopeAuthenticationToken login(LoginOptions options, String refreshJwt) {
		String pendingRef = this.client
			.start(new NotpStartRequest(NotpMethod.SIGN_IN, "+15555550100", options, null, null), refreshJwt)
			.requireData()
			.pendingRef();
		this.emulator.confirm(pendingRef);
		return (DescopeAuthenticationToken) new NotpAuthenticationProvider(this.client, this.decoder, this.converter)
			.authenticate(new NotpAuthenticationToken(pendingRef));
	}

	private static void assertSameAuthentication(DescopeAuthenticationToken rebuilt, DescopeAuthenticationToken login) {
		assertThat(authorities(rebuilt)).isEqualTo(authorities(login));
		assertThat(factorTime(rebuilt)).isNotNull().isEqualTo(factorTime(login));
		assertThat(rebuilt.getPrincipal().userId()).isEqualTo(login.getPrincipal().userId());
		assertThat(rebuilt.getPrincipal().roles()).isEqualTo(login.getPrincipal().roles());
		assertThat(rebuilt.getPrincipal().permissions()).isEqualTo(login.getPrincipal().permissions());
		assertThat(rebuilt.getPrincipal().tenants()).isEqualTo(login.getPrincipal().tenants());
		assertThat(rebuilt.getPrincipal().steppedUp()).isEqualTo(login.getPrincipal().steppedUp());
		assertThat(rebuilt.getPrincipal().authenticationMethods())
			.isEqualTo(login.getPrincipal().authenticationMethods());
	}

	private static Map<String, Object> authorities(DescopeAuthenticationToken authentication) {
		return authentication.getAuthorities()
			.stream()
			.collect(Collectors.toMap(GrantedAuthority::getAuthority,
					(a) -> (a instanceof FactorGrantedAuthority factor) ? factor.getIssuedAt() : "granted"));
	}

	private static Instant factorTime(DescopeAuthenticationToken authentication) {
		return authentication.getAuthorities()
			.stream()
			.filter((a) -> a instanceof FactorGrantedAuthority)
			.map((a) -> ((FactorGrantedAuthority) a).getIssuedAt())
			.findFirst()
			.orElse(null);
	}

}
