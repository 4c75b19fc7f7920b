package com.descope.notp.client;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Descope's HTTP API for nOTP (WhatsApp) login, on Spring's {@link RestClient}: one
 * method per endpoint ({@code docs/descope-protocol.md}, "Calls the client makes"): the
 * start calls {@code POST /v1/auth/notp/whatsapp/signin}, {@code .../signup} and
 * {@code .../signup-in}, the poll {@code POST /v1/auth/notp/pending-session},
 * {@code POST /v1/auth/refresh}, {@code /v1/auth/logout}, {@code /v1/auth/logoutall} and
 * {@code GET /v1/auth/me}. To wait for a pending session, use a
 * {@link PendingSessionPoller}.
 *
 * <p>
 * No call throws for a failure of Descope or of the network: each answers a
 * {@link DescopeResponse} with {@code ok=false}, the HTTP status (or {@code 0} when there
 * was no answer), and a {@link DescopeError}. Connect and read timeouts apply to every
 * call (defaults 5 s and 10 s); an answer body over 1 MiB is not read and answers
 * {@code ok=false} with {@link DescopeErrorCodes#INVALID_RESPONSE}. Tokens and
 * {@code pendingRef}s never reach a log line or an exception message.
 *
 * <p>
 * <strong>Retries</strong>, as the Descope SDKs retry ({@code docs/descope-protocol.md},
 * "Retries"): an answer with status 503, 520, 521, 522, 524 or 530 is retried after each
 * step of {@link Builder#retryBackoff(List) retryBackoff}, by default 100 ms, 5 s, 5 s
 * (so up to 4 requests in about 10.1 s plus the answers' own time). The rules:
 * <ul>
 * <li>Only those statuses are retried. {@code 429} never is (no SDK retries it; its
 * {@code Retry-After} is handed back in {@link DescopeError#retryAfter()}); nor is any
 * other {@code 5xx}, nor a call that got no answer at all (connection refused, connect or
 * read timeout: the SDKs do not retry those, and a timed-out call has already used its
 * time).</li>
 * <li>A {@code Retry-After} on the retried answer lengthens that step's wait to it, up to
 * {@link #MAX_RETRY_AFTER_WAIT} (5 s) or the step itself if longer; when it asks for more
 * than that, the client stops retrying and returns that answer at once, with its
 * {@code retryAfter}, rather than hold the calling thread or ask again before Descope
 * said to.</li>
 * <li>After the last step the last answer is returned as is ({@code ok=false},
 * {@link DescopeResponse#isTransientFailure()} true, so a web layer answers
 * {@code 503}).</li>
 * <li>If the calling thread is interrupted while it waits, the client stops retrying,
 * keeps the interrupt flag set and returns the last answer.</li>
 * <li>The start calls, {@link #refresh}, {@link #logout}, {@link #logoutAll} and
 * {@link #me} are retried. {@link #getSession} is not: a web login polls it once per
 * browser poll, so the browser's next poll is the retry, and one poll must not hold a
 * server thread for 10 s; {@link PendingSessionPoller} likewise polls on through
 * transient failures instead.</li>
 * </ul>
 *
 * <p>
 * Build one with {@link #builder(String)}; it is thread-safe. {@link #close()} stops the
 * threads that write request bodies.
 */
public class DescopeClient implements AutoCloseable {

	/** The nOTP provider every Descope SDK uses today. */
	public static final String DEFAULT_PROVIDER = "whatsapp";

	/**
	 * The longest wait a {@code Retry-After} header can stretch a retry step to (when the
	 * step itself is shorter): 5 s, the longest step of the Descope SDKs' backoff.
	 */
	public static final Duration MAX_RETRY_AFTER_WAIT = Duration.ofSeconds(5);

	/**
	 * The default retry backoff of the Descope SDKs ({@code docs/descope-protocol.md},
	 * "Retries"): 100 ms, 5 s, 5 s.
	 */
	public static final List<Duration> DEFAULT_RETRY_BACKOFF = List.of(Duration.ofMillis(100), Duration.ofSeconds(5),
			Duration.ofSeconds(5));

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private final String projectId;

	private final String baseUrl;

	private final String provider;

	private final DescopeHttpTransport transport;

	DescopeClient(Builder builder) {
		this.projectId = builder.projectId;
		this.baseUrl = (builder.baseUrl != null) ? builder.baseUrl : DescopeBaseUrls.forProjectId(this.projectId);
		this.provider = builder.provider;
		JsonMapper jsonMapper = (builder.jsonMapper != null) ? builder.jsonMapper
				: JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.transport = new DescopeHttpTransport(this.projectId, this.baseUrl,
				DescopeHttpTransport.settings(builder.connectTimeout, builder.readTimeout, builder.sslBundle),
				restClientBuilder(builder), jsonMapper, new DescopeAnswerReader(jsonMapper, builder.clock),
				new DescopeRetries(builder.retryBackoff, builder.sleeper));
	}

	/**
	 * Where the transport gets the {@link RestClient.Builder} it starts from: a copy of
	 * the one given, taken now (so that later changes to it do not reach this client),
	 * else the deferred one, else a plain one.
	 * @param builder this client's builder
	 * @return the source of the builder, asked once, when the transport makes its client
	 */
	private static Supplier<RestClient.Builder> restClientBuilder(Builder builder) {
		if (builder.restClientBuilder != null) {
			RestClient.Builder copy = builder.restClientBuilder.clone();
			return () -> copy;
		}
		Supplier<RestClient.@Nullable Builder> deferred = builder.deferredRestClientBuilder;
		if (deferred != null) {
			return () -> {
				RestClient.Builder given = deferred.get();
				return (given != null) ? given : RestClient.builder();
			};
		}
		return RestClient::builder;
	}

	/**
	 * A builder for a client of the given project.
	 * @param projectId the Descope project id; must not be blank
	 * @return the builder
	 * @throws IllegalArgumentException when the project id is blank
	 */
	public static Builder builder(String projectId) {
		return new Builder(projectId);
	}

	/**
	 * The project this client speaks for.
	 * @return the project id
	 */
	public String getProjectId() {
		return this.projectId;
	}

	/**
	 * The API base URL in use: {@code descope.base-url} when set, else derived from the
	 * project id.
	 * @return the base URL, with no trailing slash
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Whether Descope's API answered this client's last call (a {@code 5xx} or no answer
	 * counts as a failure), read without calling it: for a health check.
	 * @return the availability of the API at {@link #getBaseUrl()}
	 */
	public DescopeAvailability getAvailability() {
		return this.transport.availability();
	}

	/**
	 * The project's JSON Web Key Set: {@code GET {baseUrl}/v2/keys/{projectId}}
	 * ({@code docs/descope-protocol.md}, "Session and refresh JWTs").
	 * @return the JWKS URI
	 */
	public String getJwksUri() {
		return this.baseUrl + "/v2/keys/" + this.projectId;
	}

	/**
	 * Starts a nOTP flow: {@code POST /v1/auth/notp/whatsapp/{signin|signup|signup-in}}.
	 * The body is the one the Descope SDKs send: {@code loginId}, {@code loginOptions}
	 * (always, {@code {}} when empty; for sign-up and sign-up-or-in only the sign-up
	 * options), {@code user} for sign-up, {@code providerId} when given.
	 * @param request what to start
	 * @param refreshJwt the signed-in user's refresh JWT, sent as
	 * {@code Bearer <projectId>:<refreshJwt>}; required when {@code loginOptions} asks
	 * for {@code stepup} or {@code mfa}, else ignored
	 * @return {@code {pendingRef, redirectUrl, image}} on success; {@code ok=false} with
	 * {@code G030004} and no call made when step-up or MFA lacks the refresh JWT; an
	 * answer of 503, 520, 521, 522, 524 or 530 is retried (see the class description)
	 */
	public DescopeResponse<NotpLinkResponse> start(NotpStartRequest request, @Nullable String refreshJwt) {
		boolean actsOnUser = request.method() == NotpMethod.SIGN_IN && request.loginOptions().requiresRefreshJwt();
		if (actsOnUser && !StringUtils.hasText(refreshJwt)) {
			return DescopeResponse.failure(0,
					DescopeError.of("G030004", "Step-up and MFA sign-in need the signed-in user's refresh JWT"));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("loginId", request.loginId());
		body.put("loginOptions", (request.method() == NotpMethod.SIGN_IN) ? request.loginOptions()
				: signUpOptions(request.loginOptions()));
		if (request.method() == NotpMethod.SIGN_UP && request.user() != null) {
			body.put("user", request.user());
		}
		if (StringUtils.hasText(request.providerId())) {
			body.put("providerId", request.providerId());
		}
		String path = "/v1/auth/notp/" + this.provider + "/" + request.method().pathSegment();
		return this.transport.post(path, actsOnUser ? refreshJwt : null, body, NotpLinkResponse.class);
	}

	/**
	 * Starts a nOTP sign-in ({@code POST /v1/auth/notp/whatsapp/signin}).
	 * @param loginId the phone number in E.164, or {@code ""}
	 * @param loginOptions the options, {@link LoginOptions#NONE} for none
	 * @param refreshJwt the refresh JWT for step-up or MFA, else {@code null}
	 * @return as {@link #start(NotpStartRequest, String)}
	 */
	public DescopeResponse<NotpLinkResponse> signIn(String loginId, LoginOptions loginOptions,
			@Nullable String refreshJwt) {
		return start(new NotpStartRequest(NotpMethod.SIGN_IN, loginId, loginOptions, null, null), refreshJwt);
	}

	/**
	 * Starts a nOTP sign-up ({@code POST /v1/auth/notp/whatsapp/signup}).
	 * @param loginId the phone number in E.164, or {@code ""}
	 * @param user the new user's details, or {@code null}
	 * @param loginOptions the sign-up options, {@link LoginOptions#NONE} for none
	 * @return as {@link #start(NotpStartRequest, String)}
	 */
	public DescopeResponse<NotpLinkResponse> signUp(String loginId, @Nullable SignUpUser user,
			LoginOptions loginOptions) {
		return start(new NotpStartRequest(NotpMethod.SIGN_UP, loginId, loginOptions, user, null), null);
	}

	/**
	 * Starts a nOTP sign-up-or-in ({@code POST /v1/auth/notp/whatsapp/signup-in}).
	 * @param loginId the phone number in E.164, or {@code ""}
	 * @param loginOptions the sign-up options, {@link LoginOptions#NONE} for none
	 * @return as {@link #start(NotpStartRequest, String)}
	 */
	public DescopeResponse<NotpLinkResponse> signUpOrIn(String loginId, LoginOptions loginOptions) {
		return start(new NotpStartRequest(NotpMethod.SIGN_UP_OR_IN, loginId, loginOptions, null, null), null);
	}

	/**
	 * Polls a pending nOTP session once: {@code POST /v1/auth/notp/pending-session}
	 * {@code {"pendingRef"}}.
	 * @param pendingRef the reference a start call answered; must not be blank
	 * @return the session ({@link JwtResponse}) once the person confirmed on WhatsApp;
	 * while they have not, {@code ok=false} with {@link DescopeResponse#isPending()}
	 * true; any other error is final for this flow unless
	 * {@link DescopeResponse#isTransientFailure()}. Never retried, not even on
	 * {@code 503}: the caller's next poll is the retry (see the class description)
	 * @throws IllegalArgumentException when {@code pendingRef} is blank
	 */
	public DescopeResponse<JwtResponse> getSession(String pendingRef) {
		Assert.hasText(pendingRef, "\"pendingRef\" must not be empty");
		return this.transport.postOnce(PENDING_SESSION, Map.of("pendingRef", pendingRef), JwtResponse.class);
	}

	/**
	 * Refreshes a session: {@code POST /v1/auth/refresh} with
	 * {@code Bearer <projectId>:<refreshJwt>} and body {@code {}}.
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return a {@link JwtResponse} with a new session JWT; its refresh JWT is present
	 * only when Descope rotates refresh tokens; an answer of 503, 520, 521, 522, 524 or
	 * 530 is retried (see the class description)
	 * @throws IllegalArgumentException when {@code refreshJwt} is blank
	 */
	public DescopeResponse<JwtResponse> refresh(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return this.transport.post("/v1/auth/refresh", refreshJwt, Map.of(), JwtResponse.class);
	}

	/**
	 * Revokes a refresh JWT: {@code POST /v1/auth/logout}.
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return a {@link JwtResponse} with empty tokens on success; an answer of 503, 520,
	 * 521, 522, 524 or 530 is retried (see the class description)
	 * @throws IllegalArgumentException when {@code refreshJwt} is blank
	 */
	public DescopeResponse<JwtResponse> logout(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return this.transport.post("/v1/auth/logout", refreshJwt, Map.of(), JwtResponse.class);
	}

	/**
	 * Revokes every session of the refresh JWT's user: {@code POST /v1/auth/logoutall}.
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return a {@link JwtResponse} with empty tokens on success; an answer of 503, 520,
	 * 521, 522, 524 or 530 is retried (see the class description)
	 * @throws IllegalArgumentException when {@code refreshJwt} is blank
	 */
	public DescopeResponse<JwtResponse> logoutAll(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return this.transport.post("/v1/auth/logoutall", refreshJwt, Map.of(), JwtResponse.class);
	}

	/**
	 * Loads the signed-in user: {@code GET /v1/auth/me}.
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return the user; an answer of 503, 520, 521, 522, 524 or 530 is retried (see the
	 * class description)
	 * @throws IllegalArgumentException when {@code refreshJwt} is blank
	 */
	public DescopeResponse<DescopeUser> me(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return this.transport.get("/v1/auth/me", refreshJwt, DescopeUser.class);
	}

	/**
	 * Stops the threads that write request bodies; calls made afterwards fail.
	 */
	@Override
	public void close() {
		this.transport.close();
	}

	private static LoginOptions signUpOptions(LoginOptions options) {
		return new LoginOptions(null, null, options.customClaims(), options.templateOptions(), options.templateId(),
				options.tenantId(), null, null, options.locale());
	}

	/**
	 * Builds a {@link DescopeClient}. Defaults: base URL from the project id, provider
	 * {@code whatsapp}, connect timeout 5 s, read timeout 10 s, the JVM's trust store,
	 * retry backoff 100 ms, 5 s, 5 s.
	 */
	public static final class Builder {

		private final String projectId;

		private @Nullable String baseUrl;

		private String provider = DEFAULT_PROVIDER;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration readTimeout = Duration.ofSeconds(10);

		private @Nullable SslBundle sslBundle;

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable Supplier<RestClient.@Nullable Builder> deferredRestClientBuilder;

		private @Nullable JsonMapper jsonMapper;

		private Clock clock = Clock.systemUTC();

		private List<Duration> retryBackoff = DEFAULT_RETRY_BACKOFF;

		private DescopeRetries.Sleeper sleeper = DescopeRetries.Sleeper.THREAD;

		private Builder(String projectId) {
			Assert.hasText(projectId, "projectId must not be empty");
			this.projectId = projectId.trim();
		}

		/**
		 * The API base URL, for a custom domain or an emulator.
		 * @param baseUrl for example {@code https://auth.example.com}; {@code null} or
		 * blank to derive it from the project id
		 * @return this builder
		 */
		public Builder baseUrl(@Nullable String baseUrl) {
			this.baseUrl = StringUtils.hasText(baseUrl) ? stripTrailingSlash(baseUrl.trim()) : null;
			return this;
		}

		/**
		 * The nOTP provider path segment.
		 * @param provider default {@code whatsapp}
		 * @return this builder
		 * @throws IllegalArgumentException when blank
		 */
		public Builder provider(String provider) {
			Assert.hasText(provider, "provider must not be empty");
			this.provider = provider;
			return this;
		}

		/**
		 * The TCP connect timeout of every call.
		 * @param connectTimeout default 5 s
		 * @return this builder
		 * @throws IllegalArgumentException when zero or negative
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * The time to wait for an answer after a request was sent.
		 * @param readTimeout default 10 s
		 * @return this builder
		 * @throws IllegalArgumentException when zero or negative
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.isTrue(!readTimeout.isNegative() && !readTimeout.isZero(), "readTimeout must be positive");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * The SSL bundle (Spring Boot's {@code spring.ssl.bundle.*}) whose trust
		 * material, key material and protocol options every call uses, for a custom
		 * domain signed by a private CA or a TLS-inspecting proxy.
		 * @param sslBundle the bundle, or {@code null} (default) for the JVM's defaults
		 * @return this builder
		 */
		public Builder sslBundle(@Nullable SslBundle sslBundle) {
			this.sslBundle = sslBundle;
			return this;
		}

		/**
		 * A {@link RestClient.Builder} to start from, such as Spring Boot's, so that its
		 * customizations (observations, interceptors) apply; it is cloned, and its base
		 * URL and request factory are replaced.
		 * @param restClientBuilder the builder, or {@code null} for a plain one
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.@Nullable Builder restClientBuilder) {
			this.restClientBuilder = restClientBuilder;
			this.deferredRestClientBuilder = null;
			return this;
		}

		/**
		 * Where to get the {@link RestClient.Builder} to start from, asked once, when the
		 * client makes its {@link RestClient}: at the first call to Descope (or when the
		 * client is built, with an {@link #sslBundle(SslBundle) SSL bundle}). Spring
		 * Boot's builder makes an HTTP client, and with it the JVM's TLS context, as it
		 * is created; deferring it keeps that out of the application's start-up. As
		 * {@link #restClientBuilder(RestClient.Builder)}, the builder it gives is cloned,
		 * and its base URL and request factory are replaced; this replaces a builder
		 * given there.
		 * @param restClientBuilder gives the builder, or {@code null} for a plain one
		 * @return this builder
		 */
		public Builder deferredRestClientBuilder(Supplier<RestClient.@Nullable Builder> restClientBuilder) {
			Assert.notNull(restClientBuilder, "restClientBuilder must not be null");
			this.deferredRestClientBuilder = restClientBuilder;
			this.restClientBuilder = null;
			return this;
		}

		/**
		 * The JSON mapper to read and write bodies with; it must ignore unknown
		 * properties.
		 * @param jsonMapper the mapper, or {@code null} for a default one
		 * @return this builder
		 */
		public Builder jsonMapper(@Nullable JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * The clock that {@code Retry-After} dates are measured against.
		 * @param clock default the system UTC clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * The waits before each retry of an answer with status 503, 520, 521, 522, 524 or
		 * 530, one retry per element (see {@link DescopeClient} for which calls are
		 * retried and how a {@code Retry-After} stretches a wait). The Descope SDKs'
		 * backoff is the default.
		 * @param retryBackoff the waits, each zero or positive; default
		 * {@link DescopeClient#DEFAULT_RETRY_BACKOFF} ({@code [100ms, 5s, 5s]}); an empty
		 * list disables retries
		 * @return this builder
		 * @throws IllegalArgumentException when the list or an element is {@code null},
		 * or an element is negative
		 */
		public Builder retryBackoff(List<Duration> retryBackoff) {
			Assert.notNull(retryBackoff, "retryBackoff must not be null");
			for (Duration step : retryBackoff) {
				Assert.notNull(step, "retryBackoff must not contain null");
				Assert.isTrue(!step.isNegative(), "retryBackoff must not contain a negative duration");
			}
			this.retryBackoff = List.copyOf(retryBackoff);
			return this;
		}

		/**
		 * How the calling thread waits between retries; tests record the waits instead.
		 * @param sleeper default {@link DescopeRetries.Sleeper#THREAD}
		 * @return this builder
		 */
		Builder sleeper(DescopeRetries.Sleeper sleeper) {
			this.sleeper = sleeper;
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 */
		public DescopeClient build() {
			return new DescopeClient(this);
		}

		private static String stripTrailingSlash(String url) {
			return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		}

	}

}
