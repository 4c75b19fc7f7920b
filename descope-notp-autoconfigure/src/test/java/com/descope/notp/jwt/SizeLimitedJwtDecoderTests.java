package com.descope.notp.jwt;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SizeLimitedJwtDecoder} and for the size limit, the {@code kid}
 * requirement and the key-cache windows of the decoder {@link DescopeJwtDecoderBuilder}
 * builds, with real RS256 tokens from a running {@link DescopeEmulator}.
 */
class SizeLimitedJwtDecoderTests {

	private DescopeEmulator emulator;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void decodeWhenLongerThanLimitThenBadJwtBeforeTheDelegateSeesIt() {
		AtomicInteger delegated = new AtomicInteger();
		JwtDecoder decoder = new SizeLimitedJwtDecoder((token) -> {
			delegated.incrementAndGet();
			throw new BadJwtException("delegate");
		}, 10);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("a".repeat(11)))
			.withMessage("The token is longer than 10 characters");
		assertThat(delegated).hasValue(0);
	}

	@Test
	void decodeWhenWithinLimitThenDelegated() {
		JwtDecoder decoder = new SizeLimitedJwtDecoder(builder().build());
		String token = this.emulator.issueSessionJwt(alice());

		Jwt jwt = decoder.decode(token);

		assertThat(jwt.getSubject()).isEqualTo(alice().userId());
	}

	@Test
	void defaultLimitIs8192Characters() {
		assertThat(SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH).isEqualTo(8192);
	}

	@Test
	void builtDecoderWhenValidTokenOverLimitThenBadJwtWithoutFetchingKeys() {
		JwtDecoder decoder = builder().build();
		String token = this.emulator.issueSessionJwt(alice(),
				(claims) -> claims.claim("pad", "x".repeat(SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH)));

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token))
			.withMessageContaining("longer than 8192 characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(token.substring(0, 20)));
		assertThat(this.emulator.calls()).isEmpty();
	}

	@Test
	void builtDecoderWhenLimitRaisedThenLongValidTokenAccepted() {
		JwtDecoder decoder = builder().maxTokenLength(32_768).build();
		String token = this.emulator.issueSessionJwt(alice(),
				(claims) -> claims.claim("pad", "x".repeat(SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH)));

		assertThat(decoder.decode(token).getSubject()).isEqualTo(alice().userId());
	}

	@Test
	void builtDecoderWhenNoKidThenBadJwtEvenWithTheProjectsKey() throws Exception {
		JwtDecoder decoder = builder().build();
		SignedJWT original = SignedJWT.parse(this.emulator.issueSessionJwt(alice()));
		SignedJWT noKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
				original.getJWTClaimsSet());
		noKid.sign(new RSASSASigner(this.emulator.signingKey()));

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(noKid.serialize()));
		assertThat(decoder.decode(original.serialize()).getSubject()).isEqualTo(alice().userId());
	}

	@Test
	void buildWhenCacheTtlShorterThanRefreshAheadThenBuildsAndDecodes() {
		JwtDecoder decoder = builder().jwksCacheTtl(Duration.ofSeconds(2))
			.jwksRateLimit(Duration.ofMillis(500))
			.jwksOutageTolerance(Duration.ofSeconds(5))
			.build();

		assertThat(decoder.decode(this.emulator.issueSessionJwt(alice())).getSubject()).isEqualTo(alice().userId());
	}

	@Test
	void buildWhenOutageToleranceZeroThenBuildsAndDecodes() {
		JwtDecoder decoder = builder().jwksOutageTolerance(Duration.ZERO).build();

		assertThat(decoder.decode(this.emulator.issueSessionJwt(alice())).getSubject()).isEqualTo(alice().userId());
	}

	@Test
	void buildWhenRateLimitNotShorterThanCacheTtlThenSaysSo() {
		DescopeJwtDecoderBuilder builder = builder().jwksCacheTtl(Duration.ofSeconds(30))
			.jwksRateLimit(Duration.ofSeconds(30));

		assertThatIllegalStateException().isThrownBy(builder::build)
			.withMessage("The JWKS rate limit (PT30S) must be shorter than the JWKS cache time-to-live (PT30S)");
	}

	@Test
	void buildWhenWindowsNotPositiveThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().jwksCacheTtl(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().jwksRateLimit(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().jwksOutageTolerance(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().maxTokenLength(0));
	}

	private DescopeJwtDecoderBuilder builder() {
		return DescopeJwtDecoderBuilder.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(),
				this.emulator.projectId());
	}

	private EmulatedUser alice() {
		return this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

}
