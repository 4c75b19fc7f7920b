package com.descope.notp.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import mockwebserver3.MockWebServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Descope's HTTP API (nOTP over WhatsApp, refresh, logout, me, JWKS) on a
 * {@link MockWebServer}, signing real RS256 JWTs. For tests and for local runs, where a
 * person confirms the sign-in in a browser page standing in for WhatsApp.
 *
 * <pre>{@code
 * try (DescopeEmulator descope = DescopeEmulator.start()) {
 *     // point the client at descope.baseUrl() and descope.projectId(), start a sign-in, then:
 *     descope.confirm(descope.lastFlow().pendingRef());   // as if the user sent the WhatsApp message
 *     // the next poll of /v1/auth/notp/pending-session answers 200 with the session
 * }
 * }</pre>
 *
 * <p>
 * <b>HTTP API</b> (bodies and codes as in Descope's; error bodies are
 * {@code {"errorCode","errorDescription","errorMessage"}}; codes in
 * {@link EmulatorErrorCodes}):
 * <ul>
 * <li>Every {@code /v1} call needs {@code Authorization: Bearer <projectId>} or
 * {@code Bearer <projectId>:<jwt>}, else 401 {@code E062802}. A refresh JWT can also come
 * in a {@code DSR} cookie.</li>
 * <li>{@code POST /v1/auth/notp/whatsapp/signin|signup|signup-in} → {@code {pendingRef,
 * redirectUrl, image}}; {@code redirectUrl} is {@code <baseUrl>/notp/confirm/{code}},
 * {@code image} a base64 PNG QR code of it. {@code loginOptions.stepup}/{@code mfa} need
 * a valid refresh JWT (else 401 {@code E061003}, or {@code E064001} when revoked).</li>
 * <li>{@code POST /v1/auth/notp/pending-session} → 401 {@code E066103} while pending, 401
 * {@code E066104} when expired, 401 with the failure code when failed, 400
 * {@code E011003} for unknown or redeemed refs, else 200 JWTResponse (once).</li>
 * <li>{@code POST /v1/auth/refresh}, {@code /v1/auth/try-refresh},
 * {@code /v1/auth/logout}, {@code /v1/auth/logoutall}, {@code GET /v1/auth/me},
 * {@code GET /v2/keys/<projectId>} (no auth).</li>
 * <li>{@code GET|POST /notp/confirm/{code}}: the HTML page standing in for WhatsApp.</li>
 * <li>CORS preflights ({@code OPTIONS}) answer 204 for any origin, with credentials.</li>
 * </ul>
 *
 * <p>
 * Thread-safe. When it starts it logs its URL and project id at {@code INFO}. Tokens are
 * never logged and never appear in a {@code toString()}.
 */
public final class DescopeEmulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DescopeEmulator.class);

	/** The WhatsApp sender assumed when a flow has no login id: {@value}. */
	public static final String DEFAULT_WHATSAPP_PHONE = "+15555550199";

	private final MockWebServer server;

	private final EmulatorContext ctx;

	private final EmulatorDispatcher dispatcher;

	private DescopeEmulator(String projectId) {
		this.server = new MockWebServer();
		try {
			this.server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the Descope emulator", ex);
		}
		String baseUrl = "http://127.0.0.1:" + this.server.getPort();
		EmulatorSettings settings = new EmulatorSettings();
		this.ctx = new EmulatorContext(projectId, baseUrl, new EmulatorState(() -> settings.clock.instant()),
				new TokenService(projectId, () -> settings.clock.instant()), settings);
		this.dispatcher = new EmulatorDispatcher(this.ctx, this::drainServerQueue);
		this.server.setDispatcher(this.dispatcher);
		seedUsers();
		logger.info("Descope emulator started at {} for project id {}", baseUrl, projectId);
	}

	/**
	 * Starts an emulator on {@code 127.0.0.1} at a random free port, with a new random
	 * project id ({@code "P"} + 27 alphanumerics) and a new 2048-bit RS256 signing key
	 * (kid {@code "SK"} + 27 alphanumerics). Two users are seeded: {@code +15555550100}
	 * "Alice Admin" (roles admin and user, permission reports:read, tenant
	 * {@code T1tenant} with role tenant-admin and permission billing:write) and
	 * {@code +15555550101} "Bob User" (role user).
	 * @return the running emulator; {@link #close()} it when done
	 * @throws UncheckedIOException if the server cannot listen
	 */
	public static DescopeEmulator start() {
		return start(RandomIds.projectId());
	}

	/**
	 * Like {@link #start()}, with the given project id.
	 * @param projectId the project id, e.g. {@code "P2aAc4T2V93bddihGEx2Ryhc8e5Z"}; must
	 * not be blank nor contain {@code ':'}, {@code '/'} or whitespace
	 * @return the running emulator
	 * @throws IllegalArgumentException if the project id is unusable
	 * @throws UncheckedIOException if the server cannot listen
	 */
	public static DescopeEmulator start(String projectId) {
		Objects.requireNonNull(projectId, "projectId");
		if (projectId.isBlank() || !projectId.matches("[^:/\\s]+")) {
			throw new IllegalArgumentException("projectId must be non-blank without ':', '/' or whitespace");
		}
		return new DescopeEmulator(projectId);
	}

	private void seedUsers() {
		addUser(EmulatedUser.withPhone("+15555550100", "Alice Admin", "admin", "user")
			.withPermissions("reports:read")
			.withTenant("T1tenant", new EmulatedUser.TenantAccess(List.of("tenant-admin"), List.of("billing:write"))));
		addUser(EmulatedUser.withPhone("+15555550101", "Bob User", "user"));
	}

	/**
	 * The project id: the JWT issuer and the first part of every {@code Authorization}
	 * header.
	 * @return the project id
	 */
	public String projectId() {
		return this.ctx.projectId();
	}

	/**
	 * The base URL to configure as Descope's, e.g. {@code "http://127.0.0.1:49152"} (no
	 * trailing slash).
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.ctx.baseUrl();
	}

	/**
	 * The signing key, including its private part (to forge tokens or compare keys). Its
	 * public part is served at {@code /v2/keys/<projectId>}.
	 * @return the 2048-bit RSA key, {@code alg} RS256, {@code use} sig
	 */
	public RSAKey signingKey() {
		return this.ctx.tokens().key();
	}

	/**
	 * Registers a user, replacing one with the same phone (or, without a phone, first
	 * login id) or the same user id.
	 * @param user the user
	 * @return the same user
	 */
	public EmulatedUser addUser(EmulatedUser user) {
		return this.ctx.state().addUser(Objects.requireNonNull(user, "user"));
	}

	/**
	 * Every registered user, oldest first: the two seeded ones (see {@link #start()}),
	 * then those added or signed up since.
	 * @return a snapshot (immutable)
	 */
	public List<EmulatedUser> users() {
		return this.ctx.state().users();
	}

	/**
	 * Finds a user by login id (phone numbers compare without spaces, dashes, dots and
	 * parentheses; other ids case-insensitively), also matching the user's phone.
	 * @param loginId the login id
	 * @return the user, or empty
	 */
	public Optional<EmulatedUser> findUserByLoginId(String loginId) {
		return this.ctx.state().findByLoginId(loginId);
	}

	/**
	 * Every flow started so far, oldest first, as a snapshot.
	 * @return the flows (immutable)
	 */
	public List<PendingFlow> flows() {
		return List.copyOf(this.ctx.state().flows(this.ctx.settings().pendingFlowTtl));
	}

	/**
	 * The most recently started flow.
	 * @return its snapshot
	 * @throws IllegalStateException if no flow was started
	 */
	public PendingFlow lastFlow() {
		List<PendingFlow> flows = flows();
		if (flows.isEmpty()) {
			throw new IllegalStateException("no nOTP flow was started on this emulator");
		}
		return flows.get(flows.size() - 1);
	}

	/**
	 * As if the person sent the WhatsApp message, from the flow's login id or, when the
	 * flow has none, {@link #DEFAULT_WHATSAPP_PHONE}. See
	 * {@link #confirm(String, String)}.
	 * @param pendingRef the flow's pending reference
	 * @throws IllegalArgumentException if no flow has this reference
	 * @throws IllegalStateException if the flow is not pending (confirmed, redeemed,
	 * expired or failed)
	 */
	public void confirm(String pendingRef) {
		PendingFlow flow = flows().stream()
			.filter((f) -> f.pendingRef().equals(pendingRef))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no flow with this pendingRef"));
		confirm(pendingRef, flow.loginId().isEmpty() ? DEFAULT_WHATSAPP_PHONE : flow.loginId());
	}

	/**
	 * As if {@code whatsAppPhone} sent the WhatsApp message. The user is the step-up/MFA
	 * user, else the one with the flow's login id, else (empty login id) the one with
	 * this phone. Sign-up and sign-up-or-in create the user when unknown (name and email
	 * from the sign-up {@code user}, no roles). A sign-in of an unknown user, or a
	 * sign-up of a known one, makes the flow fail: the poll then answers 401
	 * {@code E062108} or {@code E062107}.
	 * @param pendingRef the flow's pending reference
	 * @param whatsAppPhone the sender's phone number (E.164)
	 * @throws IllegalArgumentException if no flow has this reference, or the flow has a
	 * login id (and is not a step-up/MFA flow) and the phone differs from it
	 * @throws IllegalStateException if the flow is not pending
	 */
	public void confirm(String pendingRef, String whatsAppPhone) {
		Objects.requireNonNull(whatsAppPhone, "whatsAppPhone");
		this.ctx.state().confirm(pendingRef, whatsAppPhone, this.ctx.settings().pendingFlowTtl);
	}

	/**
	 * Expires a flow: every following poll answers 401 {@code E066104}.
	 * @param pendingRef the flow's pending reference
	 * @throws IllegalArgumentException if no flow has this reference
	 * @throws IllegalStateException if the flow was already redeemed
	 */
	public void expire(String pendingRef) {
		this.ctx.state().expire(pendingRef);
	}

	/**
	 * Fails a flow: every following poll answers 401 with this {@code errorCode}
	 * (terminal).
	 * @param pendingRef the flow's pending reference
	 * @param errorCode the code, e.g. {@code "E061103"}
	 * @throws IllegalArgumentException if no flow has this reference
	 * @throws IllegalStateException if the flow was already redeemed
	 */
	public void fail(String pendingRef, String errorCode) {
		this.ctx.state().fail(pendingRef, Objects.requireNonNull(errorCode, "errorCode"));
	}

	/**
	 * Lifetime of the session JWTs issued from now on ({@code exp - iat}). Default 10
	 * minutes, as Descope's.
	 * @param ttl a positive duration (second precision)
	 * @throws IllegalArgumentException if not positive
	 */
	public void setSessionTokenTtl(Duration ttl) {
		this.ctx.settings().sessionTokenTtl = positive(ttl);
	}

	/**
	 * Age after which a pending or confirmed (not yet redeemed) flow answers "expired".
	 * Default 10 minutes.
	 * @param ttl a positive duration
	 * @throws IllegalArgumentException if not positive
	 */
	public void setPendingFlowTtl(Duration ttl) {
		this.ctx.settings().pendingFlowTtl = positive(ttl);
	}

	/**
	 * Descope's cookie token-response mode. Off (default): tokens in the JSON body. On:
	 * {@code sessionJwt} and {@code refreshJwt} are {@code ""} in the body and the tokens
	 * come as
	 * {@code Set-Cookie: DS=<jwt>; Path=/; Max-Age=<s>; HttpOnly; Secure; SameSite=Strict}
	 * (and {@code DSR}); logout clears both cookies with {@code Max-Age=0}.
	 * @param on whether tokens go to cookies
	 */
	public void setTokensInCookies(boolean on) {
		this.ctx.settings().tokensInCookies = on;
	}

	/**
	 * The emulator's time, so a test can move it instead of waiting: the tokens issued
	 * from now on are dated by it ({@code iat}, {@code exp}, {@code rexp}), refresh JWTs
	 * are checked against it, flows are dated and aged by it
	 * ({@link #setPendingFlowTtl(Duration)}), and cookie lifetimes ({@code Max-Age},
	 * {@code cookieMaxAge}) are counted from it. Default the system clock; see
	 * {@link MovableClock}.
	 * @param clock the clock
	 */
	public void setClock(java.time.Clock clock) {
		this.ctx.settings().clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * The project's cookie settings, as Descope answers them in {@code cookieDomain} and
	 * {@code cookiePath} of every JWTResponse (login, refresh, logout). Default none and
	 * {@code /}.
	 * @param domain the cookie domain, for example {@code example.test}, or {@code ""}
	 * for none
	 * @param path the cookie path, for example {@code /}
	 */
	public void setCookieScope(String domain, String path) {
		this.ctx.settings().cookieDomain = Objects.requireNonNull(domain, "domain");
		this.ctx.settings().cookiePath = Objects.requireNonNull(path, "path");
	}

	/**
	 * Refresh-token rotation. Off (default): {@code /v1/auth/refresh} answers no
	 * {@code refreshJwt}. On: it answers a new refresh JWT and revokes the presented one.
	 * @param on whether refresh rotates the refresh token
	 */
	public void setRefreshTokenRotation(boolean on) {
		this.ctx.settings().refreshTokenRotation = on;
	}

	/**
	 * A session JWT as the emulator issues after a login: RS256 with {@code kid} and
	 * {@code typ JWT}; claims {@code iss} (project id), {@code sub} (user id),
	 * {@code iat}, {@code exp} (iat + session TTL), {@code drn DS},
	 * {@code amr ["whatsapp"]}, {@code rexp} (RFC 3339, now + 30 days) and, when not
	 * empty, {@code roles}, {@code permissions}, {@code tenants}. The user need not be
	 * registered.
	 * @param user the subject
	 * @return the compact JWT
	 */
	public String issueSessionJwt(EmulatedUser user) {
		return issueSessionJwt(user, null);
	}

	/**
	 * A refresh JWT as the emulator issues after a login: {@code iss}, {@code sub},
	 * {@code iat}, {@code exp} (30 days), {@code drn DSR}, a unique {@code jti}. The
	 * emulator accepts it for refresh, logout and me while the user is registered.
	 * @param user the subject
	 * @return the compact JWT
	 */
	public String issueRefreshJwt(EmulatedUser user) {
		return this.ctx.tokens().issueRefresh(Objects.requireNonNull(user, "user")).jwt();
	}

	/**
	 * Like {@link #issueSessionJwt(EmulatedUser)}, after {@code customizer} changed the
	 * claims (e.g. {@code exp} in the past, another {@code iss} or {@code drn}); still
	 * signed with {@link #signingKey()}.
	 * @param user the subject
	 * @param customizer changes the claims builder; may be {@code null}
	 * @return the compact JWT
	 */
	public String issueSessionJwt(EmulatedUser user, @Nullable Consumer<JWTClaimsSet.Builder> customizer) {
		Objects.requireNonNull(user, "user");
		return this.ctx.tokens()
			.issueSession(user,
					new TokenService.SessionOptions(this.ctx.settings().sessionTokenTtl,
							this.ctx.settings().clock.instant().plus(TokenService.REFRESH_TTL), false, false),
					customizer)
			.jwt();
	}

	/**
	 * Every API request received ({@code /v1}, {@code /v2} and unknown paths; not CORS
	 * preflights nor the confirmation pages), oldest first.
	 * @return a snapshot (immutable)
	 */
	public List<RecordedCall> calls() {
		return this.dispatcher.calls();
	}

	/**
	 * Makes the next request to exactly {@code path} (e.g. {@code "/v1/auth/refresh"}, no
	 * query) get this raw answer instead of the emulated one. Several failures for one
	 * path are served first in, first out. The call is still recorded; CORS headers are
	 * added for browser requests unless {@code headers} sets them.
	 * @param path the request path
	 * @param status the HTTP status, e.g. 503 or 429
	 * @param headers response headers, e.g. {@code Map.of("Retry-After", "2")}; may be
	 * {@code null}
	 * @param body the response body; may be {@code null} (empty)
	 */
	public void enqueueFailure(String path, int status, @Nullable Map<String, String> headers, @Nullable String body) {
		Objects.requireNonNull(path, "path");
		this.dispatcher.enqueueFailure(path, Answers.raw(status, headers, body).build());
	}

	/**
	 * Holds every call to exactly {@code path} (e.g.
	 * {@code "/v1/auth/notp/pending-session"}, no query) that arrives from now on before
	 * answering it, until the hold is released: a Descope call that lasts exactly as long
	 * as the test needs, to act while the application waits on it. The call is recorded
	 * when it arrives and answered, after the release, from the emulator's state then.
	 * @param path the request path
	 * @return the hold: wait for the held calls, then release them
	 * @throws IllegalStateException if calls to this path are already held
	 */
	public AnswerHold holdAnswers(String path) {
		return this.dispatcher.hold(Objects.requireNonNull(path, "path"));
	}

	/** Releases every held call and stops the server. Idempotent. */
	@Override
	public void close() {
		this.dispatcher.releaseHolds();
		this.server.close();
	}

	/** Shows the base URL and project id only. */
	@Override
	public String toString() {
		return "DescopeEmulator[" + baseUrl() + ", projectId=" + projectId() + "]";
	}

	/**
	 * MockWebServer also queues every request for takeRequest(); drop them, calls() keeps
	 * our own record.
	 */
	private void drainServerQueue() {
		try {
			while (this.server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
				// discard
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Duration positive(Duration ttl) {
		Objects.requireNonNull(ttl, "ttl");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive");
		}
		return ttl;
	}

}
