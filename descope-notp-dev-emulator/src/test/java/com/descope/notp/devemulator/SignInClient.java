package com.descope.notp.devemulator;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.descope.notp.test.DescopeEmulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser-like client of an application on the starter's default chain: it keeps
 * cookies, sends the CSRF token in {@code X-XSRF-TOKEN} as a single-page app does, and
 * signs a person in over HTTP (start, the WhatsApp confirmation on the emulator,
 * completion).
 */
final class SignInClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String origin;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	SignInClient(int port) {
		this.origin = "http://localhost:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Signs in with a number: start, confirm on the emulator, complete.
	 * @return the completion's answer
	 */
	HttpResponse<String> signIn(DescopeEmulator emulator, String loginId) {
		HttpResponse<String> page = get("/login/notp", "text/html");
		assertThat(page.statusCode()).isEqualTo(200);
		HttpResponse<String> started = postJson("/login/notp", Map.of("loginId", loginId));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		String pendingRef = json(started).get("pendingRef").asString();
		emulator.confirm(pendingRef);
		return postJson("/login/notp/session", Map.of("pendingRef", pendingRef));
	}

	HttpResponse<String> get(String path, String accept) {
		return send(HttpRequest.newBuilder(URI.create(this.origin + path)).header("Accept", accept).GET());
	}

	HttpResponse<String> postJson(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(this.origin + path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", xsrfToken())
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private String xsrfToken() {
		return this.cookies.getCookieStore()
			.get(URI.create(this.origin))
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie"));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
