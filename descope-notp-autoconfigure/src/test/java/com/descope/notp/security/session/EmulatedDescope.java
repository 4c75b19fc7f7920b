package com.descope.notp.security.session;

import java.util.List;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.TestTokens;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The Descope emulator over real HTTP with the real objects a session needs: a
 * {@link DescopeClient} that does not retry (a failure is answered at once), the
 * session-token decoder on the emulator's RS256 keys, and a {@link DescopeSessionManager}
 * on both.
 */
final class EmulatedDescope implements AutoCloseable {

	/** Descope's refresh endpoint. */
	static final String REFRESH = "/v1/auth/refresh";

	private final DescopeEmulator emulator;

	private final DescopeClient client;

	private final JwtDecoder decoder;

	private final DescopeSessionManager manager;

	private EmulatedDescope(DescopeEmulator emulator) {
		this.emulator = emulator;
		this.client = DescopeClient.builder(emulator.projectId())
			.baseUrl(emulator.baseUrl())
			.retryBackoff(List.of())
			.build();
		this.decoder = DescopeJwtDecoderBuilder.withJwkSetUri(this.client.getJwksUri(), emulator.projectId()).build();
		this.manager = new DescopeSessionManager(this.client, this.decoder);
	}

	static EmulatedDescope start() {
		return new EmulatedDescope(DescopeEmulator.start());
	}

	DescopeEmulator emulator() {
		return this.emulator;
	}

	DescopeClient client() {
		return this.client;
	}

	JwtDecoder decoder() {
		return this.decoder;
	}

	DescopeSessionManager manager() {
		return this.manager;
	}

	/**
	 * Alice, seeded by the emulator: roles admin and user.
	 * @return the user
	 */
	EmulatedUser alice() {
		return this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	/**
	 * The tokens of a new session of Alice, as a login stores them.
	 * @return the session JWT (validated) and a refresh JWT
	 */
	DescopeTokens signIn() {
		Jwt jwt = this.decoder.decode(this.emulator.issueSessionJwt(alice()));
		return new DescopeTokens(jwt.getTokenValue(), this.emulator.issueRefreshJwt(alice()), jwt.getExpiresAt(), null,
				null, null);
	}

	/**
	 * A decoder whose keys cannot be fetched: its JWKS endpoint is a loopback port
	 * nothing listens on.
	 * @return the decoder
	 */
	JwtDecoder decoderWithUnreachableKeys() {
		return DescopeJwtDecoderBuilder
			.withJwkSetUri(
					"http://127.0.0.1:" + TestTokens.closedLoopbackPort() + "/v2/keys/" + this.emulator.projectId(),
					this.emulator.projectId())
			.build();
	}

	/**
	 * How many calls Descope received at a path.
	 * @param path the path, for example {@link #REFRESH}
	 * @return the count
	 */
	long calls(String path) {
		return this.emulator.calls().stream().filter((call) -> call.path().equals(path)).count();
	}

	@Override
	public void close() {
		this.client.close();
		this.emulator.close();
	}

}
