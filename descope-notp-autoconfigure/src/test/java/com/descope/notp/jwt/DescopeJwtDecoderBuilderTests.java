package com.descope.notp.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DescopeJwtDecoderBuilder}: real RS256 session JWTs from a running
 * {@link DescopeEmulator}, validated against the JWKS it serves at
 * {@code <baseUrl>/v2/keys/<projectId>}.
 */
class DescopeJwtDecoderBuilderTests {

	private DescopeEmulator emulator;

	private JwtDecoder decoder;

	@BeforeEach
	void startEmulator() {
		this.emulator = DescopeEmulator.start();
		this.decoder = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri(), this.emulator.projectId()).build();
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void withJwkSetWhenTheTokenIsSignedByAGivenKeyThenDecodedWithoutFetchingTheJwks() {
		JwtDecoder pinned = DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(this.emulator.signingKey().toPublicJWK()), this.emulator.projectId())
			.build();
		String token = this.emulator.issueSessionJwt(admin());
		this.emulator.close();

		assertThat(pinned.decode(token).getSubject()).isEqualTo(admin().userId());
		assertThat(this.emulator.calls()).noneMatch((call) -> call.path().startsWith("/v2/keys"));
	}

	@Test
	void withJwkSetWhenTheIssuerIsAnotherProjectThenRefusedAsWithTheJwksUri() {
		JwtDecoder pinned = DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(this.emulator.signingKey().toPublicJWK()), "P2AnotherProject0000000000000")
			.build();

		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> pinned.decode(this.emulator.issueSessionJwt(admin())));
	}

	@Test
	void withJwkSetWhenGivenAPrivateKeyThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DescopeJwtDecoderBuilder.withJwkSet(new JWKSet(this.emulator.signingKey()), "P2Project"))
			.withMessageContaining("public keys only");
	}

	@Test
	void decodeWhenValidSessionJwtThenClaimsAndAuthorities() {
		EmulatedUser admin = admin();

		Jwt jwt = this.decoder.decode(this.emulator.issueSessionJwt(admin));

		assertThat(jwt.getSubject()).isEqualTo(admin.userId());
		DescopeJwtClaims claims = DescopeJwtClaims.from(jwt);
		assertThat(claims.userId()).isEqualTo(admin.userId());
		assertThat(claims.roles()).containsExactly("admin", "user");
		assertThat(claims.permissions()).containsExactly("reports:read");
		assertThat(claims.tenants()).containsOnlyKeys("T1tenant");
		assertThat(claims.tenants().get("T1tenant").roles()).containsExactly("tenant-admin");
		assertThat(claims.tenants().get("T1tenant").permissions()).containsExactly("billing:write");
		assertThat(claims.amr()).containsExactly("whatsapp");
		assertThat(claims.steppedUp()).isFalse();
		Collection<GrantedAuthority> authorities = new DescopeGrantedAuthoritiesConverter().convert(jwt);
		assertThat(AuthorityUtils.authorityListToSet(authorities)).containsExactlyInAnyOrder("ROLE_admin", "ROLE_user",
				"PERMISSION_reports:read", "TENANT_T1tenant:ROLE_tenant-admin",
				"TENANT_T1tenant:PERMISSION_billing:write");
		assertThat(this.emulator.calls())
			.anySatisfy((call) -> assertThat(call.path()).isEqualTo("/v2/keys/" + this.emulator.projectId()));
	}

	@Test
	void decodeWhenValidThenClaimsAndHeadersShapedAsSpringsOwnDecoderShapesThem() {
		JwtDecoder spring = NimbusJwtDecoder.withJwkSetUri(jwksUri()).build();
		List<String> tokens = List.of(this.emulator.issueSessionJwt(admin()),
				session((claims) -> claims.audience(List.of("app-1", "app-2"))
					.notBeforeTime(Date.from(Instant.now().minusSeconds(30)))
					.jwtID("jti-1")
					.claim("nested", Map.of("list", List.of(1, "two"), "flag", true))),
				session((claims) -> claims.audience("app-1").issueTime(null)));

		for (String token : tokens) {
			Jwt ours = this.decoder.decode(token);
			Jwt theirs = spring.decode(token);

			assertThat(ours.getClaims()).isEqualTo(theirs.getClaims());
			assertThat(ours.getHeaders()).isEqualTo(theirs.getHeaders());
			assertThat(ours.getIssuedAt()).isEqualTo(theirs.getIssuedAt()).isNotNull();
			assertThat(ours.getExpiresAt()).isEqualTo(theirs.getExpiresAt()).isNotNull();
			assertThat(ours.getAudience()).isEqualTo(theirs.getAudience());
		}
	}

	@Test
	void decodeWhenClaimsAreJsonNullThenShapedAsSpringsOwnDecoderShapesThem() {
		JwtDecoder spring = NimbusJwtDecoder.withJwkSetUri(jwksUri()).build();
		List<String> tokens = List.of(session((claims) -> claims.serializeNullClaims(true)
			.notBeforeTime(null)
			.audience((String) null)
			.jwtID(null)
			.claim("nickname", null)), session((claims) -> claims.serializeNullClaims(true).issueTime(null)));

		for (String token : tokens) {
			Jwt ours = this.decoder.decode(token);
			Jwt theirs = spring.decode(token);

			assertThat(ours.getClaims()).isEqualTo(theirs.getClaims());
			assertThat(ours.getClaims().keySet()).doesNotContain("nbf", "aud", "jti");
			assertThat(ours.getIssuedAt()).isNotNull().isEqualTo(theirs.getIssuedAt());
		}
	}

	@Test
	void decodeWhenUserHasNoRolesThenNoAuthoritiesAndNoError() {
		EmulatedUser nobody = EmulatedUser.withPhone("+15555550177", "Nobody");

		Jwt jwt = this.decoder.decode(this.emulator.issueSessionJwt(nobody));

		DescopeJwtClaims claims = DescopeJwtClaims.from(jwt);
		assertThat(claims.roles()).isEmpty();
		assertThat(claims.permissions()).isEmpty();
		assertThat(claims.tenants()).isEmpty();
		assertThat(new DescopeGrantedAuthoritiesConverter().convert(jwt)).isEmpty();
	}

	@Test
	void decodeWhenExpiredBeyondClockSkewThenRejected() {
		Instant now = Instant.now();
		String token = session((claims) -> claims.issueTime(Date.from(now.minusSeconds(660)))
			.expirationTime(Date.from(now.minusSeconds(60))));

		assertRejected(token);
	}

	@Test
	void decodeWhenExpiredWithinClockSkewThenAccepted() {
		Instant now = Instant.now();
		String token = session((claims) -> claims.issueTime(Date.from(now.minusSeconds(600)))
			.expirationTime(Date.from(now.minusSeconds(2))));

		assertThat(this.decoder.decode(token).getSubject()).isEqualTo(admin().userId());
	}

	@Test
	void decodeWhenClockSkewSetToZeroThenJustExpiredRejected() {
		JwtDecoder strict = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri(), this.emulator.projectId())
			.clockSkew(Duration.ZERO)
			.build();
		Instant now = Instant.now();
		String token = session((claims) -> claims.expirationTime(Date.from(now.minusSeconds(2))));

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> strict.decode(token));
	}

	@Test
	void decodeWhenTheClockMovesThenExpiryAndTheKeySetCacheFollowIt() {
		MovableClock clock = MovableClock.standingAt(Instant.now());
		this.emulator.setClock(clock);
		JwtDecoder onClock = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri(), this.emulator.projectId())
			.clock(clock)
			.build();
		String token = this.emulator.issueSessionJwt(admin());
		assertThat(onClock.decode(token).getSubject()).isEqualTo(admin().userId());
		assertThat(onClock.decode(token).getSubject()).as("from the cache of verified tokens")
			.isEqualTo(admin().userId());
		assertThat(jwksFetches()).isEqualTo(1);

		// past the token's 10-minute lifetime and the 5 s skew, and the key set's
		// 10-minute
		// time-to-live, by the clock only
		clock.advance(Duration.ofMinutes(10).plusSeconds(6));

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> onClock.decode(token));
		assertThat(onClock.decode(this.emulator.issueSessionJwt(admin())).getSubject()).isEqualTo(admin().userId());
		assertThat(jwksFetches()).as("the cached key set expired").isEqualTo(2);
	}

	@Test
	void decodeWhenNoExpThenRejected() {
		assertRejected(session((claims) -> claims.expirationTime(null)));
	}

	@Test
	void decodeWhenNotBeforeInTheFutureThenRejected() {
		assertRejected(session((claims) -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(60)))));
	}

	@Test
	void decodeWhenRefreshJwtThenRejected() {
		assertRejected(this.emulator.issueRefreshJwt(admin()));
		assertRejected(session((claims) -> claims.claim("drn", "DSR")));
	}

	@Test
	void decodeWhenNoDrnThenRejected() {
		assertRejected(session((claims) -> claims.claim("drn", null)));
	}

	@Test
	void decodeWhenAnotherProjectsIssuerThenRejected() {
		assertRejected(session((claims) -> claims.issuer("P2aAc4T2V93bddihGEx2Ryhc8e5Z")));
		assertRejected(
				session((claims) -> claims.issuer("https://api.descope.com/v1/apps/P2aAc4T2V93bddihGEx2Ryhc8e5Z")));
	}

	@Test
	void decodeWhenIssuerOnlyStartsWithProjectIdThenRejected() {
		String projectId = this.emulator.projectId();
		assertRejected(session((claims) -> claims.issuer(projectId + "x")));
		assertRejected(session((claims) -> claims.issuer("https://api.descope.com/v1/apps/" + projectId + "x")));
		assertRejected(session((claims) -> claims.issuer("https://" + projectId + "/other")));
	}

	@Test
	void decodeWhenNoIssuerThenRejected() {
		assertRejected(session((claims) -> claims.issuer(null)));
	}

	@Test
	void decodeWhenUrlIssuerEndsWithProjectIdThenAccepted() {
		String projectId = this.emulator.projectId();
		String token = session((claims) -> claims.issuer("https://api.descope.com/v1/apps/" + projectId));

		assertThat(this.decoder.decode(token).getClaimAsString("iss"))
			.isEqualTo("https://api.descope.com/v1/apps/" + projectId);
	}

	@Test
	void decodeWhenSubjectMissingOrEmptyThenRejected() {
		assertRejected(this.emulator.issueSessionJwt(admin(), (claims) -> claims.subject(null)));
		assertRejected(this.emulator.issueSessionJwt(admin(), (claims) -> claims.subject("")));
	}

	@Test
	void decodeWhenSignedByAnotherKeyWithSameKidThenRejected() throws Exception {
		RSAKey impostor = new RSAKeyGenerator(2048).keyID(this.emulator.signingKey().getKeyID()).generate();

		assertRejected(TestTokens.resign(this.emulator.issueSessionJwt(admin()), impostor));
	}

	@Test
	void decodeWhenUnknownKidThenRejectedAndJwksRefetchedAtMostOnce() throws Exception {
		RSAKey unknown = new RSAKeyGenerator(2048).keyID("SKunknownKeyId000000000000000").generate();
		String token = TestTokens.resign(this.emulator.issueSessionJwt(admin()), unknown);

		for (int i = 0; i < 4; i++) {
			// within the rate-limit window no refetch happens, and the token is still a
			// bad token
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(token));
		}
		assertThat(this.emulator.calls()).filteredOn((call) -> call.path().startsWith("/v2/keys/"))
			.hasSizeLessThanOrEqualTo(2);
		assertThat(this.decoder.decode(this.emulator.issueSessionJwt(admin())).getSubject())
			.isEqualTo(admin().userId());
	}

	@Test
	void decodeWhenAlgNoneThenRejected() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(this.emulator.issueSessionJwt(admin())).getJWTClaimsSet();
		String token = TestTokens.base64Url("{\"alg\":\"none\"}") + "." + TestTokens.base64Url(claims.toString()) + ".";

		assertRejected(token);
	}

	@Test
	void decodeWhenHs256SignedWithRsaPublicKeyThenRejected() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(this.emulator.issueSessionJwt(admin())).getJWTClaimsSet();
		byte[] publicKeyBytes = this.emulator.signingKey().toRSAPublicKey().getEncoded();
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.emulator.signingKey().getKeyID())
					.type(JOSEObjectType.JWT)
					.build(),
				claims);
		forged.sign(new MACSigner(publicKeyBytes));

		assertRejected(forged.serialize());
	}

	@Test
	void decodeWhenPayloadTamperedThenRejected() throws Exception {
		String token = this.emulator.issueSessionJwt(EmulatedUser.withPhone("+15555550177", "Mallory", "user"));
		String[] parts = token.split("\\.");
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		JWTClaimsSet elevated = new JWTClaimsSet.Builder(claims).claim("roles", List.of("admin")).build();
		String tampered = parts[0] + "." + TestTokens.base64Url(elevated.toString()) + "." + parts[2];

		assertRejected(tampered);
	}

	@Test
	void decodeWhenJwksUnreachableThenNotABadTokenButAnOutage() throws Exception {
		String token = this.emulator.issueSessionJwt(admin());
		int closedPort = TestTokens.closedLoopbackPort();
		JwtDecoder unreachable = DescopeJwtDecoderBuilder
			.withJwkSetUri("http://127.0.0.1:" + closedPort + "/v2/keys/" + this.emulator.projectId(),
					this.emulator.projectId())
			.build();

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> unreachable.decode(token))
			.isNotInstanceOf(BadJwtException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(token));
	}

	@Test
	void decodeWhenValidatorsRefuseThenValidationExceptionWithEveryError() {
		String token = session((claims) -> claims.issuer("https://api.descope.com/Pother").claim("drn", "DSR"));

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.getErrors()).hasSize(2))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(token));
	}

	@Test
	void decodeWhenIssuedAtNotBeforeExpiryThenRejectedAsBadToken() {
		Date exp = Date.from(Instant.now().plusSeconds(60));

		assertRejected(session((claims) -> claims.expirationTime(exp).issueTime(exp)));
	}

	@Test
	void decodeWhenNullThenRejectedAsBadToken() {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(null));
	}

	@Test
	void decodeWhenNotAJwtThenRejected() {
		assertRejected("not-a-jwt");
	}

	@Test
	void buildWhenTheBuilderChangesAfterwardsThenTheDecoderKeepsTheSettingsItWasBuiltWith() {
		DescopeJwtDecoderBuilder builder = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri(), this.emulator.projectId());
		JwtDecoder built = builder.build();
		builder.validator((jwt) -> OAuth2TokenValidatorResult.failure(new OAuth2Error("refused_later")))
			.verifiedTokenCacheSize(0);

		assertThat(built.decode(this.emulator.issueSessionJwt(admin())).getSubject()).isEqualTo(admin().userId());
	}

	@Test
	void buildWhenBuiltThenTheJwksIsNotFetchedBeforeTheFirstToken() {
		JwtDecoder built = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri(), this.emulator.projectId()).build();

		assertThat(jwksFetches()).isZero();
		assertThat(built.decode(this.emulator.issueSessionJwt(admin())).getSubject()).isEqualTo(admin().userId());
		assertThat(jwksFetches()).isEqualTo(1);
	}

	@Test
	void buildWhenTheJwksUriIsNotAUrlThenFailsAtOnce() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DescopeJwtDecoderBuilder.withJwkSetUri("not a url", this.emulator.projectId()).build())
			.withMessageContaining("Invalid JWKS URI");
	}

	private void assertRejected(String token) {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(token));
	}

	private long jwksFetches() {
		return this.emulator.calls().stream().filter((call) -> call.path().startsWith("/v2/keys/")).count();
	}

	private String session(Consumer<JWTClaimsSet.Builder> customizer) {
		return this.emulator.issueSessionJwt(admin(), customizer);
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

	private String jwksUri() {
		return this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId();
	}

}
