package com.descope.notp.sample;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token in a header over the servlet container's own limit (Tomcat's
 * {@code server.max-http-request-header-size}, 8 KB by default for all headers together)
 * is answered by the container before the starter sees the request, so it gets Tomcat's
 * answer, not the starter's problem+json, and nothing reaches the application or Descope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
class OversizedHeaderTests {

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	@Test
	void getMeWhenBearerHeaderOverTomcatLimitThenContainerRefusesIt() {
		int callsBefore = this.emulator.calls().size();

		Response response = new Browser(this.port).getWithAuthorization("/api/me", "Bearer " + "a".repeat(9000));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("aaaaaaaa");
		assertThat(this.emulator.calls()).hasSize(callsBefore);
	}

	@Test
	void getMeWhenCookieOverTomcatLimitThenContainerRefusesIt() {
		Response response = new Browser(this.port).getWithCookieHeader("/api/me", "DS=" + "a".repeat(9000));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("aaaaaaaa");
	}

}
