package com.descope.notp.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CachingJwtDecoder} around the real decoder
 * ({@link DescopeJwtDecoderBuilder} with its own cache off), validating real RS256
 * session JWTs from a {@link DescopeEmulator}. The delegate is wrapped in a counter so
 * each test sees how many tokens reached the signature check.
 */
class CachingJwtDecoderTests {

	private DescopeEmulator emulator;

	private CountingJwtDecoder verifier;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.verifier = new CountingJwtDecoder(DescopeJwtDecoderBuilder
			.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(), this.emulator.projectId())
			.verifiedTokenCacheSize(0)
			.build());
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void decodeWhenSeenTwiceBeforeThenSameJwtWithoutThirdVerification() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier);
		String token = this.emulator.issueSessionJwt(admin());

		decoder.decode(token);
		Jwt second = decoder.decode(new String(token.toCharArray()));
		Jwt third = decoder.decode(new String(token.toCharArray()));

		assertThat(third).isSameAs(second);
		assertThat(third.getSubject()).isEqualTo(admin().userId());
		assertThat(this.verifier.calls()).hasValue(2);
		assertThat(decoder.size()).isEqualTo(1);
	}

	@Test
	void decodeWhenSeenOnceThenVerifiedAgainAndNotCachedUntilThen() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier);
		String token = this.emulator.issueSessionJwt(admin());

		Jwt first = decoder.decode(token);
		assertThat(decoder.size()).isZero();
		Jwt second = decoder.decode(token);

		assertThat(second).isNotSameAs(first);
		assertThat(this.verifier.calls()).hasValue(2);
		assertThat(decoder.size()).isEqualTo(1);
	}

	@Test
	void decodeWhenPayloadTamperedAfterCachingThenMissAndRejected() throws Exception {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier);
		String token = this.emulator.issueSessionJwt(EmulatedUser.withPhone("+15555550177", "Mallory", "user"));
		cache(decoder, token);
		String[] parts = token.split("\\.");
		JWTClaimsSet elevated = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
			.claim("roles", List.of("admin"))
			.build();
		String tampered = parts[0] + "." + TestTokens.base64Url(elevated.toString()) + "." + parts[2];
		// same signature, so the same last characters (the key's hash) as the cached
		// token: only
		// the comparison of the whole token tells them apart
		assertThat(tampered).endsWith(token.substring(token.length() - CachingJwtDecoder.HASHED_SUFFIX_LENGTH));

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(tampered));
		assertThat(this.verifier.calls()).hasValue(3);
		assertThat(decoder.size()).isEqualTo(1);
	}

	@Test
	void decodeWhenSignatureTamperedAfterCachingThenMissAndRejected() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier);
		String token = this.emulator.issueSessionJwt(admin());
		cache(decoder, token);
		int last = token.length() - 2;
		String tampered = token.substring(0, last) + ((token.charAt(last) != 'A') ? 'A' : 'B')
				+ token.substring(last + 1);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(tampered));
		assertThat(this.verifier.calls()).hasValue(3);
	}

	@Test
	void decodeWhenCachedTokenReachesExpThenDelegateJudgesItAgain() {
		MovableClock clock = MovableClock.standingAt(Instant.now());
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, Duration.ofHours(1), clock);
		String token = this.emulator.issueSessionJwt(admin());
		Jwt jwt = cache(decoder, token);
		decoder.decode(token);
		assertThat(this.verifier.calls()).hasValue(2);

		clock.set(jwt.getExpiresAt());

		// the delegate's validators (system clock) still accept it: the cache did not
		// answer
		decoder.decode(token);
		assertThat(this.verifier.calls()).hasValue(3);
		// and it was not cached again: (Caffeine may count an expired entry until its
		// timer wheel
		// evicts it, so count the delegate's calls rather than the entries)
		decoder.decode(token);
		assertThat(this.verifier.calls()).hasValue(4);
	}

	@Test
	void decodeWhenMaxTimeToLiveElapsedBeforeExpThenDelegateJudgesItAgain() {
		MovableClock clock = MovableClock.standingAt(Instant.now());
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, Duration.ofSeconds(30), clock);
		String token = this.emulator.issueSessionJwt(admin());
		cache(decoder, token);
		clock.set(clock.instant().plusSeconds(29));
		decoder.decode(token);
		assertThat(this.verifier.calls()).hasValue(2);

		clock.set(clock.instant().plusSeconds(2));

		decoder.decode(token);
		assertThat(this.verifier.calls()).hasValue(3);
		// a lapsed entry is cached again at its next verification
		decoder.decode(token);
		assertThat(this.verifier.calls()).hasValue(3);
	}

	@Test
	void decodeWhenTokenExpiresWithinClockSkewThenNotServedFromCache() {
		// the cache and the real decoder's validators on one clock
		MovableClock clock = MovableClock.standingAt(Instant.now());
		CountingJwtDecoder verifier = new CountingJwtDecoder(DescopeJwtDecoderBuilder
			.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(), this.emulator.projectId())
			.verifiedTokenCacheSize(0)
			.clock(clock)
			.build());
		CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, 100, Duration.ofHours(1), clock);
		Instant now = clock.instant();
		String token = this.emulator.issueSessionJwt(admin(),
				(claims) -> claims.issueTime(Date.from(now.minusSeconds(600)))
					.expirationTime(Date.from(now.plusSeconds(1))));
		Instant exp = cache(decoder, token).getExpiresAt();
		decoder.decode(token);
		assertThat(verifier.calls()).as("cached until exp").hasValue(2);

		clock.set(exp.plusSeconds(1));

		// past exp, within the 5 s clock skew: accepted, but by the delegate, and not
		// cached again
		assertThat(decoder.decode(token).getSubject()).isEqualTo(admin().userId());
		assertThat(verifier.calls()).hasValue(3);
		decoder.decode(token);
		assertThat(verifier.calls()).hasValue(4);
		// and past the skew, refused: the skew was what accepted it
		clock.set(exp.plusSeconds(6));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token));
		assertThat(verifier.calls()).hasValue(5);
	}

	@Test
	void decodeWhenAlreadyPastExpWithinClockSkewThenNotCached() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier);
		Instant now = Instant.now();
		String token = this.emulator.issueSessionJwt(admin(),
				(claims) -> claims.issueTime(Date.from(now.minusSeconds(600)))
					.expirationTime(Date.from(now.minusSeconds(2))));

		decoder.decode(token);
		decoder.decode(token);
		decoder.decode(token);

		assertThat(this.verifier.calls()).hasValue(3);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void decodeWhenDelegateAcceptsTokenWithoutExpThenNotCached() {
		AtomicInteger calls = new AtomicInteger();
		JwtDecoder noExp = (token) -> {
			calls.incrementAndGet();
			return Jwt.withTokenValue(token).header("alg", "RS256").subject("U1").build();
		};
		CachingJwtDecoder decoder = new CachingJwtDecoder(noExp);

		decoder.decode("a.b.c");
		decoder.decode("a.b.c");
		decoder.decode("a.b.c");

		assertThat(calls).hasValue(3);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void decodeWhenFailedThenNotCachedAndFailsAgain() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier);
		String expired = this.emulator.issueSessionJwt(admin(),
				(claims) -> claims.issueTime(Date.from(Instant.now().minusSeconds(660)))
					.expirationTime(Date.from(Instant.now().minusSeconds(60))));

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(expired));
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("not-a-jwt"));
		}

		assertThat(this.verifier.calls()).hasValue(6);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void decodeWhenMoreTokensThanMaximumSizeThenBounded() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 3);
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			int n = i;
			tokens.add(this.emulator.issueSessionJwt(admin(), (claims) -> claims.claim("n", n)));
		}
		assertThat(tokens).hasSize(10);

		tokens.forEach(decoder::decode);
		tokens.forEach(decoder::decode);

		assertThat(this.verifier.calls()).hasValue(20);
		assertThat(decoder.size()).isLessThanOrEqualTo(3);
	}

	@Test
	void buildWhenCacheOnThenThirdDecodeSkipsVerification() {
		// the builder's own decoder: a repeat costs no JWKS fetch either way, so compare
		// instances
		JwtDecoder built = DescopeJwtDecoderBuilder
			.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(), this.emulator.projectId())
			.build();
		String token = this.emulator.issueSessionJwt(admin());

		built.decode(token);

		assertThat(built.decode(token)).isSameAs(built.decode(token));
	}

	@Test
	void buildWhenCacheOffThenEveryDecodeVerifies() {
		JwtDecoder built = DescopeJwtDecoderBuilder
			.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(), this.emulator.projectId())
			.verifiedTokenCacheSize(0)
			.build();
		String token = this.emulator.issueSessionJwt(admin());

		assertThat(built.decode(token)).isNotSameAs(built.decode(token));
	}

	/**
	 * Decodes a token twice, which caches it (a token is cached at its second
	 * verification).
	 */
	private static Jwt cache(CachingJwtDecoder decoder, String token) {
		decoder.decode(token);
		return decoder.decode(token);
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	/** Counts the tokens that reach the real decoder. */
	private static final class CountingJwtDecoder implements JwtDecoder {

		private final JwtDecoder delegate;

		private final AtomicInteger calls = new AtomicInteger();

		CountingJwtDecoder(JwtDecoder delegate) {
			this.delegate = delegate;
		}

		@Override
		public Jwt decode(String token) throws JwtException {
			this.calls.incrementAndGet();
			return this.delegate.decode(token);
		}

		AtomicInteger calls() {
			return this.calls;
		}

	}

}
