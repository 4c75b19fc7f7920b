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
		return send(HttpRequest.newBuilder(uri(path))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
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

}
