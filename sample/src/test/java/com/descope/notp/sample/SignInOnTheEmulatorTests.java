package com.descope.notp.sample;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Testing your application, style 3 (the README's example): the whole application and the
 * whole nOTP flow, on its own Descope emulator. The person's WhatsApp confirmation is
 * {@code descope.confirm(pendingRef)}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DescopeEmulatorTest
class SignInOnTheEmulatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Test
	void signInWhenTheUserConfirmsOnWhatsAppThenTheSessionReachesTheAdminEndpoint(DescopeEmulator descope)
			throws Exception {
		MockHttpSession session = new MockHttpSession();
		String started = this.mvc
			.perform(post("/login/notp").session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"loginId\":\"+15555550100\"}"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String pendingRef = JSON.readTree(started).get("pendingRef").asString();

		descope.confirm(pendingRef);

		this.mvc
			.perform(post("/login/notp/session").session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"pendingRef\":\"" + pendingRef + "\"}"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/admin").session(session))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.message").value("Hello, admin"));
		assertThat(descope.calls()).anyMatch((call) -> call.path().equals("/v1/auth/notp/pending-session"));
	}

	@Test
	void signInWhenTheFlowExpiresOnDescopeThenTheCompletionIsRefused(DescopeEmulator descope) throws Exception {
		MockHttpSession session = new MockHttpSession();
		String started = this.mvc
			.perform(post("/login/notp").session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"loginId\":\"+15555550101\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String pendingRef = JSON.readTree(started).get("pendingRef").asString();

		descope.expire(pendingRef);

		this.mvc
			.perform(post("/login/notp/session").session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"pendingRef\":\"" + pendingRef + "\"}"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/me").session(session)).andExpect(status().isUnauthorized());
	}

}
