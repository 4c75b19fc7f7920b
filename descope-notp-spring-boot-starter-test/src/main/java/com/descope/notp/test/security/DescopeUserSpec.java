package com.descope.notp.test.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.Assert;

/**
 * What a test says about a signed-in Descope user, and the session JWT and
 * {@link DescopeAuthenticationToken} that follow from it: the knobs of
 * {@link WithMockDescopeUser}, {@link MockDescopeUser} and the MockMvc request
 * post-processors ({@link DescopeMockMvcRequestPostProcessors}) and {@code WebTestClient}
 * mutators ({@link DescopeMockServerConfigurers}).
 *
 * <p>
 * The session JWT has the claims a Descope session JWT has
 * ({@code docs/descope-protocol.md} in the project, "JWT claims"): {@code iss} the
 * project id, {@code sub} the user id, {@code iat} now, {@code exp} in 10 minutes,
 * {@code drn} {@code DS}, {@code amr} {@code ["whatsapp"]} with the factor, {@code su}
 * when stepped up, {@code roles}, {@code permissions} and {@code tenants} when not empty.
 * The time of the WhatsApp confirmation is its {@code auth_time} (OpenID Connect Core
 * 1.0, section 2), which the starter reads before {@code iat}. The {@code Authentication}
 * is what the starter itself builds from that token: the token is validated by a decoder
 * with the starter's checks and converted by the application's
 * {@code DescopeJwtAuthenticationConverter}.
 *
 * <p>
 * Defaults: user id {@value #DEFAULT_USER_ID}, login id and phone
 * {@value #DEFAULT_PHONE}, no name or email, no roles, permissions or tenants, the
 * WhatsApp factor confirmed just now, not stepped up.
 *
 * @param <S> the concrete type, returned by every knob
 */
public abstract class DescopeUserSpec<S extends DescopeUserSpec<S>> {

	/** The default user id: {@value}. */
	public static final String DEFAULT_USER_ID = "U2TestUser0000000000000000001";

	/**
	 * The default login id and phone number (a number reserved for fiction): {@value}.
	 */
	public static final String DEFAULT_PHONE = "+15555550100";

	/** How long the session JWT lives, as Descope's default session time-out. */
	static final Duration SESSION_TTL = Duration.ofMinutes(10);

	private String userId = DEFAULT_USER_ID;

	private List<String> loginIds = List.of(DEFAULT_PHONE);

	private @Nullable String name;

	private @Nullable String phone = DEFAULT_PHONE;

	private @Nullable String email;

	private List<String> roles = List.of();

	private List<String> permissions = List.of();

	private final Map<String, Map<String, List<String>>> tenants = new LinkedHashMap<>();

	private boolean whatsAppFactor = true;

	private Duration whatsAppFactorAge = Duration.ZERO;

	private boolean steppedUp;

	private final Map<String, Object> claims = new LinkedHashMap<>();

	/**
	 * The Descope user id ({@code sub}).
	 * @param userId not blank
	 * @return this
	 */
	public S userId(String userId) {
		Assert.hasText(userId, "userId must not be empty");
		this.userId = userId;
		return self();
	}

	/**
	 * The user's login ids, as Descope's login answer lists them.
	 * @param loginIds for nOTP, phone numbers in E.164
	 * @return this
	 */
	public S loginIds(String... loginIds) {
		this.loginIds = List.of(loginIds);
		return self();
	}

	/**
	 * The display name.
	 * @param name the name, or {@code null} for none
	 * @return this
	 */
	public S name(@Nullable String name) {
		this.name = name;
		return self();
	}

	/**
	 * The phone number.
	 * @param phone in E.164, or {@code null} for none
	 * @return this
	 */
	public S phone(@Nullable String phone) {
		this.phone = phone;
		return self();
	}

	/**
	 * The email address.
	 * @param email the address, or {@code null} for none
	 * @return this
	 */
	public S email(@Nullable String email) {
		this.email = email;
		return self();
	}

	/**
	 * Project-level roles ({@code roles}), each granted as {@code ROLE_<role>}.
	 * @param roles role names as in Descope, for example {@code admin}
	 * @return this
	 */
	public S roles(String... roles) {
		this.roles = List.of(roles);
		return self();
	}

	/**
	 * Project-level permissions ({@code permissions}), each granted as
	 * {@code PERMISSION_<permission>}.
	 * @param permissions permission names, for example {@code reports:read}
	 * @return this
	 */
	public S permissions(String... permissions) {
		this.permissions = List.of(permissions);
		return self();
	}

	/**
	 * Membership of a tenant ({@code tenants.<tenantId>}), granting
	 * {@code TENANT_<tenantId>:ROLE_<role>} and
	 * {@code TENANT_<tenantId>:PERMISSION_<permission>}.
	 * @param tenantId the tenant id
	 * @param roles the roles in that tenant
	 * @param permissions the permissions in that tenant
	 * @return this
	 */
	public S tenant(String tenantId, List<String> roles, List<String> permissions) {
		Assert.hasText(tenantId, "tenantId must not be empty");
		this.tenants.put(tenantId, Map.of("roles", List.copyOf(roles), "permissions", List.copyOf(permissions)));
		return self();
	}

	/**
	 * Whether the session proves a WhatsApp confirmation ({@code amr} has
	 * {@code whatsapp}, granting {@code FACTOR_WHATSAPP}).
	 * @param whatsAppFactor default {@code true}
	 * @return this
	 */
	public S whatsAppFactor(boolean whatsAppFactor) {
		this.whatsAppFactor = whatsAppFactor;
		return self();
	}

	/**
	 * How long ago the user confirmed on WhatsApp (the factor's time, checked by
	 * {@code @descopeFactors.whatsAppWithin}).
	 * @param age not negative; default zero (just now)
	 * @return this
	 */
	public S whatsAppFactorAge(Duration age) {
		Assert.isTrue(!age.isNegative(), "age must not be negative");
		this.whatsAppFactorAge = age;
		return self();
	}

	/**
	 * Whether the session was stepped up ({@code su}).
	 * @param steppedUp default {@code false}
	 * @return this
	 */
	public S steppedUp(boolean steppedUp) {
		this.steppedUp = steppedUp;
		return self();
	}

	/**
	 * Another claim of the session JWT, for example a custom claim of the project; set
	 * after the others, so it can replace them.
	 * @param name the claim name
	 * @param value a JSON value: a string, number, boolean, list or map
	 * @return this
	 */
	public S claim(String name, Object value) {
		this.claims.put(name, value);
		return self();
	}

	/**
	 * The session JWT of this user, for the project of the application under test.
	 * @param context the application under test, or {@code null} for the test project
	 * (see {@link DescopeTestKeys})
	 * @return a compact RS256 JWS, signed by the key of the application's Descope
	 * emulator when it runs on one, else by the test key
	 */
	public String sessionJwt(@Nullable ApplicationContext context) {
		return signedSessionJwt(DescopeTestProject.of(context));
	}

	/**
	 * The {@code Authentication} the starter builds for this user after a login (the
	 * session JWT with the user details of Descope's login answer), as a stored session
	 * holds it.
	 * @param context the application under test, for its project and converter, or
	 * {@code null}
	 * @return the authentication
	 * @throws IllegalArgumentException when the session JWT fails the starter's checks,
	 * for example when a {@link #claim(String, Object)} replaced {@code exp} with a time
	 * past
	 */
	public DescopeAuthenticationToken authentication(@Nullable ApplicationContext context) {
		DescopeTestProject project = DescopeTestProject.of(context);
		Jwt jwt;
		try {
			jwt = project.decoder().decode(signedSessionJwt(project));
		}
		catch (JwtException ex) {
			throw new IllegalArgumentException("The session JWT of this Descope user fails the starter's checks ("
					+ ex.getMessage() + "), so no login would give it: check the claim(..) values. To send the "
					+ "application a token it must refuse, use descopeJwt() or sessionJwt(..)", ex);
		}
		return project.converter().convert(jwt, loginAnswerUser());
	}

	/**
	 * Sets this user's session JWT as the bearer credential of a request, for clients
	 * that take headers, such as {@code WebTestClient} or {@code RestTestClient}:
	 * {@code client.get().uri("/api").headers(user.bearerAuth(context))}.
	 * @param context the application under test, or {@code null}
	 * @return sets {@code Authorization: Bearer <session JWT>}
	 */
	public Consumer<HttpHeaders> bearerAuth(@Nullable ApplicationContext context) {
		String jwt = sessionJwt(context);
		return (headers) -> headers.setBearerAuth(jwt);
	}

	String signedSessionJwt(DescopeTestProject project) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(project.projectId())
			.subject(this.userId)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(SESSION_TTL)))
			.claim("drn", "DS");
		if (this.whatsAppFactor) {
			builder.claim("amr", List.of("whatsapp"))
				.claim("auth_time", now.minus(this.whatsAppFactorAge).getEpochSecond());
		}
		if (this.steppedUp) {
			builder.claim("su", true);
		}
		if (!this.roles.isEmpty()) {
			builder.claim("roles", this.roles);
		}
		if (!this.permissions.isEmpty()) {
			builder.claim("permissions", this.permissions);
		}
		if (!this.tenants.isEmpty()) {
			builder.claim("tenants", new LinkedHashMap<>(this.tenants));
		}
		this.claims.forEach(builder::claim);
		return TestTokens.sign(builder.build(), project.signingKey());
	}

	/**
	 * The user as Descope's login answer describes it.
	 * @return the user
	 */
	DescopeUser loginAnswerUser() {
		List<DescopeUser.UserTenant> userTenants = new ArrayList<>();
		this.tenants.forEach((id, access) -> userTenants
			.add(new DescopeUser.UserTenant(id, null, access.get("roles"), access.get("permissions"))));
		return new DescopeUser(this.userId, this.loginIds, this.name, null, null, null, this.email,
				(this.email != null) ? true : null, this.phone, (this.phone != null) ? true : null, this.roles,
				this.permissions, userTenants, "enabled", null, null);
	}

	@SuppressWarnings("unchecked")
	private S self() {
		return (S) this;
	}

}
