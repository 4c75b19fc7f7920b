package com.descope.notp.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.security.login.NotpLoginConfigurer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that decides itself what a browser navigation is
 * ({@code notpLogin().navigationRequestMatcher(..)}) and keeps a request cache of its own
 * (a bean): the starter splits its answers with the application's matcher and leaves the
 * application's cache in place.
 */
@SpringBootTest(classes = NavigationCustomizationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
class NavigationCustomizationTests extends SampleHttpTestSupport {

	@Autowired
	RecordingRequestCache requestCache;

	@Test
	void requestWhenTheApplicationsMatcherSaysNavigationThenLoginPage() {
		Response page = this.browser.get("/api/me", Map.of("Accept", "*/*", "X-Navigation", "page"));

		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login/notp"));
	}

	@Test
	void requestWhenTheApplicationsMatcherSaysApiCallThenProblemEvenForABrowsersPage() {
		Response answer = this.browser.get("/api/me", BrowserRequests.NAVIGATION);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(answer)).isEqualTo("urn:descope-notp:problem:unauthenticated");
	}

	@Test
	void requestWhenTheApplicationHasARequestCacheBeanThenTheStarterKeepsIt() {
		this.browser.get("/api/sensitive", "application/json");

		assertThat(this.requestCache.saved).contains("/api/sensitive");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SampleController.class)
	static class Application {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/", "/error").permitAll().anyRequest().authenticated())
				.csrf((csrf) -> csrf.spa())
				.with(NotpLoginConfigurer.notpLogin(), (notp) -> notp
					.navigationRequestMatcher(new RequestHeaderRequestMatcher("X-Navigation", "page")));
			return http.build();
		}

		@Bean
		RecordingRequestCache requestCache() {
			return new RecordingRequestCache();
		}

	}

	/**
	 * Spring's session request cache as it comes (it saves every request it is given),
	 * recording what it saved.
	 */
	static class RecordingRequestCache extends HttpSessionRequestCache {

		final List<String> saved = new CopyOnWriteArrayList<>();

		@Override
		public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
			this.saved.add(request.getRequestURI());
			super.saveRequest(request, response);
		}

	}

}
