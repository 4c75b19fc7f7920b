package com.descope.notp.test.security;

import java.time.Duration;

import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MockDescopeUser#bearerAuth(ApplicationContext)} with a real HTTP client against
 * the running server, for tests that use {@code RestClient}, {@code RestTestClient} or
 * {@code WebTestClient} rather than MockMvc.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DescopeEmulatorTest
class BearerAuthOverHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void adminWhenTheBearerUserHasTheRoleThenOkElseForbidden() {
		assertThat(status("/admin", MockDescopeUser.user().roles("admin"))).isEqualTo(HttpStatusCode.valueOf(200));
		assertThat(status("/admin", MockDescopeUser.user().roles("user"))).isEqualTo(HttpStatusCode.valueOf(403));
	}

	@Test
	void transferWhenTheBearerUsersFactorIsOldThenForbidden() {
		assertThat(status("/transfer", MockDescopeUser.user().whatsAppFactorAge(Duration.ofMinutes(30))))
			.isEqualTo(HttpStatusCode.valueOf(403));
	}

	private HttpStatusCode status(String path, MockDescopeUser user) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri(path)
			.headers(user.bearerAuth(this.context))
			.exchange((request, response) -> response.getStatusCode());
	}

}
