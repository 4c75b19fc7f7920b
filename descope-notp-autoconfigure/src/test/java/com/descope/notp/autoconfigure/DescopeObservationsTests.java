package com.descope.notp.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.descope.notp.core.DescopeTokens;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.login.PendingFlowRepository;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The {@code descope.*} observations of a login, a refresh, a logout and the session-JWT
 * validations, through the auto-configured chain on the Descope emulator over real HTTP,
 * recorded by a {@link TestObservationRegistry} bean: each observation with its key
 * values; the calls to Descope as the {@code RestClient}'s {@code http.client.requests}
 * children of the operation that made them, with the endpoint's path as {@code uri};
 * Spring Security's {@code spring.security.authentications} for the starter's own
 * authentication managers (login and bearer token); and no key value of any observation
 * carrying the phone number, the {@code pendingRef}, a token or the user id.
 */
class DescopeObservationsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BOB = "+15555550101";

	private static final String START = "/v1/auth/notp/whatsapp/signup-in";

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final DescopeEmulator emulator = DescopeEmulator.start();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RestClientAutoConfiguration.class, DescopeClientAutoConfiguration.class,
						DescopeJwtAutoConfiguration.class, DescopeSecurityAutoConfiguration.class,
						DescopeWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
						SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withUserConfiguration(ObservationConfiguration.class)
		.withPropertyValues("descope.project-id=" + emulator.projectId(), "descope.base-url=" + emulator.baseUrl(),
				"descope.http.retry-backoff=");

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void loginWhenConfirmedThenStartAndPollsObservedWithTheirOutcomes() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Login login = logIn(context);
			assertThat(login.answers()).containsExactly(200, 202, 202, 200);
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("descope.login.start")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "started")
				.hasLowCardinalityKeyValue("method", "sign-up-or-in")
				.hasLowCardinalityKeyValue("error.code", "none")
				.hasLowCardinalityKeyValue("reason", "none");
			List<Observation.Context> polls = named(registry, "descope.login.poll");
			assertThat(polls).extracting((poll) -> value(poll, "outcome"))
				.containsExactly("pending", "throttled", "completed");
			assertThat(polls).allSatisfy((poll) -> assertThat(value(poll, "error.code")).isEqualTo("none"));
		});
	}

	@Test
	void loginWhenObservedThenTheCallsToDescopeAreChildrenOfTheStartAndThePoll() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			logIn(context);
			List<Observation.Context> calls = named(registry, "http.client.requests");
			Observation.Context start = only(calls, START);
			assertThat(value(start, "method")).isEqualTo("POST");
			assertThat(value(start, "status")).isEqualTo("200");
			assertThat(ancestors(start)).startsWith("descope.login.start");
			List<Observation.Context> polls = calls.stream()
				.filter((call) -> PENDING_SESSION.equals(value(call, "uri")))
				.toList();
			assertThat(polls).hasSize(2);
			assertThat(polls).allSatisfy((poll) -> assertThat(ancestors(poll))
				.startsWith("spring.security.authentications", "descope.login.poll"));
			assertThat(calls).allSatisfy((call) -> assertThat(value(call, "uri")).startsWith("/v"));
			Observation.Context validation = named(registry, "descope.token.validation").get(0);
			assertThat(value(validation, "outcome")).isEqualTo("verified");
			assertThat(ancestors(validation)).startsWith("spring.security.authentications", "descope.login.poll");
			Observation.Context jwks = named(registry, "descope.jwks.fetch").get(0);
			assertThat(value(jwks, "outcome")).isEqualTo("fetched");
			assertThat(ancestors(jwks)).contains("descope.token.validation", "descope.login.poll");
		});
	}

	@Test
	void loginWhenSpringSecurityObservesThenTheStarterAuthenticationManagersAreObserved() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Login login = logIn(context);
			String bearer = emulator.issueSessionJwt(bob());
			assertThat(mvc(context).perform(get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(404);
			List<Observation.Context> authentications = named(registry, "spring.security.authentications");
			assertThat(authentications)
				.extracting((authentication) -> value(authentication, "authentication.request.type"))
				.contains("NotpAuthenticationToken", "BearerTokenAuthenticationToken");
			assertThat(authentications)
				.filteredOn((authentication) -> "NotpAuthenticationToken"
					.equals(value(authentication, "authentication.request.type")))
				.extracting((authentication) -> value(authentication, "authentication.result.type"))
				.contains("DescopeAuthenticationToken");
			assertThat(login.answers()).endsWith(200);
		});
	}

	@Test
	void requestWhenTheSameSessionJwtComesAgainThenValidatedFromTheVerifiedTokenCache() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			MockMvc mvc = mvc(context);
			String bearer = emulator.issueSessionJwt(bob());
			mvc.perform(get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer));
			mvc.perform(get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer));
			mvc.perform(get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer));
			// cached at its second verification
			assertThat(named(registry, "descope.token.validation")).extracting((v) -> value(v, "outcome"))
				.containsExactly("verified", "verified", "cached");
			assertThat(named(registry, "descope.token.validation")).allSatisfy(
					(validation) -> assertThat(ancestors(validation)).startsWith("spring.security.authentications"));
		});
	}

	@Test
	void validationWhenTokenTamperedThenRefusedWithTheReasonClass() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			String token = emulator.issueSessionJwt(bob());
			String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
			assertThat(mvc(context).perform(get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + tampered))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(401);
			Observation.Context validation = named(registry, "descope.token.validation").get(0);
			assertThat(value(validation, "outcome")).isEqualTo("refused");
			assertThat(value(validation, "reason")).isEqualTo("BadJwtException");
		});
	}

	@Test
	void startWhenDescopeRefusesThenFailedWithItsErrorCode() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			emulator.enqueueFailure(START, 400, Map.of("Content-Type", "application/json"),
					"{\"errorCode\":\"E011003\",\"errorDescription\":\"Request is invalid\"}");
			MockHttpServletResponse answer = start(mvc(context), new MockHttpSession());
			assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(400);
			Observation.Context start = named(registry, "descope.login.start").get(0);
			assertThat(value(start, "outcome")).isEqualTo("failed");
			assertThat(value(start, "error.code")).isEqualTo("E011003");
			assertThat(value(only(named(registry, "http.client.requests"), START), "status")).isEqualTo("400");
		});
	}

	@Test
	void startWhenOverTheNumberLimitThenLimitedWithTheScopeAndNoCall() {
		this.contextRunner.withPropertyValues("descope.notp.rate-limit.per-number.permits=1").run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			MockMvc mvc = mvc(context);
			assertThat(start(mvc, new MockHttpSession()).getStatus()).isEqualTo(200);
			assertThat(start(mvc, new MockHttpSession()).getStatus()).isEqualTo(429);
			assertThat(named(registry, "descope.login.start")).extracting((s) -> value(s, "outcome"))
				.containsExactly("started", "limited");
			assertThat(value(named(registry, "descope.login.start").get(1), "reason")).isEqualTo("number");
			assertThat(named(registry, "http.client.requests")).hasSize(1);
		});
	}

	@Test
	void startWhenTheRegionIsNotAllowedThenRejectedWithTheReason() {
		this.contextRunner.withPropertyValues("descope.notp.allowed-regions=BR").run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThat(start(mvc(context), new MockHttpSession()).getStatus()).isEqualTo(400);
			Observation.Context start = named(registry, "descope.login.start").get(0);
			assertThat(value(start, "outcome")).isEqualTo("rejected");
			assertThat(value(start, "reason")).isEqualTo("region_not_allowed");
		});
	}

	@Test
	void pollWhenDescopeEndsTheFlowThenFailedWithItsErrorCode() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			MockMvc mvc = mvc(context);
			MockHttpSession session = new MockHttpSession();
			String pendingRef = pendingRef(start(mvc, session));
			emulator.fail(pendingRef, "E061103");
			assertThat(poll(mvc, session, pendingRef).getStatus()).isEqualTo(401);
			Observation.Context poll = named(registry, "descope.login.poll").get(0);
			assertThat(value(poll, "outcome")).isEqualTo("failed");
			assertThat(value(poll, "error.code")).isEqualTo("E061103");
		});
	}

	@Test
	void pollWhenDescopeIsUnavailableThenUnavailableAndTheFlowStaysUsable() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			MockMvc mvc = mvc(context);
			MockHttpSession session = new MockHttpSession();
			String pendingRef = pendingRef(start(mvc, session));
			emulator.enqueueFailure(PENDING_SESSION, 503, null, null);
			assertThat(poll(mvc, session, pendingRef).getStatus()).isEqualTo(503);
			emulator.confirm(pendingRef);
			context.getBean(MovableClock.class).advance(Duration.ofSeconds(1));
			assertThat(poll(mvc, session, pendingRef).getStatus()).isEqualTo(200);
			assertThat(named(registry, "descope.login.poll")).extracting((poll) -> value(poll, "outcome"))
				.containsExactly("unavailable", "completed");
		});
	}

	@Test
	void pollWhenTheFlowIsNotThisSessionsThenUnknownFlowAndNoCall() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			MockMvc mvc = mvc(context);
			String pendingRef = pendingRef(start(mvc, new MockHttpSession()));
			assertThat(poll(mvc, new MockHttpSession(), pendingRef).getStatus()).isEqualTo(401);
			assertThat(value(named(registry, "descope.login.poll").get(0), "outcome")).isEqualTo("unknown_flow");
			assertThat(named(registry, "http.client.requests")).extracting((call) -> value(call, "uri"))
				.containsExactly(START);
		});
	}

	@Test
	void refreshWhenDescopeAnswersThenRefreshedRefusedOrUnavailable() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			MockMvc mvc = mvc(context);
			assertThat(refresh(mvc, emulator.issueRefreshJwt(bob())).getStatus()).isEqualTo(200);
			emulator.enqueueFailure("/v1/auth/refresh", 401, Map.of("Content-Type", "application/json"),
					"{\"errorCode\":\"E061005\",\"errorDescription\":\"Invalid token\"}");
			assertThat(refresh(mvc, emulator.issueRefreshJwt(bob())).getStatus()).isEqualTo(401);
			emulator.enqueueFailure("/v1/auth/refresh", 503, null, null);
			assertThat(refresh(mvc, emulator.issueRefreshJwt(bob())).getStatus()).isEqualTo(503);
			List<Observation.Context> refreshes = named(registry, "descope.session.refresh");
			assertThat(refreshes).extracting((r) -> value(r, "outcome"))
				.containsExactly("refreshed", "refused", "unavailable");
			assertThat(refreshes).extracting((r) -> value(r, "error.code")).containsExactly("none", "E061005", "503");
			assertThat(named(registry, "http.client.requests"))
				.filteredOn((call) -> "/v1/auth/refresh".equals(value(call, "uri")))
				.allSatisfy((call) -> assertThat(ancestors(call)).contains("descope.session.refresh"))
				.extracting((call) -> value(call, "status"))
				.containsExactly("200", "401", "503");
		});
	}

	@Test
	void logoutWhenSignedInThenLoggedOutWithTheScope() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Login login = logIn(context);
			mvc(context).perform(post("/logout").session(login.session()).with(csrf()));
			Observation.Context logout = named(registry, "descope.session.logout").get(0);
			assertThat(value(logout, "outcome")).isEqualTo("logged_out");
			assertThat(value(logout, "scope")).isEqualTo("session");
			assertThat(only(named(registry, "http.client.requests"), "/v1/auth/logout"))
				.satisfies((call) -> assertThat(ancestors(call)).contains("descope.session.logout"));
		});
	}

	@Test
	void logoutEverywhereWhenSignedInThenLoggedOutWithTheScopeAll() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Login login = logIn(context);
			mvc(context).perform(post("/logout/all").session(login.session()).with(csrf()));
			Observation.Context logout = named(registry, "descope.session.logout").get(0);
			assertThat(value(logout, "outcome")).isEqualTo("logged_out");
			assertThat(value(logout, "scope")).isEqualTo("all");
			assertThat(only(named(registry, "http.client.requests"), "/v1/auth/logoutall"))
				.satisfies((call) -> assertThat(ancestors(call)).contains("descope.session.logout"));
		});
	}

	@Test
	void observationsWhenALoginRefreshAndLogoutRanThenNoKeyValueCarriesASecretOrTheLoginId() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Login login = logIn(context);
			MockMvc mvc = mvc(context);
			DescopeTokens tokens = (DescopeTokens) login.session()
				.getAttribute(HttpSessionDescopeTokenRepository.TOKENS_ATTRIBUTE);
			assertThat(tokens).isNotNull();
			String bearer = emulator.issueSessionJwt(bob());
			mvc.perform(get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer));
			String refreshJwt = emulator.issueRefreshJwt(bob());
			refresh(mvc, refreshJwt);
			mvc.perform(post("/logout").session(login.session()).with(csrf()));
			Set<String> secrets = new LinkedHashSet<>(List.of(BOB, BOB.substring(1), login.pendingRef(),
					tokens.sessionJwt(), tokens.refreshJwt(), bearer, refreshJwt, bob().userId()));
			List<String> texts = new ArrayList<>();
			for (Observation.Context observed : contexts(registry)) {
				texts.add(observed.getName());
				texts.add(String.valueOf(observed.getContextualName()));
				for (KeyValue keyValue : observed.getLowCardinalityKeyValues()) {
					texts.add(keyValue.getKey() + "=" + keyValue.getValue());
				}
				for (KeyValue keyValue : observed.getHighCardinalityKeyValues()) {
					texts.add(keyValue.getKey() + "=" + keyValue.getValue());
				}
			}
			assertThat(contexts(registry)).extracting(Observation.Context::getName)
				.contains("descope.login.start", "descope.login.poll", "descope.token.validation", "descope.jwks.fetch",
						"descope.session.refresh", "descope.session.logout", "http.client.requests",
						"spring.security.authentications");
			for (String secret : secrets) {
				// a JWT's parts each identify it: none may appear either
				List<String> fragments = new ArrayList<>(List.of(secret));
				if (secret.startsWith("eyJ")) {
					fragments.addAll(List.of(secret.split("\\.")));
				}
				assertThat(fragments)
					.allSatisfy((fragment) -> assertThat(texts).noneMatch((text) -> text.contains(fragment)));
			}
			assertThat(named(registry, "descope.login.start").get(0).getHighCardinalityKeyValues()).isEmpty();
		});
	}

	private static Login logIn(WebApplicationContext context) throws Exception {
		MockMvc mvc = mvc(context);
		MovableClock clock = context.getBean(MovableClock.class);
		MockHttpSession session = new MockHttpSession();
		List<Integer> answers = new ArrayList<>();
		MockHttpServletResponse started = start(mvc, session);
		answers.add(started.getStatus());
		String pendingRef = pendingRef(started);
		answers.add(poll(mvc, session, pendingRef).getStatus());
		// again within the polling interval: answered without asking Descope
		answers.add(poll(mvc, session, pendingRef).getStatus());
		emulator.confirm(pendingRef);
		clock.advance(Duration.ofSeconds(1));
		MockHttpServletResponse done = poll(mvc, session, pendingRef);
		answers.add(done.getStatus());
		assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(200);
		return new Login(session, pendingRef, answers);
	}

	private static MockHttpServletResponse start(MockMvc mvc, MockHttpSession session) throws Exception {
		return mvc
			.perform(post("/login/notp").session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content("{\"loginId\":\"" + BOB + "\"}"))
			.andReturn()
			.getResponse();
	}

	private static String pendingRef(MockHttpServletResponse started) throws Exception {
		return JSON.readTree(started.getContentAsString()).get("pendingRef").asString();
	}

	private static MockHttpServletResponse poll(MockMvc mvc, MockHttpSession session, String pendingRef)
			throws Exception {
		return mvc
			.perform(post("/login/notp/session").session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsString(Map.of("pendingRef", pendingRef))))
			.andReturn()
			.getResponse();
	}

	private static MockHttpServletResponse refresh(MockMvc mvc, String refreshJwt) throws Exception {
		return mvc
			.perform(post("/login/notp/refresh").header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshJwt)
				.accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	private static EmulatedUser bob() {
		return emulator.findUserByLoginId(BOB).orElseThrow();
	}

	private static List<Observation.Context> contexts(TestObservationRegistry registry) {
		List<Observation.Context> all = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(all::addAll);
		return all;
	}

	/**
	 * The observations of a name, in the order they started.
	 */
	private static List<Observation.Context> named(TestObservationRegistry registry, String name) {
		return contexts(registry).stream().filter((context) -> name.equals(context.getName())).toList();
	}

	private static Observation.Context only(List<Observation.Context> calls, String uri) {
		List<Observation.Context> matching = calls.stream().filter((call) -> uri.equals(value(call, "uri"))).toList();
		assertThat(matching).as("calls to %s", uri).hasSize(1);
		return matching.get(0);
	}

	private static String value(Observation.Context context, String key) {
		KeyValue keyValue = context.getLowCardinalityKeyValue(key);
		return (keyValue != null) ? keyValue.getValue() : null;
	}

	/**
	 * The names of an observation's parent, its parent's parent, and so on.
	 */
	private static List<String> ancestors(Observation.Context context) {
		List<String> names = new ArrayList<>();
		ObservationView parent = context.getParentObservation();
		while (parent != null) {
			names.add(parent.getContextView().getName());
			parent = parent.getContextView().getParentObservation();
		}
		return Collections.unmodifiableList(names);
	}

	private record Login(MockHttpSession session, String pendingRef, List<Integer> answers) {

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		MovableClock pollClock() {
			return MovableClock.standingAt(Instant.now());
		}

		@Bean
		PendingFlowRepository pendingFlowRepository(MovableClock pollClock) {
			return new HttpSessionPendingFlowRepository(5, Duration.ofSeconds(1), pollClock);
		}

	}

}
