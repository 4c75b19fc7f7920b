package com.descope.notp.autoconfigure;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The CSRF exemption of bearer requests through the default chain's real filters: the
 * servlet container's session cookie under the name the application gave it
 * ({@code server.servlet.session.cookie.name}, which Spring Boot sets on the servlet
 * context) is an ambient credential like {@code JSESSIONID}, so a bearer header beside it
 * does not skip the check; an unrelated cookie does not count.
 */
class BearerCsrfExemptionTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DescopeClientAutoConfiguration.class,
				DescopeJwtAutoConfiguration.class, DescopeSecurityAutoConfiguration.class,
				DescopeWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("descope.project-id=P2aAc4T2V93bddihGEx2Ryhc8e5Z", "descope.base-url=http://127.0.0.1:9/");

	@Test
	void logoutWhenBearerBesideTheContainersRenamedSessionCookieThenForbidden() {
		this.contextRunner.run((context) -> {
			context.getServletContext().getSessionCookieConfig().setName("APPSESSION");
			assertThat(logoutWithBearerAndCookie(context, new Cookie("APPSESSION", "x"))).isEqualTo(403);
		});
	}

	@Test
	void logoutWhenBearerBesideAnUnrelatedCookieThenNotCsrfChecked() {
		this.contextRunner.run((context) -> {
			context.getServletContext().getSessionCookieConfig().setName("APPSESSION");
			assertThat(logoutWithBearerAndCookie(context, new Cookie("theme", "dark"))).isEqualTo(302);
		});
	}

	private static int logoutWithBearerAndCookie(WebApplicationContext context, Cookie cookie) throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		return mvc.perform(post("/logout").header("Authorization", "Bearer x").cookie(cookie))
			.andReturn()
			.getResponse()
			.getStatus();
	}

}
