package com.descope.notp.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser of a load driver: its cookies (HTTP session, CSRF), carried from answer to
 * request whichever node answered, and its pending flow. Sends what the login page sends:
 * {@code POST /login/notp} to start a nOTP sign-in, {@code POST /login/notp/session} to
 * poll it, each with the {@code X-XSRF-TOKEN} header {@code csrf.spa()} expects.
 */
final class FlowBrowser {

	private static final Pattern PENDING_REF = Pattern.compile("\"pendingRef\"\\s*:\\s*\"([^\"]+)\"");

	private static final String START_BODY = "{\"loginId\":\"+15555550100\",\"method\":\"sign-in\"}";

	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	private final AtomicBoolean inFlight = new AtomicBoolean();

	private volatile String pendingRef;

	/**
	 * A browser that opens the app's root page ({@code GET /}, for the CSRF cookie) and
	 * starts a flow.
	 * @param http the client
	 * @param base the app's base URL
	 * @return the browser, its flow pending
	 * @throws Exception when a request fails or the start is not answered {@code 200}
	 */
	static FlowBrowser start(HttpClient http, String base) throws Exception {
		FlowBrowser browser = new FlowBrowser();
		browser.openPage(http, base);
		browser.startFlow(http, base);
		return browser;
	}

	/**
	 * Opens the app's root page ({@code GET /}), which sets the CSRF cookie.
	 * @param http the client
	 * @param base the app's base URL
	 * @throws Exception when the request fails
	 */
	void openPage(HttpClient http, String base) throws Exception {
		send(http, withCookies(HttpRequest.newBuilder(URI.create(base + "/"))).GET());
	}

	/**
	 * A new browser with the CSRF cookie of this one and nothing else (no HTTP session):
	 * a person who opened the page and has not started a login yet. The CSRF token is not
	 * bound to a session, so the copy is as valid as one of its own.
	 * @return the new browser
	 */
	FlowBrowser withCsrfCookieOnly() {
		FlowBrowser browser = new FlowBrowser();
		String xsrf = this.cookies.get("XSRF-TOKEN");
		if (xsrf != null) {
			browser.cookies.put("XSRF-TOKEN", xsrf);
		}
		return browser;
	}

	/**
	 * Starts a nOTP sign-in ({@code POST /login/notp}) and keeps its {@code pendingRef}.
	 * @param http the client
	 * @param base the base URL of the app (or node) to send it to
	 * @throws Exception when the request fails or is not answered {@code 200} with a
	 * {@code pendingRef}
	 */
	void startFlow(HttpClient http, String base) throws Exception {
		HttpResponse<String> started = send(http, post(base + "/login/notp", START_BODY));
		Matcher matcher = PENDING_REF.matcher(started.body());
		if (started.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException("Starting a flow answered " + started.statusCode());
		}
		this.pendingRef = matcher.group(1);
	}

	String pendingRef() {
		return this.pendingRef;
	}

	/**
	 * Polls the flow once ({@code POST /login/notp/session}).
	 * @param http the client
	 * @param base the base URL of the app (or node) to send it to
	 * @return the status: {@code 202} while pending, {@code 200} once signed in
	 * @throws Exception when the request fails
	 */
	int poll(HttpClient http, String base) throws Exception {
		return send(http, pollRequest(base)).statusCode();
	}

	/**
	 * This browser's once-a-second tick: it polls unless its last poll is still
	 * unanswered (a browser waits for an answer before asking again).
	 * @param pollers the executor that sends the polls
	 * @param stopped set when the polling phase is over; a poll queued after that is
	 * dropped
	 * @param http the client, which keeps this browser's cookies
	 * @param base the app's base URL
	 * @param polls counts the polls sent
	 * @param errors counts the polls that failed or were not answered {@code 202}
	 */
	void pollOnTick(ExecutorService pollers, AtomicBoolean stopped, HttpClient http, String base, AtomicLong polls,
			AtomicLong errors) {
		if (!this.inFlight.compareAndSet(false, true)) {
			return;
		}
		pollers.execute(() -> {
			if (stopped.get()) {
				this.inFlight.set(false);
				return;
			}
			try {
				if (poll(http, base) != 202) {
					errors.incrementAndGet();
				}
			}
			catch (Exception ex) {
				errors.incrementAndGet();
			}
			finally {
				polls.incrementAndGet();
				this.inFlight.set(false);
			}
		});
	}

	private HttpRequest.Builder pollRequest(String base) {
		return post(base + "/login/notp/session", "{\"pendingRef\":\"" + this.pendingRef + "\"}");
	}

	private HttpRequest.Builder post(String uri, String json) {
		HttpRequest.Builder request = withCookies(HttpRequest.newBuilder(URI.create(uri)))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		String xsrf = this.cookies.get("XSRF-TOKEN");
		if (xsrf != null) {
			request.header("X-XSRF-TOKEN", xsrf);
		}
		return request;
	}

	private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		remember(response);
		return response;
	}

	private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
		if (!this.cookies.isEmpty()) {
			StringBuilder header = new StringBuilder();
			this.cookies.forEach((name,
					value) -> header.append((header.length() != 0) ? "; " : "").append(name).append('=').append(value));
			request.header("Cookie", header.toString());
		}
		return request;
	}

	private void remember(HttpResponse<?> response) {
		for (String setCookie : response.headers().allValues("Set-Cookie")) {
			String pair = setCookie.split(";", 2)[0];
			int eq = pair.indexOf('=');
			if (eq > 0) {
				String value = pair.substring(eq + 1);
				if (value.isEmpty()) {
					this.cookies.remove(pair.substring(0, eq));
				}
				else {
					this.cookies.put(pair.substring(0, eq), value);
				}
			}
		}
	}

}
