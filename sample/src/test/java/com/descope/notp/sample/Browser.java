package com.descope.notp.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cookie-keeping HTTP client that behaves as the browser of one person: it keeps
 * cookies as a browser does ({@link CookieJar}), and sends the CSRF token in
 * {@code X-XSRF-TOKEN} as a single-page app does. It follows no redirects, so tests see
 * them. It reaches the application in one {@link Origin}: directly at the root, under a
 * context path, or through a TLS-terminating reverse proxy, whose public address is what
 * the browser (and so its cookies) sees.
 */
final class Browser {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Origin origin;

	private final CookieJar cookies;

	private final HttpClient http;

	private @Nullable String bearerToken;

	Browser(int port) {
		this(Origin.direct(port, ""));
	}

	Browser(Origin origin) {
		this(origin, new CookieJar());
	}

	/**
	 * A browser reaching the application in {@code origin} with the cookies of
	 * {@code cookies}: two browsers sharing one jar are one browser whose requests a load
	 * balancer sends to two instances (cookies ignore the port, RFC 6265, section 8.5).
	 */
	Browser(Origin origin, CookieJar cookies) {
		this.origin = origin;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * This same browser reaching the application at another origin, for example another
	 * instance behind the same load balancer: the two share one cookie store, so what
	 * either receives the other sends.
	 */
	Browser at(Origin other) {
		return new Browser(other, this.cookies);
	}

	/**
	 * A browser holding a copy of this one's cookies as they are now, for replaying them
	 * later.
	 */
	Browser withCopiedCookies() {
		return new Browser(this.origin, this.cookies.copy());
	}

	/**
	 * Changes the value of the cookies held under a name, keeping their attributes.
	 */
	void changeCookie(String name, java.util.function.UnaryOperator<String> value) {
		assertThat(this.cookies.change(name, value)).as("cookies named " + name).isPositive();
	}

	/** Where this browser reaches the application. */
	Origin origin() {
		return this.origin;
	}

	/**
	 * Sends {@code Authorization: Bearer <token>} with every later request that names no
	 * {@code Authorization} of its own, as a single-page app that keeps the session JWT
	 * in memory.
	 */
	void useBearerToken(@Nullable String token) {
		this.bearerToken = token;
	}

	/** Every cookie this browser holds under a name, whatever its domain and path. */
	java.util.List<CookieJar.StoredCookie> cookies(String name) {
		return this.cookies.all(name);
	}

	Response get(String path, String accept) {
		return send(path, HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
	}

	/**
	 * A GET with exactly these headers (besides cookies and proxy headers), as a browser
	 * sends them for a navigation, a script's {@code fetch}, an image or a DevTools
	 * probe.
	 */
	Response get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		headers.forEach(request::header);
		return send(path, request);
	}

	/**
	 * An {@code OPTIONS} request with exactly these headers (besides cookies and proxy
	 * headers), as a browser sends a CORS preflight.
	 */
	Response options(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		return send(path, request);
	}

	Response getWithBearer(String path, String token) {
		return getWithBearer(path, token, "application/json");
	}

	Response getWithBearer(String path, String token, String accept) {
		return send(path,
				HttpRequest.newBuilder(uri(path))
					.header("Accept", accept)
					.header("Authorization", "Bearer " + token)
					.GET());
	}

	/**
	 * A JSON GET with this exact {@code Authorization} header value, malformed ones
	 * included.
	 */
	Response getWithAuthorization(String path, String authorization) {
		return send(path,
				HttpRequest.newBuilder(uri(path))
					.header("Accept", "application/json")
					.header("Authorization", authorization)
					.GET());
	}

	/**
	 * A JSON GET with this exact {@code Cookie} header value, whatever this browser's
	 * cookies are: for cookie values a cookie store would refuse or rewrite.
	 */
	Response getWithCookieHeader(String path, String cookieHeader) {
		return send(path,
				HttpRequest.newBuilder(uri(path))
					.header("Accept", "application/json")
					.header("Cookie", cookieHeader)
					.GET());
	}

	Response postJson(String path, Object body) {
		return send(path,
				withCsrf(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json")
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	/**
	 * A JSON POST with the CSRF token and these further headers.
	 */
	Response postJson(String path, Object body, Map<String, String> headers) {
		HttpRequest.Builder request = withCsrf(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		headers.forEach(request::header);
		return send(path, request);
	}

	Response postForm(String path, Map<String, String> form) {
		return postForm(path, form, Map.of("Accept", "application/json"));
	}

	/**
	 * A form POST with the CSRF token and these headers, for example those of an HTML
	 * form a browser submits without script.
	 */
	Response postForm(String path, Map<String, String> form, Map<String, String> headers) {
		String body = form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = withCsrf(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return send(path, request);
	}

	Response postJsonWithoutCsrf(String path, Object body) {
		return send(path,
				HttpRequest.newBuilder(uri(path))
					.header("Content-Type", "application/json")
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	Response postRaw(String path, String contentType, String body) {
		return send(path,
				withCsrf(HttpRequest.newBuilder(uri(path))).header("Content-Type", contentType)
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * A JSON POST with a bearer token and the CSRF token, as a same-origin single-page
	 * app sends it: its browser holds the application's session cookie, so the bearer
	 * header alone does not skip the CSRF check.
	 */
	Response postWithBearer(String path, Object body, String token) {
		return postJson(path, body, Map.of("Authorization", "Bearer " + token));
	}

	Response postWithBearerWithoutCsrf(String path, Object body, String token) {
		return send(path,
				HttpRequest.newBuilder(uri(path))
					.header("Content-Type", "application/json")
					.header("Accept", "application/json")
					.header("Authorization", "Bearer " + token)
					.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	Optional<String> cookie(String name) {
		return this.cookies.value(this.origin.publicUri("/"), name);
	}

	/**
	 * Copies the named cookies of another browser into this one, as a person who copied
	 * them would.
	 */
	void copyCookiesFrom(Browser other, String... names) {
		for (String name : names) {
			setCookie(name, other.cookie(name).orElseThrow(() -> new IllegalStateException("no cookie " + name)));
		}
	}

	void setCookie(String name, String value) {
		this.cookies.put(this.origin.publicUri("/"), name, value);
	}

	/**
	 * Sets a cookie as a page's script does ({@code document.cookie}, as Descope's SDK
	 * writes its token cookies), with the attributes it names, such as
	 * {@code "DS=ey..; Path=/; Domain=example.test"}.
	 */
	void setCookieAsScript(String cookie) {
		this.cookies.receive(this.origin.publicUri("/"), java.util.List.of(cookie));
	}

	private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
		if (cookie("XSRF-TOKEN").isEmpty()) {
			get("/", "text/html");
		}
		return request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN").orElseThrow());
	}

	private URI uri(String path) {
		return this.origin.serverUri(path);
	}

	private Response send(String path, HttpRequest.Builder request) {
		URI publicUri = this.origin.publicUri(path);
		this.origin.proxyHeaders().forEach(request::header);
		this.cookies.header(publicUri).ifPresent((cookie) -> request.header("Cookie", cookie));
		HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
		if (this.bearerToken != null && built.headers().firstValue("Authorization").isEmpty()) {
			built = HttpRequest.newBuilder(built, (name, value) -> true)
				.header("Authorization", "Bearer " + this.bearerToken)
				.build();
		}
		try {
			HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
			this.cookies.receive(publicUri, response.headers().allValues("Set-Cookie"));
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a request over a plain socket exactly as given, for what an HTTP client
	 * refuses to send (a forged {@code Host}, a raw request target), with this browser's
	 * cookies (and CSRF token when {@code body} is not {@code null}); keeps the cookies
	 * the answer sets.
	 */
	Response sendRaw(String method, String requestTarget, String host, String accept, String contentType, String body) {
		URI base = this.origin.serverUri("/");
		try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write(rawRequest(method, requestTarget, host, accept, contentType, body));
			socket.getOutputStream().flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			int end = answer.indexOf("\r\n\r\n");
			String[] head = answer.substring(0, (end >= 0) ? end : answer.length()).split("\r\n");
			Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				if (colon > 0) {
					headers.computeIfAbsent(head[i].substring(0, colon).trim(), (k) -> new java.util.ArrayList<>())
						.add(head[i].substring(colon + 1).trim());
				}
			}
			this.cookies.receive(this.origin.publicUri("/"), headers.getOrDefault("Set-Cookie", java.util.List.of()));
			String content = (end >= 0) ? answer.substring(end + 4) : "";
			if (headers.getOrDefault("Transfer-Encoding", java.util.List.of()).contains("chunked")) {
				content = unchunked(content);
			}
			return new Response(Integer.parseInt(head[0].split(" ")[1]), headers,
					new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a POST with this browser's cookies and CSRF token over a plain socket, then
	 * hangs up at once without reading the answer, as a client that goes away
	 * mid-request.
	 */
	void postRawAndHangUp(String path, String contentType, String body) {
		URI base = this.origin.serverUri("/");
		try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
			socket.getOutputStream()
				.write(rawRequest("POST", path, base.getAuthority(), "application/json", contentType, body));
			socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unchunked(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
		return body.toString();
	}

	private byte[] rawRequest(String method, String requestTarget, String host, String accept, String contentType,
			String body) throws IOException {
		StringBuilder request = new StringBuilder();
		request.append(method).append(' ').append(requestTarget).append(" HTTP/1.1\r\n");
		request.append("Host: ").append(host).append("\r\n");
		request.append("Accept: ").append(accept).append("\r\n");
		request.append("Connection: close\r\n");
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			if (cookie("XSRF-TOKEN").isEmpty()) {
				get("/", "text/html");
			}
			request.append("X-XSRF-TOKEN: ").append(cookie("XSRF-TOKEN").orElseThrow()).append("\r\n");
			request.append("Content-Type: ").append(contentType).append("\r\n");
			request.append("Content-Length: ").append(bytes.length).append("\r\n");
		}
		String cookieHeader = this.cookies.header(this.origin.publicUri("/")).orElse("");
		if (!cookieHeader.isEmpty()) {
			request.append("Cookie: ").append(cookieHeader).append("\r\n");
		}
		request.append("\r\n");
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(bytes);
		return out.toByteArray();
	}

	record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		Optional<String> header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.flatMap((e) -> e.getValue().stream())
				.findFirst();
		}

		java.util.List<String> headerValues(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.flatMap((e) -> e.getValue().stream())
				.toList();
		}

		/**
		 * The {@code Set-Cookie} header of this response that sets the named cookie.
		 */
		Optional<String> setCookie(String name) {
			return headerValues("Set-Cookie").stream().filter((c) -> c.startsWith(name + "=")).findFirst();
		}

	}

}
