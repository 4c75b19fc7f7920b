package com.descope.notp.test;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks the emulator's JWTs (Nimbus only) and keeps the set of revoked
 * refresh tokens. Thread-safe.
 */
final class TokenService {

	/** Lifetime of refresh JWTs. */
	static final Duration REFRESH_TTL = Duration.ofDays(30);

	private final String projectId;

	private final RSAKey key;

	private final RSASSASigner signer;

	private final RSASSAVerifier verifier;

	private final Set<String> revokedJtis = ConcurrentHashMap.newKeySet();

	private final Map<String, Set<String>> jtisByUser = new ConcurrentHashMap<>();

	private final Supplier<Instant> clock;

	TokenService(String projectId, Supplier<Instant> clock) {
		this.projectId = projectId;
		this.clock = clock;
		try {
			this.key = new RSAKeyGenerator(2048).keyID(RandomIds.keyId())
				.algorithm(JWSAlgorithm.RS256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			this.signer = new RSASSASigner(this.key);
			this.verifier = new RSASSAVerifier(this.key.toRSAPublicKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot create the emulator's RSA key", ex);
		}
	}

	RSAKey key() {
		return this.key;
	}

	/**
	 * A session JWT ({@code drn} DS) for {@code user}, claims as
	 * {@code docs/descope-protocol.md} describes them.
	 * @param user the user, for {@code sub} and the roles, permissions and tenants
	 * @param options the lifetime and the step-up and MFA flags
	 * @param customizer changes the claims before signing (tests use it to forge tokens),
	 * or {@code null}
	 * @return the signed JWT and its expiry
	 */
	Issued issueSession(EmulatedUser user, SessionOptions options,
			@Nullable Consumer<JWTClaimsSet.Builder> customizer) {
		return issueSession(user, options, customizer, this.clock.get());
	}

	/**
	 * Like {@link #issueSession(EmulatedUser, SessionOptions, Consumer)}, issued at the
	 * given time, so that the tokens of one answer share their {@code iat}.
	 * @param user the user
	 * @param options the lifetime and the step-up and MFA flags
	 * @param customizer changes the claims before signing, or {@code null}
	 * @param issuedAt the issue time (truncated to seconds)
	 * @return the signed JWT and its expiry
	 */
	Issued issueSession(EmulatedUser user, SessionOptions options, @Nullable Consumer<JWTClaimsSet.Builder> customizer,
			Instant issuedAt) {
		Instant now = issuedAt.truncatedTo(ChronoUnit.SECONDS);
		Instant exp = now.plus(options.ttl());
		List<String> amr = new ArrayList<>(List.of("whatsapp"));
		if (options.mfa()) {
			amr.add("mfa");
		}
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.projectId)
			.subject(user.userId())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(exp))
			.claim("drn", "DS")
			.claim("amr", amr)
			.claim("rexp",
					DateTimeFormatter.ISO_INSTANT.format(options.refreshExpiry().truncatedTo(ChronoUnit.SECONDS)));
		if (options.stepup()) {
			claims.claim("su", true);
		}
		if (!user.roles().isEmpty()) {
			claims.claim("roles", user.roles());
		}
		if (!user.permissions().isEmpty()) {
			claims.claim("permissions", user.permissions());
		}
		if (!user.tenants().isEmpty()) {
			Map<String, Object> tenants = new LinkedHashMap<>();
			user.tenants()
				.forEach((tenantId, access) -> tenants.put(tenantId,
						Map.of("roles", access.roles(), "permissions", access.permissions())));
			claims.claim("tenants", tenants);
		}
		if (customizer != null) {
			customizer.accept(claims);
		}
		JWTClaimsSet built = claims.build();
		Date builtExp = built.getExpirationTime();
		return new Issued(sign(built), (builtExp != null) ? builtExp.toInstant() : exp);
	}

	/**
	 * A refresh JWT ({@code drn} DSR, 30 days, unique {@code jti}) for {@code user}.
	 * @param user the user, for {@code sub}
	 * @return the signed JWT and its expiry
	 */
	Issued issueRefresh(EmulatedUser user) {
		return issueRefresh(user, this.clock.get());
	}

	/**
	 * Like {@link #issueRefresh(EmulatedUser)}, issued at the given time.
	 * @param user the user
	 * @param issuedAt the issue time (truncated to seconds)
	 * @return the signed JWT and its expiry
	 */
	Issued issueRefresh(EmulatedUser user, Instant issuedAt) {
		Instant now = issuedAt.truncatedTo(ChronoUnit.SECONDS);
		Instant exp = now.plus(REFRESH_TTL);
		String jti = RandomIds.alphanumeric(24);
		this.jtisByUser.computeIfAbsent(user.userId(), (k) -> ConcurrentHashMap.newKeySet()).add(jti);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.projectId)
			.subject(user.userId())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(exp))
			.jwtID(jti)
			.claim("drn", "DSR")
			.claim("amr", List.of("whatsapp"))
			.build();
		return new Issued(sign(claims), exp);
	}

	private String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign JWT", ex);
		}
		return jwt.serialize();
	}

	/**
	 * Checks a refresh JWT: RS256 signed by this emulator's key, {@code iss} = project
	 * id, {@code drn} = DSR, not expired, not revoked. Never echoes the token.
	 * @param token the presented refresh JWT, or {@code null}
	 * @return the user and {@code jti}, or the error code and description
	 */
	RefreshCheck checkRefresh(@Nullable String token) {
		if (token == null || token.isBlank()) {
			return RefreshCheck.invalid(EmulatorErrorCodes.INVALID_REFRESH_TOKEN, "Refresh token is missing");
		}
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(this.verifier)) {
				return RefreshCheck.invalid(EmulatorErrorCodes.INVALID_REFRESH_TOKEN,
						"Refresh token signature is invalid");
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (!this.projectId.equals(claims.getIssuer()) || !"DSR".equals(claims.getStringClaim("drn"))
					|| claims.getSubject() == null) {
				return RefreshCheck.invalid(EmulatorErrorCodes.INVALID_REFRESH_TOKEN,
						"Not a refresh token of this project");
			}
			Date exp = claims.getExpirationTime();
			if (exp == null || !exp.toInstant().isAfter(this.clock.get())) {
				return RefreshCheck.invalid(EmulatorErrorCodes.INVALID_REFRESH_TOKEN, "Refresh token expired");
			}
			String jti = claims.getJWTID();
			if (jti != null && this.revokedJtis.contains(jti)) {
				return RefreshCheck.invalid(EmulatorErrorCodes.TOKEN_REVOKED, "Token expired by logout");
			}
			return new RefreshCheck(claims.getSubject(), jti, exp.toInstant(), null, "");
		}
		catch (ParseException | JOSEException | IllegalStateException ex) {
			return RefreshCheck.invalid(EmulatorErrorCodes.INVALID_REFRESH_TOKEN, "Refresh token is malformed");
		}
	}

	/**
	 * Revokes one refresh token by {@code jti} (no-op for {@code null}).
	 * @param jti the refresh token's {@code jti}, or {@code null}
	 */
	void revoke(@Nullable String jti) {
		if (jti != null) {
			this.revokedJtis.add(jti);
		}
	}

	/**
	 * Revokes every refresh token issued to {@code userId}.
	 * @param userId the user id ({@code sub})
	 */
	void revokeAll(String userId) {
		Set<String> jtis = this.jtisByUser.get(userId);
		if (jtis != null) {
			this.revokedJtis.addAll(new HashSet<>(jtis));
		}
	}

	/**
	 * A token and its expiry.
	 *
	 * @param jwt the signed, serialized JWT
	 * @param expiresAt its {@code exp}
	 */
	record Issued(String jwt, Instant expiresAt) {
		@Override
		public String toString() {
			return "Issued[expiresAt=" + this.expiresAt + "]";
		}
	}

	/**
	 * What a session JWT says beyond the user's own claims.
	 *
	 * @param ttl the session JWT's lifetime
	 * @param refreshExpiry when the refresh JWT expires ({@code rexp} claim)
	 * @param stepup whether to add the {@code su} claim
	 * @param mfa whether {@code amr} gets {@code mfa}
	 */
	record SessionOptions(Duration ttl, Instant refreshExpiry, boolean stepup, boolean mfa) {
	}

	/**
	 * Result of checking a presented refresh JWT: either {@code userId} set, or
	 * {@code errorCode} set.
	 *
	 * @param userId the token's {@code sub} when valid, else {@code null}
	 * @param jti the token's {@code jti} when valid, else {@code null}
	 * @param expiresAt the token's {@code exp} when valid, else {@code null}
	 * @param errorCode the Descope error code when invalid, else {@code null}
	 * @param description what was wrong (never the token), or empty when valid
	 */
	record RefreshCheck(@Nullable String userId, @Nullable String jti, @Nullable Instant expiresAt,
			@Nullable String errorCode, String description) {

		static RefreshCheck invalid(String code, String description) {
			return new RefreshCheck(null, null, null, code, description);
		}

		boolean valid() {
			return this.errorCode == null;
		}
	}

}
