package com.descope.notp.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Descope's HTTP API for nOTP (WhatsApp) login, on Spring's {@link RestClient}. Follows
 * {@code descope-notp-protocol.md}: the start calls
 * {@code POST /v1/auth/notp/whatsapp/signin}, {@code .../signup} and
 * {@code .../signup-in} (section 4), the poll {@code POST /v1/auth/notp/pending-session}
 * (section 5), {@code POST /v1/auth/refresh}, {@code /v1/auth/logout},
 * {@code /v1/auth/logoutall} and {@code GET /v1/auth/me} (section 7).
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
 * <strong>Retries</strong>, as the Descope SDKs retry (protocol note, section 9: JAVA
 * {@code AbstractProxyImpl}, GO {@code client.go}, PY {@code _http_client_base.py}, JS
 * core-js-sdk): an answer with status 503, 520, 521, 522, 524 or 530 is retried after
 * each step of {@link Builder#retryBackoff(List) retryBackoff}, by default 100 ms, 5 s, 5
 * s (so up to 4 requests in about 10.1 s plus the answers' own time). The rules:
 * <ul>
 * <li>Only those statuses are retried. {@code 429} never is (no SDK retries it; its
 * {@code Retry-After} is handed back in {@link DescopeError#retryAfter()}); nor is any
 * other {@code 5xx}, nor a call that got no answer at all (connection refused, connect or
 * read timeout: the JS SDK does not retry those, and a timed-out call has already used
 * its time).</li>
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
 * server thread for 10 s; {@link #waitForSession} likewise polls on through transient
 * failures instead.</li>
 * </ul>
 *
 * <p>
 * Build one with {@link #builder(String)}; it is thread-safe. Closing it stops the
 * scheduler of {@link #waitForSession} when the client created that scheduler itself.
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
	 * The default retry backoff of the Descope SDKs (protocol note, section 9): 100 ms, 5
	 * s, 5 s.
	 */
	public static final List<Duration> DEFAULT_RETRY_BACKOFF = List.of(Duration.ofMillis(100), Duration.ofSeconds(5),
			Duration.ofSeconds(5));

	private static final Log logger = LogFactory.getLog(DescopeClient.class);

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(503, 520, 521, 522, 524, 530);

	private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

	private static final String SESSION_COOKIE = "DS";

	private static final String REFRESH_COOKIE = "DSR";

	private final String projectId;

	private final String baseUrl;

	private final String provider;

	private final RestClient restClient;

	private final JsonMapper jsonMapper;

	private final ScheduledExecutorService scheduler;

	private final boolean ownsScheduler;

	/**
	 * Writes request bodies for the JDK client. Spring's request factory would otherwise
	 * start a new thread for every request with a body (every nOTP poll); these threads
	 * are reused and end after 30 s idle.
	 */
	private final ExecutorService bodyWriters = newBodyWriters();

	private final Clock clock;

	private final List<Duration> retryBackoff;

	DescopeClient(Builder builder) {
		this.projectId = builder.projectId;
		this.retryBackoff = builder.retryBackoff;
		this.baseUrl = (builder.baseUrl != null) ? builder.baseUrl : DescopeBaseUrls.forProjectId(this.projectId);
		this.provider = builder.provider;
		this.clock = builder.clock;
		this.jsonMapper = (builder.jsonMapper != null) ? builder.jsonMapper
				: JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(builder.connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient, this.bodyWriters);
		requestFactory.setReadTimeout(builder.readTimeout);
		RestClient.Builder restClientBuilder = (builder.restClientBuilder != null) ? builder.restClientBuilder.clone()
				: RestClient.builder();
		this.restClient = restClientBuilder.baseUrl(this.baseUrl)
			.requestFactory(requestFactory)
			.defaultHeader("x-descope-project-id", this.projectId)
			.defaultHeader("x-descope-sdk-name", "spring-boot-notp")
			.build();
		this.ownsScheduler = builder.scheduler == null;
		this.scheduler = (builder.scheduler != null) ? builder.scheduler : newScheduler();
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
	 * The project's JSON Web Key Set: {@code GET {baseUrl}/v2/keys/{projectId}} (protocol
	 * note, section 8).
	 * @return the JWKS URI
	 */
	public String getJwksUri() {
		return this.baseUrl + "/v2/keys/" + this.projectId;
	}

	/**
	 * Starts a nOTP flow: {@code POST /v1/auth/notp/whatsapp/{signin|signup|signup-in}}.
	 * The body is the one the Descope SDKs send (protocol note, section 13):
	 * {@code loginId}, {@code loginOptions} (always, {@code {}} when empty; for sign-up
	 * and sign-up-or-in only the sign-up options), {@code user} for sign-up,
	 * {@code providerId} when given.
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
		return call(HttpMethod.POST, path, actsOnUser ? refreshJwt : null, body, NotpLinkResponse.class, true);
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
		return call(HttpMethod.POST, "/v1/auth/notp/pending-session", null, Map.of("pendingRef", pendingRef),
				JwtResponse.class, false);
	}

	/**
	 * Polls the pending session until the person confirms, the flow fails, or the timeout
	 * passes. The first poll comes one interval after the call; each next poll is
	 * scheduled only once the previous one has answered, so slow answers never overlap.
	 * Polling goes on while Descope answers "pending" ({@code E066103}), and through
	 * transient failures (no answer, {@code 429} honouring its {@code Retry-After},
	 * {@code 5xx}) so that a brief outage does not lose a login the person is about to
	 * confirm; any other answer ends it at once (the JS SDK would poll on until the
	 * timeout). Cancelling the returned future stops the polling.
	 * @param pendingRef the reference a start call answered; must not be blank
	 * @param config the interval and timeout, clamped as {@link WaitForSessionConfig}
	 * says
	 * @return a future that completes with the session, with the terminal error, or on
	 * timeout with {@code ok=false}, code {@code 0} and error code
	 * {@link DescopeErrorCodes#POLLING_TIMEOUT}; it never completes exceptionally
	 * @throws IllegalArgumentException when {@code pendingRef} is blank, as the JS SDK
	 * throws
	 */
	public CompletableFuture<DescopeResponse<JwtResponse>> waitForSession(String pendingRef,
			WaitForSessionConfig config) {
		Assert.hasText(pendingRef, "\"pendingRef\" must not be empty");
		Duration interval = config.effectivePollingInterval();
		Duration timeout = config.effectiveTimeout();
		CompletableFuture<DescopeResponse<JwtResponse>> result = new CompletableFuture<>();
		ScheduledFuture<?> timeoutTask = this.scheduler.schedule(
				() -> result.complete(DescopeResponse.failure(0,
						DescopeError.of(DescopeErrorCodes.POLLING_TIMEOUT,
								"Session polling timeout exceeded: " + timeout.toMillis() + "ms"))),
				timeout.toMillis(), TimeUnit.MILLISECONDS);
		result.whenComplete((answer, ex) -> timeoutTask.cancel(false));
		schedulePoll(result, pendingRef, interval, interval);
		return result;
	}

	private void schedulePoll(CompletableFuture<DescopeResponse<JwtResponse>> result, String pendingRef,
			Duration interval, Duration delay) {
		if (result.isDone()) {
			return;
		}
		this.scheduler.schedule(() -> {
			if (result.isDone()) {
				return;
			}
			DescopeResponse<JwtResponse> answer = getSession(pendingRef);
			if (answer.isPending() || answer.isTransientFailure()) {
				Duration retryAfter = (answer.error() != null) ? answer.error().retryAfter() : null;
				Duration next = (retryAfter != null && retryAfter.compareTo(interval) > 0) ? retryAfter : interval;
				schedulePoll(result, pendingRef, interval, next);
			}
			else {
				result.complete(answer);
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Refreshes a session: {@code POST /v1/auth/refresh} with
	 * {@code Bearer <projectId>:<refreshJwt>} and body {@code {}} (protocol note, section
	 * 7).
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return a {@link JwtResponse} with a new session JWT; its refresh JWT is present
	 * only when Descope rotates refresh tokens; an answer of 503, 520, 521, 522, 524 or
	 * 530 is retried (see the class description)
	 */
	public DescopeResponse<JwtResponse> refresh(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return call(HttpMethod.POST, "/v1/auth/refresh", refreshJwt, Map.of(), JwtResponse.class, true);
	}

	/**
	 * Revokes a refresh JWT: {@code POST /v1/auth/logout}.
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return a {@link JwtResponse} with empty tokens on success; an answer of 503, 520,
	 * 521, 522, 524 or 530 is retried (see the class description)
	 */
	public DescopeResponse<JwtResponse> logout(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return call(HttpMethod.POST, "/v1/auth/logout", refreshJwt, Map.of(), JwtResponse.class, true);
	}

	/**
	 * Revokes every session of the refresh JWT's user: {@code POST /v1/auth/logoutall}.
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return a {@link JwtResponse} with empty tokens on success; an answer of 503, 520,
	 * 521, 522, 524 or 530 is retried (see the class description)
	 */
	public DescopeResponse<JwtResponse> logoutAll(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return call(HttpMethod.POST, "/v1/auth/logoutall", refreshJwt, Map.of(), JwtResponse.class, true);
	}

	/**
	 * Loads the signed-in user: {@code GET /v1/auth/me}.
	 * @param refreshJwt the refresh JWT; must not be blank
	 * @return the user; an answer of 503, 520, 521, 522, 524 or 530 is retried (see the
	 * class description)
	 */
	public DescopeResponse<DescopeUser> me(String refreshJwt) {
		Assert.hasText(refreshJwt, "refreshJwt must not be empty");
		return call(HttpMethod.GET, "/v1/auth/me", refreshJwt, null, DescopeUser.class, true);
	}

	/**
	 * Stops the polling scheduler if this client created it, and the threads that write
	 * request bodies.
	 */
	@Override
	public void close() {
		if (this.ownsScheduler) {
			this.scheduler.shutdownNow();
		}
		this.bodyWriters.shutdownNow();
	}

	private static LoginOptions signUpOptions(LoginOptions options) {
		return new LoginOptions(null, null, options.customClaims(), options.templateOptions(), options.templateId(),
				options.tenantId(), null, null, options.locale());
	}

	private <T> DescopeResponse<T> call(HttpMethod method, String path, @Nullable String refreshJwt,
			@Nullable Object body, Class<T> type, boolean retried) {
		byte[] content = (body != null) ? this.jsonMapper.writeValueAsBytes(body) : null;
		DescopeResponse<T> answer = exchange(method, path, refreshJwt, content, type);
		if (!retried) {
			return answer;
		}
		for (int step = 0; step < this.retryBackoff.size() && isRetryable(answer); step++) {
			Duration retryAfter = (answer.error() != null) ? answer.error().retryAfter() : null;
			Duration wait = retryWait(this.retryBackoff.get(step), retryAfter);
			if (wait == null) {
				if (logger.isDebugEnabled()) {
					logger.debug("Descope " + method + " " + path + " answered " + answer.code()
							+ " with a Retry-After of " + retryAfter.toMillis() + " ms; not retried");
				}
				return answer;
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Descope " + method + " " + path + " answered " + answer.code() + "; retry " + (step + 1)
						+ " of " + this.retryBackoff.size() + " in " + wait.toMillis() + " ms");
			}
			if (!sleep(wait)) {
				return answer;
			}
			answer = exchange(method, path, refreshJwt, content, type);
		}
		return answer;
	}

	/**
	 * The wait before a retry.
	 * @param step the backoff step
	 * @param retryAfter the answer's {@code Retry-After}, or {@code null}
	 * @return the step, or the {@code Retry-After} when it is longer and at most
	 * {@link #MAX_RETRY_AFTER_WAIT}; {@code null} (do not retry) when the
	 * {@code Retry-After} is longer than both the step and {@link #MAX_RETRY_AFTER_WAIT}
	 */
	static @Nullable Duration retryWait(Duration step, @Nullable Duration retryAfter) {
		if (retryAfter == null || retryAfter.compareTo(step) <= 0) {
			return step;
		}
		return (retryAfter.compareTo(MAX_RETRY_AFTER_WAIT) <= 0) ? retryAfter : null;
	}

	private static boolean isRetryable(DescopeResponse<?> answer) {
		return !answer.ok() && RETRYABLE_STATUSES.contains(answer.code());
	}

	private static boolean sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private <T> DescopeResponse<T> exchange(HttpMethod method, String path, @Nullable String refreshJwt,
			byte @Nullable [] content, Class<T> type) {
		String authorization = "Bearer " + this.projectId + ((refreshJwt != null) ? ":" + refreshJwt : "");
		try {
			RestClient.RequestBodySpec spec = this.restClient.method(method)
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, authorization)
				.accept(MediaType.APPLICATION_JSON);
			if (content != null) {
				spec.contentType(MediaType.APPLICATION_JSON).body(content);
			}
			return spec.exchange((request, response) -> read(method, path, response, type));
		}
		catch (RestClientException ex) {
			if (logger.isDebugEnabled()) {
				// class names only: an exception's message may quote the request
				logger.debug("Descope " + method + " " + path + " got no answer: " + ex.getClass().getSimpleName()
						+ ((ex.getRootCause() != null) ? " (" + ex.getRootCause().getClass().getSimpleName() + ")"
								: ""));
			}
			return DescopeResponse.failure(0,
					DescopeError.of(DescopeErrorCodes.TRANSPORT_FAILURE, "Descope could not be reached"));
		}
	}

	private <T> DescopeResponse<T> read(HttpMethod method, String path, ClientHttpResponse response, Class<T> type)
			throws IOException {
		int status = response.getStatusCode().value();
		Duration retryAfter = RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), this.clock);
		byte[] bytes = readLimited(response.getHeaders().getContentLength(), response.getBody());
		if (logger.isDebugEnabled()) {
			logger.debug("Descope " + method + " " + path + " answered " + status
					+ ((bytes == null) ? " with a body over " + MAX_RESPONSE_BYTES + " bytes" : ""));
		}
		if (bytes == null) {
			return DescopeResponse.failure(status, new DescopeError(DescopeErrorCodes.INVALID_RESPONSE,
					"Descope answered a body over " + MAX_RESPONSE_BYTES + " bytes", null, retryAfter));
		}
		if (status >= 200 && status < 300) {
			try {
				T data = this.jsonMapper.readValue((bytes.length == 0) ? "{}".getBytes() : bytes, type);
				if (data instanceof JwtResponse jwt) {
					data = type.cast(withCookieTokens(jwt, response.getHeaders()));
				}
				return DescopeResponse.success(status, data);
			}
			catch (JacksonException ex) {
				return DescopeResponse.failure(status, DescopeError.of(DescopeErrorCodes.INVALID_RESPONSE,
						"Descope answered a body that is not JSON"));
			}
		}
		return DescopeResponse.failure(status, readError(status, bytes, retryAfter));
	}

	private DescopeError readError(int status, byte[] bytes, @Nullable Duration retryAfter) {
		String fallbackCode = (status == 429) ? DescopeErrorCodes.RATE_LIMITED : String.valueOf(status);
		try {
			JsonNode node = (bytes.length == 0) ? null : this.jsonMapper.readTree(bytes);
			if (node != null && node.isObject()) {
				String code = text(node, "errorCode");
				String message = (text(node, "errorMessage") != null) ? text(node, "errorMessage")
						: text(node, "message");
				return new DescopeError((code != null) ? code : fallbackCode, text(node, "errorDescription"), message,
						retryAfter);
			}
		}
		catch (JacksonException ex) {
			// not JSON: the status alone says what happened
		}
		return new DescopeError(fallbackCode, "Descope answered HTTP " + status, null, retryAfter);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static JwtResponse withCookieTokens(JwtResponse jwt, HttpHeaders headers) {
		if (jwt.hasSessionJwt() && StringUtils.hasText(jwt.refreshJwt())) {
			return jwt;
		}
		List<String> setCookies = headers.getOrEmpty(HttpHeaders.SET_COOKIE);
		String sessionName = StringUtils.hasText(jwt.sessionCookieName()) ? jwt.sessionCookieName() : SESSION_COOKIE;
		String refreshName = StringUtils.hasText(jwt.cookieName()) ? jwt.cookieName() : REFRESH_COOKIE;
		return jwt.withTokenFallbacks(cookieValue(setCookies, sessionName), cookieValue(setCookies, refreshName));
	}

	private static @Nullable String cookieValue(List<String> setCookies, String name) {
		for (String setCookie : setCookies) {
			int semicolon = setCookie.indexOf(';');
			String pair = (semicolon >= 0) ? setCookie.substring(0, semicolon) : setCookie;
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
				String value = pair.substring(equals + 1).trim();
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	/**
	 * Reads a body of at most {@link #MAX_RESPONSE_BYTES}.
	 * @return the body, or {@code null} when it is longer (by its {@code Content-Length},
	 * then not read at all, or by what arrives)
	 */
	private static byte @Nullable [] readLimited(long contentLength, InputStream body) throws IOException {
		if (contentLength > MAX_RESPONSE_BYTES) {
			return null;
		}
		byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
		return (bytes.length > MAX_RESPONSE_BYTES) ? null : bytes;
	}

	private static ExecutorService newBodyWriters() {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "descope-notp-http-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	private static ScheduledExecutorService newScheduler() {
		AtomicInteger count = new AtomicInteger();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, (runnable) -> {
			Thread thread = new Thread(runnable, "descope-notp-poll-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	/**
	 * Builds a {@link DescopeClient}. Defaults: base URL from the project id, provider
	 * {@code whatsapp}, connect timeout 5 s, read timeout 10 s, retry backoff 100 ms, 5
	 * s, 5 s, a two-thread daemon scheduler for {@link DescopeClient#waitForSession}.
	 */
	public static final class Builder {

		private final String projectId;

		private @Nullable String baseUrl;

		private String provider = DEFAULT_PROVIDER;

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration readTimeout = Duration.ofSeconds(10);

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable JsonMapper jsonMapper;

		private @Nullable ScheduledExecutorService scheduler;

		private Clock clock = Clock.systemUTC();

		private List<Duration> retryBackoff = DEFAULT_RETRY_BACKOFF;

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
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.isTrue(!readTimeout.isNegative() && !readTimeout.isZero(), "readTimeout must be positive");
			this.readTimeout = readTimeout;
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
		 * The scheduler that runs {@link DescopeClient#waitForSession} polls; the client
		 * does not shut down a scheduler given here.
		 * @param scheduler the scheduler, or {@code null} for the client's own
		 * @return this builder
		 */
		public Builder scheduler(@Nullable ScheduledExecutorService scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * The clock that {@code Retry-After} dates are measured against.
		 * @param clock default the system UTC clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
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
