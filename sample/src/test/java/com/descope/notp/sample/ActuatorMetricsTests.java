package com.descope.notp.sample;

import java.util.ArrayList;
import java.util.List;

import com.descope.notp.sample.Browser.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's actuator on its own port: {@code /actuator/metrics} lists what a login on
 * the Descope emulator produced (the starter's {@code descope.*} observations as timers,
 * the calls to Descope as {@code http.client.requests} by endpoint path, Spring
 * Security's authentications, the verified-token cache), each with its tags and no phone
 * number or token in any of them; it needs a signed-in session, and only {@code health}
 * and {@code metrics} are exposed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "descope.dev-emulator.skip.in-tests=false")
class ActuatorMetricsTests extends SampleHttpTestSupport {

	private static final String JSON = "application/json";

	@Test
	void metricsWhenALoginRanThenTheDescopeObservationsAndCallsAreListed() {
		SessionTestSupport.signIn(this.browser, this.emulator);

		Response metrics = this.browser.get("/actuator/metrics", JSON);

		assertThat(metrics.status()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		metrics.json().get("names").forEach((name) -> names.add(name.asString()));
		assertThat(names).contains("descope.login.start", "descope.login.poll", "descope.token.validation",
				"descope.jwks.fetch", "http.client.requests", "spring.security.authentications", "cache.gets",
				"cache.size");
	}

	@Test
	void metricWhenALoginRanThenItsCountIsTaggedWithTheOutcome() {
		String start = "/actuator/metrics/descope.login.start?tag=outcome:started&tag=method:sign-in";
		String poll = "/actuator/metrics/descope.login.poll?tag=outcome:completed";
		String calls = "/actuator/metrics/http.client.requests?tag=uri:/v1/auth/notp/pending-session&tag=status:200";
		SessionTestSupport.signIn(this.browser, this.emulator);
		double starts = count(start);
		double polls = count(poll);
		double pollCalls = count(calls);

		SessionTestSupport.signIn(this.browser, this.emulator);

		assertThat(count(start)).isEqualTo(starts + 1);
		assertThat(count(poll)).isEqualTo(polls + 1);
		assertThat(count(calls)).isEqualTo(pollCalls + 1);
	}

	@Test
	void metricsWhenReadThenNoTagCarriesThePhoneNumberOrAToken() {
		SessionTestSupport.signIn(this.browser, this.emulator);
		List<String> names = new ArrayList<>();
		this.browser.get("/actuator/metrics", JSON).json().get("names").forEach((name) -> names.add(name.asString()));

		for (String name : names) {
			String body = this.browser.get("/actuator/metrics/" + name, JSON).body();
			assertThat(body).as(name)
				.doesNotContain(SessionTestSupport.ALICE.substring(1))
				.doesNotContain("eyJ")
				.doesNotContain(this.emulator.lastFlow().pendingRef());
		}
	}

	@Test
	void metricsWhenNotSignedInThenUnauthorized() {
		assertThat(this.browser.get("/actuator/metrics", JSON).status()).isEqualTo(401);
	}

	@Test
	void actuatorWhenSignedInThenOnlyHealthAndMetricsAreExposed() {
		SessionTestSupport.signIn(this.browser, this.emulator);

		JsonNode links = this.browser.get("/actuator", JSON).json().get("_links");

		List<String> exposed = new ArrayList<>();
		links.propertyNames().forEach(exposed::add);
		assertThat(exposed).filteredOn((link) -> !link.startsWith("self") && !link.contains("-"))
			.containsExactlyInAnyOrder("health", "metrics");
		assertThat(this.browser.get("/actuator/env", JSON).status()).isEqualTo(404);
	}

	/**
	 * The count of a timer, read from the actuator.
	 * @param path the metric's path with its tags
	 * @return the {@code COUNT} measurement
	 */
	private double count(String path) {
		Response metric = this.browser.get(path, JSON);
		assertThat(metric.status()).as(path).isEqualTo(200);
		for (JsonNode measurement : metric.json().get("measurements")) {
			if (measurement.get("statistic").asString().equals("COUNT")) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("no COUNT in " + metric.body());
	}

}
