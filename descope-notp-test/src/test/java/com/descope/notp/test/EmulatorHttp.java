package com.descope.notp.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for talking to the emulator over real HTTP in tests. */
final class EmulatorHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final DescopeEmulator emulator;

	EmulatorHttp(DescopeEmulator emulator) {
		this.emulator = emulator;
	}

	HttpResponse<String> post(String path, String body, String authorization) {
		return send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> post(String path, String body) {
		return post(path, body, "Bearer " + this.emulator.projectId());
	}

	HttpResponse<String> get(String path, String authorization) {
		return send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
			.header("Authorization", authorization)
			.GET());
	}

	HttpResponse<String> request(HttpRequest.Builder builder) {
		return send(builder);
	}

	/** Starts a sign-in / sign-up / sign-up-in; returns the parsed answer. */
	JsonNode start(String method, String body) {
		HttpResponse<String> response = post("/v1/auth/notp/whatsapp/" + method, body);
		if (response.statusCode() != 200) {
			throw new AssertionError("start answered " + response.statusCode() + ": " + response.body());
		}
		return json(response);
	}

	HttpResponse<String> poll(String pendingRef) {
		return post("/v1/auth/notp/pending-session", "{\"pendingRef\":\"" + pendingRef + "\"}");
	}

	/** Signs in Alice end to end; returns the JWTResponse. */
	JsonNode signIn(String phone) {
		String ref = start("signin", "{\"loginId\":\"" + phone + "\",\"loginOptions\":{}}").get("pendingRef")
			.stringValue();
		this.emulator.confirm(ref);
		HttpResponse<String> response = poll(ref);
		if (response.statusCode() != 200) {
			throw new AssertionError("poll answered " + response.statusCode() + ": " + response.body());
		}
		return json(response);
	}

	/**
	 * Verifies a JWT with the JWKS fetched from /v2/keys (Nimbus), returning its claims.
	 */
	JWTClaimsSet verify(String jwt) throws Exception {
		HttpResponse<String> keys = send(
				HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId()))
					.GET());
		JWKSet jwks = JWKSet.parse(keys.body());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
		return processor.process(jwt, null);
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static String errorCode(HttpResponse<String> response) {
		return json(response).path("errorCode").asString();
	}

	static Map<String, java.util.List<String>> headers(HttpResponse<String> response) {
		return response.headers().map();
	}

	private static HttpResponse<String> send(HttpRequest.Builder builder) {
		try {
			return CLIENT.send(builder.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
