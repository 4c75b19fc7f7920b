package com.descope.notp.test.reactive;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.descope.notp.test.security.DescopeMockServerConfigurers.descopeJwt;
import static com.descope.notp.test.security.DescopeMockServerConfigurers.mockDescopeUser;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@code WebTestClient} bound to a running reactive server (a random port), with no
 * Descope project: {@code @AutoConfigureWebTestClient} puts the application on the test
 * project as {@code @WebFluxTest} does, so {@code descopeJwt()}, sent from the client
 * side, passes the real decoder over HTTP; {@code mockDescopeUser()}, which sets the
 * security context on the server side, refuses such a client saying what to use.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
@AutoConfigureWebTestClient
class ReactiveRunningServerTests {

	@Autowired
	WebTestClient client;

	@Test
	void descopeJwtWhenTheClientIsBoundToARunningServerThenTheTokenTravelsOverHttpAndPasses() {
		this.client.mutateWith(descopeJwt().roles("admin")).get().uri("/admin").exchange().expectStatus().isOk();
		this.client.mutateWith(descopeJwt().roles("user")).get().uri("/admin").exchange().expectStatus().isForbidden();
		this.client.get().uri("/admin").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void mockDescopeUserWhenTheClientIsBoundToARunningServerThenRefusedNamingWhatWorks() {
		assertThatIllegalStateException().isThrownBy(() -> this.client.mutateWith(mockDescopeUser()))
			.withMessageContaining("running server")
			.withMessageContaining("descopeJwt()");
	}

}
