package com.descope.notp.devemulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.autoconfigure.DescopeProjectIdMissingException;
import com.descope.notp.client.DescopeClient;
import com.descope.notp.devemulator.app.DevApplication;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The development-time emulator in real runs of an application ({@link DevApplication}:
 * Spring MVC, the starter, a random port): with no project id and asked to run in a test
 * it starts, says where in one log line, serves a whole sign-in over HTTP, and stops with
 * the application, also when the start-up fails; each of two applications in one JVM has
 * its own; with a project id (also as the environment variable), switched off, in a test
 * that did not ask for it, or under AOT processing, it stays off and an application
 * without a project id fails with the starter's failure analysis; when the application
 * defines its own connection details, it stops before they are used.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevEmulatorListenerTests {

	private static final String STARTED = "No descope.project-id is set: running on the Descope emulator at ";

	private static final Pattern STARTED_AT = Pattern
		.compile(Pattern.quote(STARTED) + "(http://127\\.0\\.0\\.1:\\d+), project id (\\w+)\\.");

	private static final String ALICE = "+15555550100";

	@Test
	void runWhenNoProjectIdThenStartsTheEmulatorAndSignsInEndToEnd(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("descope.dev-emulator.skip.in-tests=false")) {
			DescopeEmulator emulator = context.getBean(DescopeEmulator.class);
			assertThat(context.getBeansOfType(DescopeConnectionDetails.class)).hasSize(1)
				.allSatisfy((name, details) -> {
					assertThat(details.getProjectId()).isEqualTo(emulator.projectId());
					assertThat(details.getBaseUrl()).isEqualTo(emulator.baseUrl());
				});
			DescopeClient client = context.getBean(DescopeClient.class);
			assertThat(client.getProjectId()).isEqualTo(emulator.projectId());
			assertThat(client.getBaseUrl()).isEqualTo(emulator.baseUrl());
			assertThat(startedLines(output)).singleElement()
				.satisfies((line) -> assertThat(line).contains("INFO")
					.contains(STARTED + emulator.baseUrl() + ", project id " + emulator.projectId() + ".")
					.contains(ALICE + " (Alice Admin, roles [admin, user])")
					.contains("+15555550101 (Bob User, roles [user])"));

			SignInClient browser = new SignInClient(port(context));
			assertThat(browser.get("/api/me", "application/json").statusCode()).isEqualTo(401);
			HttpResponse<String> done = browser.signIn(emulator, ALICE);
			assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
			assertThat(SignInClient.json(done).get("status").asString()).isEqualTo("authenticated");
			HttpResponse<String> me = browser.get("/api/me", "application/json");
			assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
			assertThat(SignInClient.json(me).get("userId").asString())
				.isEqualTo(emulator.findUserByLoginId(ALICE).orElseThrow().userId());
			assertThat(jwksStatus(emulator.baseUrl(), emulator.projectId())).isEqualTo(200);
		}
		String[] stopped = startedAt(output);
		assertThat(jwksStatus(stopped[0], stopped[1])).as("the emulator stopped with the application").isEqualTo(-1);
	}

	@Test
	void runWhenAProjectIdIsSetThenNoEmulatorAndTheConnectionDetailsAreTheProperties(CapturedOutput output) {
		try (DescopeEmulator descope = DescopeEmulator.start();
				ConfigurableApplicationContext context = run("descope.dev-emulator.skip.in-tests=false",
						"descope.project-id=" + descope.projectId(), "descope.base-url=" + descope.baseUrl())) {
			assertThat(context.getBeansOfType(DescopeEmulator.class)).isEmpty();
			assertThat(context.getBeansOfType(DescopeConnectionDetails.class)).hasSize(1)
				.allSatisfy((name, details) -> {
					assertThat(details).isNotInstanceOf(DevEmulatorConnectionDetails.class);
					assertThat(details.getProjectId()).isEqualTo(descope.projectId());
					assertThat(details.getBaseUrl()).isEqualTo(descope.baseUrl());
				});
			assertThat(startedLines(output)).isEmpty();

			SignInClient browser = new SignInClient(port(context));
			HttpResponse<String> done = browser.signIn(descope, ALICE);
			assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
			assertThat(browser.get("/api/me", "application/json").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void runWhenInATestThatDidNotAskForItThenNoEmulatorAndTheProjectIdIsMissing(CapturedOutput output) {
		assertThatException().isThrownBy(DevEmulatorListenerTests::run)
			.withRootCauseInstanceOf(DescopeProjectIdMissingException.class);
		assertThat(startedLines(output)).isEmpty();
		assertProjectIdMissingReported(output);
	}

	@Test
	void runWhenDisabledThenNoEmulatorAndTheProjectIdIsMissing(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run("descope.dev-emulator.skip.in-tests=false", "descope.dev-emulator.enabled=false"))
			.withRootCauseInstanceOf(DescopeProjectIdMissingException.class);
		assertThat(startedLines(output)).isEmpty();
		assertProjectIdMissingReported(output);
	}

	@Test
	void runWhenAotProcessingThenNoEmulator(CapturedOutput output) {
		System.setProperty("spring.aot.processing", "true");
		try {
			assertThatException().isThrownBy(() -> run("descope.dev-emulator.skip.in-tests=false"))
				.withRootCauseInstanceOf(DescopeProjectIdMissingException.class);
		}
		finally {
			System.clearProperty("spring.aot.processing");
		}
		assertThat(startedLines(output)).isEmpty();
	}

	@Test
	void runWhenTheRefreshFailsThenTheEmulatorIsClosed(CapturedOutput output) {
		SpringApplication application = new SpringApplication(DevApplication.class, FailingConfiguration.class);

		assertThatException().isThrownBy(() -> application.run(args("descope.dev-emulator.skip.in-tests=false")))
			.withRootCauseInstanceOf(FailingConfiguration.Refused.class);

		String[] emulator = startedAt(output);
		assertThat(jwksStatus(emulator[0], emulator[1])).isEqualTo(-1);
	}

	@Test
	void runWhenTheStartUpFailsBeforeTheRefreshThenTheEmulatorIsClosed(CapturedOutput output) {
		SpringApplication application = new SpringApplication(DevApplication.class);
		// runs after the emulator's listener: same order, added later
		application.addListeners((ApplicationListener<ApplicationPreparedEvent>) (event) -> {
			throw new FailingConfiguration.Refused();
		});

		assertThatException().isThrownBy(() -> application.run(args("descope.dev-emulator.skip.in-tests=false")))
			.isInstanceOf(FailingConfiguration.Refused.class);

		String[] emulator = startedAt(output);
		assertThat(jwksStatus(emulator[0], emulator[1])).isEqualTo(-1);
	}

	@Test
	void runWhenTheApplicationDefinesItsOwnConnectionDetailsThenTheEmulatorStopsAndTheBeanApplies(
			CapturedOutput output) {
		try (DescopeEmulator descope = DescopeEmulator.start();
				ConfigurableApplicationContext context = new SpringApplication(DevApplication.class,
						OwnConnectionDetails.class)
					.run(args("descope.dev-emulator.skip.in-tests=false", "own.project-id=" + descope.projectId(),
							"own.base-url=" + descope.baseUrl()))) {
			assertThat(context.getBeansOfType(DescopeEmulator.class)).isEmpty();
			assertThat(context.getBeansOfType(DescopeConnectionDetails.class)).containsOnlyKeys("ownConnectionDetails");
			assertThat(context.getBean(DescopeClient.class).getBaseUrl()).isEqualTo(descope.baseUrl());
			assertThat(output.getOut())
				.contains("defines a DescopeConnectionDetails bean of its own [ownConnectionDetails]"
						+ ": the Descope emulator stopped");
			String[] stopped = startedAt(output);
			assertThat(jwksStatus(stopped[0], stopped[1])).as("the emulator stopped before the application used it")
				.isEqualTo(-1);

			SignInClient browser = new SignInClient(port(context));
			HttpResponse<String> done = browser.signIn(descope, ALICE);
			assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
			assertThat(browser.get("/api/me", "application/json").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void runWhenTheProjectIdIsOnlyTheEnvironmentVariableThenNoEmulator(CapturedOutput output) {
		try (DescopeEmulator descope = DescopeEmulator.start()) {
			SpringApplication application = new SpringApplication(DevApplication.class);
			StandardServletEnvironment environment = new StandardServletEnvironment();
			environment.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("DESCOPE_PROJECT_ID", descope.projectId(), "DESCOPE_BASE_URL",
										descope.baseUrl())));
			application.setEnvironment(environment);
			try (ConfigurableApplicationContext context = application
				.run(args("descope.dev-emulator.skip.in-tests=false"))) {
				assertThat(context.getBeansOfType(DescopeEmulator.class)).isEmpty();
				assertThat(context.getBean(DescopeClient.class).getProjectId()).isEqualTo(descope.projectId());
				assertThat(startedLines(output)).isEmpty();
			}
		}
	}

	@Test
	void runWhenTwoApplicationsInOneJvmThenEachHasItsOwnEmulatorAndClosingOneLeavesTheOther() {
		ConfigurableApplicationContext first = run("descope.dev-emulator.skip.in-tests=false");
		DescopeEmulator firstEmulator = first.getBean(DescopeEmulator.class);
		try (ConfigurableApplicationContext second = run("descope.dev-emulator.skip.in-tests=false")) {
			DescopeEmulator secondEmulator = second.getBean(DescopeEmulator.class);
			assertThat(secondEmulator).isNotSameAs(firstEmulator);
			assertThat(second.getBean(DescopeClient.class).getBaseUrl()).isEqualTo(secondEmulator.baseUrl());
			assertThat(first.getBean(DescopeClient.class).getBaseUrl()).isEqualTo(firstEmulator.baseUrl());

			first.close();

			assertThat(jwksStatus(firstEmulator.baseUrl(), firstEmulator.projectId())).isEqualTo(-1);
			HttpResponse<String> done = new SignInClient(port(second)).signIn(secondEmulator, ALICE);
			assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
		}
		finally {
			first.close();
		}
		// as after a restart: a new application, a new emulator
		try (ConfigurableApplicationContext restarted = run("descope.dev-emulator.skip.in-tests=false")) {
			DescopeEmulator emulator = restarted.getBean(DescopeEmulator.class);
			assertThat(emulator).isNotSameAs(firstEmulator);
			assertThat(jwksStatus(emulator.baseUrl(), emulator.projectId())).isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplication(DevApplication.class).run(args(properties));
	}

	/** Command-line arguments: a random port, no banner, and these properties. */
	private static String[] args(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return args.toArray(String[]::new);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static List<String> startedLines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains(STARTED)).toList();
	}

	/** The base URL and project id of the emulator the log says started. */
	private static String[] startedAt(CapturedOutput output) {
		Matcher matcher = STARTED_AT.matcher(output.getOut());
		assertThat(matcher.find()).as("the emulator's start is logged").isTrue();
		return new String[] { matcher.group(1), matcher.group(2) };
	}

	private static void assertProjectIdMissingReported(CapturedOutput output) {
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("The Descope nOTP starter needs a Descope project id, and descope.project-id is not set.")
			.contains("Set descope.project-id to your project's id")
			.contains("add com.descope.notp:descope-notp-dev-emulator as an optional dependency");
	}

	/** The status of the emulator's JWKS endpoint, or -1 when nothing listens. */
	private static int jwksStatus(String baseUrl, String projectId) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2/keys/" + projectId)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnConnectionDetails {

		@Bean
		DescopeConnectionDetails ownConnectionDetails(Environment environment) {
			String projectId = environment.getRequiredProperty("own.project-id");
			String baseUrl = environment.getRequiredProperty("own.base-url");
			return new DescopeConnectionDetails() {

				@Override
				public String getProjectId() {
					return projectId;
				}

				@Override
				public String getBaseUrl() {
					return baseUrl;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingConfiguration {

		@Bean
		Map<String, String> refusingBean() {
			throw new Refused();
		}

		static class Refused extends RuntimeException {

			Refused() {
				super("refused, to fail the start-up");
			}

		}

	}

}
