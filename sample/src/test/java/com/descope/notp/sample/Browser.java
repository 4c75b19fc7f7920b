package com.descope.notp.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cookie-keeping HTTP client that behaves as the browser of one person: it keeps the session and
 * {@code XSRF-TOKEN} cookies, and sends the CSRF token in {@code X-XSRF-TOKEN} as a single-page
 * app does. It follows no redirects, so tests see them.
 */
final class Browser {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	Browser(int port) {
		this.baseUrl = "http://localhost:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	Response get(String path, String accept) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
	}

	Response getWithBearer(String path, String token) {
		return getWithBearer(path, token, "application/json");
	}

	Response getWithBearer(String path, String token, String accept) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Accept", accept)
			.header("Authorization", "Bearer " + token)
			.GET());
	}

	/**
	 * A JSON GET with this exact {@code Authorization} header value, malformed ones included.
	 */
	Response getWithAuthorization(String path, String authorization) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Accept", "application/json")
			.header("Authorization", authorization)
			.GET());
	}

	/**
	 * A JSON GET with this exact {@code Cookie} header value, whatever this browser's cookies are: for
	 * cookie values a cookie store would refuse or rewrite.
	 */
	Response getWithCookieHeader(String path, String cookieHeader) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Accept", "application/json")
			.header("Cookie", cookieHeader)
			.GET());
	}

	Response postJson(String path, Object body) {
		return send(withCsrf(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	Response postForm(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(withCsrf(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	Response postJsonWithoutCsrf(String path, Object body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	Response postRaw(String path, String contentType, String body) {
		return send(withCsrf(HttpRequest.newBuilder(uri(path)))
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	Response postWithBearerWithoutCsrf(String path, Object body, String token) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/**
	 * Copies the named cookies of another browser into this one, as a person who copied them would.
	 */
	void copyCookiesFrom(Browser other, String... names) {
		for (String name : names) {
			setCookie(name, other.cookie(name).orElseThrow(() -> new IllegalStateException("no cookie " + name)));
		}
	}

	void setCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.baseUrl), cookie);
	}

	private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
		if (cookie("XSRF-TOKEN").isEmpty()) {
			get("/", "text/html");
		}
		return request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN").orElseThrow());
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
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

	/**
	 * Sends a request over a plain socket exactly as given, for what an HTTP client refuses to send
	 * (a forged {@code Host}, a raw request target), with this browser's cookies (and CSRF token when
	 * {@code body} is not {@code null}); keeps the cookies the answer sets.
	 */
	Response sendRaw(String method, String requestTarget, String host, String accept, String contentType,
			String body) {
		java.net.URI base = URI.create(this.baseUrl);
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
			this.cookies.put(base, Map.of("Set-Cookie", headers.getOrDefault("Set-Cookie", java.util.List.of())));
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
	 * Sends a POST with this browser's cookies and CSRF token over a plain socket, then hangs up at
	 * once without reading the answer, as a client that goes away mid-request.
	 */
	void postRawAndHangUp(String path, String contentType, String body) {
		java.net.URI base = URI.create(this.baseUrl);
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

	private byte[] rawRequest(String method, String requestTarget, String host, String accept,
			String contentType, String body) throws IOException {
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
		String cookieHeader = this.cookies.getCookieStore()
			.get(URI.create(this.baseUrl))
			.stream()
			.map((c) -> c.getName() + "=" + c.getValue())
			.collect(Collectors.joining("; "));
		if (!cookieHeader.isEmpty()) {
			request.append("Cookie: ").append(cookieHeader).append("\r\n");
		}
		request.append("\r\n");
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(bytes);
		return out.toByteArray();
	}

}
