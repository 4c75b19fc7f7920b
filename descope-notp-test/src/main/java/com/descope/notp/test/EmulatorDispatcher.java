package com.descope.notp.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes every request of the emulator: records API calls, holds them while a test holds
 * their path, serves queued failures, checks the project id, adds CORS headers and hands
 * over to the handlers. Thread-safe.
 */
final class EmulatorDispatcher extends Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(DescopeEmulator.class);

	private static final String NOTP_START = "/v1/auth/notp/whatsapp/";

	private final EmulatorContext ctx;

	private final NotpHandlers notp;

	private final SessionHandlers sessions;

	private final ConfirmationHandler confirmation;

	private final List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Deque<MockResponse>> failures = new ConcurrentHashMap<>();

	private final Map<String, AnswerHold> holds = new ConcurrentHashMap<>();

	private final Runnable afterDispatch;

	EmulatorDispatcher(EmulatorContext ctx, Runnable afterDispatch) {
		this.ctx = ctx;
		this.sessions = new SessionHandlers(ctx);
		this.notp = new NotpHandlers(ctx, this.sessions);
		this.confirmation = new ConfirmationHandler(ctx);
		this.afterDispatch = afterDispatch;
	}

	List<RecordedCall> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	void enqueueFailure(String path, MockResponse response) {
		this.failures.computeIfAbsent(path, (p) -> new ConcurrentLinkedDeque<>()).addLast(response);
	}

	AnswerHold hold(String path) {
		AnswerHold hold = new AnswerHold(path, (released) -> this.holds.remove(path, released));
		if (this.holds.putIfAbsent(path, hold) != null) {
			throw new IllegalStateException("calls to " + path + " are already held");
		}
		return hold;
	}

	void releaseHolds() {
		this.holds.values().forEach(AnswerHold::release);
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		try {
			String method = (request.getMethod() != null) ? request.getMethod() : "GET";
			String path = request.getUrl().encodedPath();
			String origin = request.getHeaders().get("Origin");
			String body = (request.getBody() != null) ? request.getBody().utf8() : "";
			MockResponse.Builder answer;
			try {
				answer = route(method, path, origin, body, request.getHeaders());
			}
			catch (RuntimeException ex) {
				log.warn("Descope emulator failed on {} {}: {}", method, path, ex.getClass().getName());
				answer = Answers.error(500, "E000500", "Emulator error");
			}
			MockResponse response = answer.build();
			log.debug("Descope emulator {} {} -> {}", method,
					path.startsWith(ConfirmationHandler.PREFIX) ? ConfirmationHandler.PREFIX + "…" : path,
					response.getCode());
			return response;
		}
		finally {
			this.afterDispatch.run();
		}
	}

	private MockResponse.Builder route(String method, String path, @Nullable String origin, String body,
			Headers headers) {
		if ("OPTIONS".equals(method)) {
			return preflight(origin, headers.get("Access-Control-Request-Headers"));
		}
		if (path.startsWith(ConfirmationHandler.PREFIX)) {
			return this.confirmation.handle(method, path, body);
		}
		this.calls.add(new RecordedCall(method, path, headerMap(headers), body));
		AnswerHold hold = this.holds.get(path);
		if (hold != null) {
			hold.holdCall();
		}
		MockResponse.Builder answer;
		Deque<MockResponse> queued = this.failures.get(path);
		MockResponse failure = (queued != null) ? queued.pollFirst() : null;
		if (failure != null) {
			answer = failure.newBuilder();
		}
		else if (path.startsWith("/v2/keys/")) {
			answer = keys(method, path.substring("/v2/keys/".length()));
		}
		else if (path.startsWith("/v1/")) {
			answer = v1(method, path, body, headers);
		}
		else {
			answer = Answers.error(404, EmulatorErrorCodes.NOT_FOUND, "Not found");
		}
		if (origin != null && (path.startsWith("/v1/") || path.startsWith("/v2/"))) {
			if (failure == null || !failure.getHeaders().names().contains("Access-Control-Allow-Origin")) {
				answer.setHeader("Access-Control-Allow-Origin", origin)
					.setHeader("Access-Control-Allow-Credentials", "true")
					.setHeader("Access-Control-Expose-Headers", "*")
					.setHeader("Vary", "Origin");
			}
		}
		return answer;
	}

	private MockResponse.Builder v1(String method, String path, String body, Headers headers) {
		BearerAuth auth = BearerAuth.parse(headers.get("Authorization"));
		if (auth == null || !this.ctx.projectId().equals(auth.projectId())) {
			return Answers.error(401, EmulatorErrorCodes.INVALID_PROJECT,
					"Missing or invalid project id in the Authorization header");
		}
		String refreshToken = (auth.token() != null) ? auth.token()
				: RequestBodies.cookie(headers.get("Cookie"), "DSR");
		if (path.startsWith(NOTP_START)) {
			String flowMethod = path.substring(NOTP_START.length());
			if (!List.of("signin", "signup", "signup-in").contains(flowMethod)) {
				return Answers.error(404, EmulatorErrorCodes.NOT_FOUND, "Not found");
			}
			return post(method) ? this.notp.start(flowMethod, body, refreshToken) : notAllowed("POST");
		}
		return switch (path) {
			case "/v1/auth/notp/pending-session" -> post(method) ? this.notp.pendingSession(body) : notAllowed("POST");
			case "/v1/auth/refresh" -> post(method) ? this.sessions.refresh(refreshToken, false) : notAllowed("POST");
			case "/v1/auth/try-refresh" ->
				post(method) ? this.sessions.refresh(refreshToken, true) : notAllowed("POST");
			case "/v1/auth/logout" -> post(method) ? this.sessions.logout(refreshToken, false) : notAllowed("POST");
			case "/v1/auth/logoutall" -> post(method) ? this.sessions.logout(refreshToken, true) : notAllowed("POST");
			case "/v1/auth/me" -> "GET".equals(method) ? this.sessions.me(refreshToken) : notAllowed("GET");
			default -> Answers.error(404, EmulatorErrorCodes.NOT_FOUND, "Not found");
		};
	}

	private MockResponse.Builder keys(String method, String projectId) {
		if (!"GET".equals(method)) {
			return notAllowed("GET");
		}
		if (!this.ctx.projectId().equals(projectId)) {
			return Answers.error(404, EmulatorErrorCodes.NOT_FOUND, "Unknown project");
		}
		ObjectNode body = Answers.JSON.createObjectNode();
		ArrayNode keys = body.putArray("keys");
		keys.add(Answers.JSON.valueToTree(this.ctx.tokens().key().toPublicJWK().toJSONObject()));
		return Answers.json(200, body);
	}

	private static MockResponse.Builder preflight(@Nullable String origin, @Nullable String requestedHeaders) {
		MockResponse.Builder answer = new MockResponse.Builder().code(204)
			.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			.setHeader("Access-Control-Allow-Headers",
					(requestedHeaders == null || requestedHeaders.isBlank()) ? "Authorization, Content-Type"
							: requestedHeaders)
			.setHeader("Access-Control-Max-Age", "600");
		if (origin != null) {
			answer.setHeader("Access-Control-Allow-Origin", origin)
				.setHeader("Access-Control-Allow-Credentials", "true")
				.setHeader("Vary", "Origin");
		}
		return answer;
	}

	private static boolean post(String method) {
		return "POST".equals(method);
	}

	private static MockResponse.Builder notAllowed(String allowed) {
		return Answers.error(405, EmulatorErrorCodes.METHOD_NOT_ALLOWED, "Method not allowed")
			.setHeader("Allow", allowed + ", OPTIONS");
	}

	private static Map<String, String> headerMap(Headers headers) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String name : headers.names()) {
			map.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", headers.values(name)));
		}
		return map;
	}

}
