package com.descope.notp.security.login;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultNotpStartSuccessHandler}: a started flow is answered {@code 200
 * {"pendingRef", "redirectUrl", "image"}} exactly as Descope's start answer carried them
 * (the emulator's, over real HTTP), never cached, with absent members as {@code null} so
 * the page's script can tell.
 */
class DefaultNotpStartSuccessHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DefaultNotpStartSuccessHandler handler = new DefaultNotpStartSuccessHandler();

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/notp");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void onStartedWhenDescopeStartedAFlowThenItsThreeMembersAsJsonAndNotCached() throws Exception {
		NotpLinkResponse link;
		try (DescopeEmulator emulator = DescopeEmulator.start();
				DescopeClient client = DescopeClient.builder(emulator.projectId())
					.baseUrl(emulator.baseUrl())
					.build()) {
			link = client.start(NotpStartRequest.of(NotpMethod.SIGN_IN, "+15555550101"), null).data();
		}

		this.handler.onStarted(this.request, this.response, link);

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(
				MediaType.parseMediaType(this.response.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON))
			.isTrue();
		assertThat(this.response.getHeader("Cache-Control")).isEqualTo("no-store");
		JsonNode body = JSON.readTree(this.response.getContentAsByteArray());
		assertThat(body.propertyNames()).containsExactly("pendingRef", "redirectUrl", "image");
		assertThat(body.get("pendingRef").asString()).isEqualTo(link.pendingRef());
		assertThat(body.get("redirectUrl").asString()).isEqualTo(link.redirectUrl());
		assertThat(body.get("image").asString()).isEqualTo(link.image()).startsWith("iVBOR");
	}

	@Test
	void onStartedWhenDescopeSentNoLinkOrImageThenThoseMembersAreNull() throws Exception {
		this.handler.onStarted(this.request, this.response, new NotpLinkResponse("ref-1", null, null));

		JsonNode body = JSON.readTree(this.response.getContentAsByteArray());
		assertThat(body.get("pendingRef").asString()).isEqualTo("ref-1");
		assertThat(body.get("redirectUrl").isNull()).isTrue();
		assertThat(body.get("image").isNull()).isTrue();
	}

}
