package com.descope.notp.webfluxsample;

import java.util.List;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample's pages and endpoints, the servlet sample's, on a real server and
 * its own Descope emulator: the public home page with its links and sign-out form, the
 * default login page, the SDK configuration endpoint, {@code /api/sensitive} (a WhatsApp
 * login within five minutes, {@code @PreAuthorize} with {@code @descopeFactors}), and
 * CORS for a single-page app on another origin ({@code sample.cors.allowed-origins}, as
 * {@code SAMPLE_CORS_ALLOWED_ORIGINS} sets it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.cors.allowed-origins=" + WebFluxSamplePagesTests.SPA_ORIGIN)
@AutoConfigureWebTestClient
@DescopeEmulatorTest
class WebFluxSamplePagesTests {

	static final String SPA_ORIGIN = "https://spa.example.test";

	@Autowired
	WebTestClient client;

	@Autowired
	DescopeEmulator descope;

	private EmulatedUser alice() {
		return this.descope.findUserByLoginId("+15555550100").orElseThrow();
	}

	@Test
	void homeWhenAnonymousThenThePublicPageWithItsLinksAndTheSignOutForm() {
		String page = this.client.get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("<a href=\"/login/notp\">Sign in with WhatsApp</a>")
			.contains("<a href=\"/api/sensitive\">")
			.contains("<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\" value=\"");
	}

	@Test
	void loginPageWhenGetThenTheStartersDefaultPage() {
		this.client.get()
			.uri("/login/notp")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("<title>Sign in with WhatsApp</title>")
				.contains("\"startUrl\":\"/login/notp\"")
				.contains("\"sessionUrl\":\"/login/notp/session\"")
				.contains("\"csrfParameter\":\"_csrf\""));
	}

	@Test
	void sdkConfigurationWhenGetThenTheEmulatorsProjectCacheable() {
		this.client.get()
			.uri("/login/notp/config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
			.expectHeader()
			.exists(HttpHeaders.ETAG)
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.projectId")
			.isEqualTo(this.descope.projectId());
	}

	@Test
	void sensitiveWhenABearerSessionJwtOfAWhatsAppLoginThenAllowed() {
		this.client.get()
			.uri("/api/sensitive")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.descope.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());
	}

	@Test
	void sensitiveWhenABearerSessionJwtOfAnotherMethodThenForbiddenProblem() {
		String sessionJwt = this.descope.issueSessionJwt(alice(), (claims) -> claims.claim("amr", List.of("email")));
		this.client.get()
			.uri("/api/sensitive")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + sessionJwt)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void preflightWhenFromTheAllowedOriginThenAllowedWithoutAuthentication() {
		this.client.options()
			.uri("/api/me")
			.header(HttpHeaders.ORIGIN, SPA_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SPA_ORIGIN)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
	}

	@Test
	void preflightOrCallWhenFromAnotherOriginThenRefused() {
		this.client.options()
			.uri("/api/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example.test")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example.test")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.descope.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void sdkConfigurationWhenFromTheAllowedOriginThenReadable() {
		this.client.get()
			.uri("/login/notp/config")
			.header(HttpHeaders.ORIGIN, SPA_ORIGIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SPA_ORIGIN);
	}

}
