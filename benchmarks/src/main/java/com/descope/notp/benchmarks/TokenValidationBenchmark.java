package com.descope.notp.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Session-token validation, one thread, on one set of {@value #TOKENS} distinct RS256
 * session JWTs issued by a {@link DescopeEmulator} whose JWKS every decoder fetches over
 * loopback (the bare Nimbus processor has the public key in memory). Each operation
 * validates the next token of the set, as a fresh {@code String} copied from bytes (as a
 * servlet container makes one per request), so no decoder profits from a hash code cached
 * in the string.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

	static final int TOKENS = 1024;

	private DescopeEmulator emulator;

	private byte[][] tokens;

	private int next;

	private JwtDecoder starterCached;

	private JwtDecoder starterUnseen;

	private JwtDecoder springDefaults;

	private DefaultJWTProcessor<SecurityContext> bareNimbus;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.emulator = DescopeEmulator.start();
		EmulatedUser admin = this.emulator.findUserByLoginId("+15555550100").orElseThrow();
		Date exp = Date.from(Instant.now().plusSeconds(3600));
		this.tokens = new byte[TOKENS][];
		for (int i = 0; i < TOKENS; i++) {
			int n = i;
			this.tokens[i] = this.emulator.issueSessionJwt(admin, (claims) -> claims.expirationTime(exp).claim("n", n))
				.getBytes(StandardCharsets.ISO_8859_1);
		}
		String jwksUri = this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId();
		// (a) the starter as configured by default: the verified-token cache holds every
		// token of the set
		this.starterCached = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri, this.emulator.projectId()).build();
		// (b) the starter with a one-entry cache: every token of the rotating set is a
		// miss and pays the cache's look-up and admission check on top of the full
		// validation (a token is inserted at its second verification only if its one
		// admission slot still remembers it, which 1,024 rotating tokens never leave it)
		this.starterUnseen = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri, this.emulator.projectId())
			.verifiedTokenCacheSize(1)
			.build();
		// (c) what a Spring developer writes instead
		this.springDefaults = NimbusJwtDecoder.withJwkSetUri(jwksUri).build();
		// (d) one RS256 verification plus Nimbus's default exp/nbf checks, the public key
		// in memory as a
		// Java key (no JWK set to search, no JWK converted per token): the floor for an
		// unseen token
		this.bareNimbus = new DefaultJWTProcessor<>();
		this.bareNimbus.setJWSKeySelector(
				new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, this.emulator.signingKey().toRSAPublicKey()));
		for (int i = 0; i < TOKENS; i++) {
			String token = token(i);
			// twice: a token is cached at its second verification
			check(this.starterCached.decode(token));
			check(this.starterCached.decode(token));
			check(this.starterUnseen.decode(token));
			check(this.springDefaults.decode(token));
			check(this.bareNimbus.process(token, null));
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.emulator.close();
	}

	@Benchmark
	public Jwt a_starterSeenBefore() {
		return this.starterCached.decode(nextToken());
	}

	@Benchmark
	public Jwt b_starterUnseen() {
		return this.starterUnseen.decode(nextToken());
	}

	@Benchmark
	public Jwt c_springNimbusJwtDecoderDefaults() {
		return this.springDefaults.decode(nextToken());
	}

	@Benchmark
	public JWTClaimsSet d_bareNimbusKeyInMemory() throws Exception {
		return this.bareNimbus.process(nextToken(), null);
	}

	private String nextToken() {
		int i = this.next;
		this.next = (i + 1) & (TOKENS - 1);
		return token(i);
	}

	private String token(int i) {
		return new String(this.tokens[i], StandardCharsets.ISO_8859_1);
	}

	private static void check(Object validated) {
		if (validated == null) {
			throw new IllegalStateException("A token of the set did not validate");
		}
	}

}
