package com.descope.notp.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as the Spring Boot Maven plugin packaged it after processing it ahead of
 * time ({@code process-aot}): its runnable jar, started in a JVM of its own with
 * {@code -Dspring.aot.enabled=true}, runs from the AOT-generated bean definitions (Spring
 * Boot logs it as "AOT-processed"), serves the login page and signs a person in through a
 * real WhatsApp login against the Descope emulator, and the session reaches the admin
 * endpoint and the endpoint whose {@code @PreAuthorize} calls the {@code descopeFactors}
 * bean. Under AOT the development-time emulator does not start (conditions are settled at
 * build time, as for Spring Boot's Docker Compose support): with no
 * {@code descope.project-id} the application refuses to start with the starter's
 * analysis, which says so.
 */
class AotProcessedSampleIT {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopApplications() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
	}

	@Test
	void startWhenRunFromTheAotGeneratedCodeThenAWhatsAppLoginSignsInAgainstDescope() throws Exception {
		try (DescopeEmulator descope = DescopeEmulator.start()) {
			Started app = start("--descope.project-id=" + descope.projectId(),
					"--descope.base-url=" + descope.baseUrl());
			assertThat(app.log()).contains("Starting AOT-processed SampleApplication");
			Browser browser = new Browser(app.port());

			Response page = browser.get("/login/notp", "text/html");
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.body()).contains("<form").contains("loginId");

			Response started = browser.postJson("/login/notp", Map.of("loginId", "+15555550100"));
			assertThat(started.status()).as(started.body()).isEqualTo(200);
			String pendingRef = started.json().get("pendingRef").asString();
			descope.confirm(pendingRef);
			Response completed = browser.postJson("/login/notp/session", Map.of("pendingRef", pendingRef));
			assertThat(completed.status()).as(completed.body()).isEqualTo(200);
			assertThat(completed.json().get("status").asString()).isEqualTo("authenticated");

			Response admin = browser.get("/api/admin", "application/json");
			assertThat(admin.status()).as(admin.body()).isEqualTo(200);
			assertThat(admin.json().get("message").asString()).isEqualTo("Hello, admin");
			Response sensitive = browser.get("/api/sensitive", "application/json");
			assertThat(sensitive.status()).as(sensitive.body()).isEqualTo(200);
			assertThat(descope.calls()).extracting((call) -> call.path())
				.contains("/v1/auth/notp/whatsapp/signup-in", "/v1/auth/notp/pending-session");
		}
	}

	@Test
	void startWhenRunFromTheAotGeneratedCodeWithNoProjectIdThenTheDevEmulatorStaysOffAndTheAnalysisSaysSo(
			@TempDir Path temp) throws Exception {
		Path output = temp.resolve("output.txt");
		Process process = launch(output);
		boolean exited = process.waitFor(2, TimeUnit.MINUTES);
		String log = Files.readString(output).replace("\r\n", "\n");

		assertThat(exited).as(log).isTrue();
		assertThat(process.exitValue()).as(log).isNotZero();
		assertThat(log).contains("Starting AOT-processed SampleApplication")
			.doesNotContain("running on the Descope emulator")
			.contains("APPLICATION FAILED TO START")
			.contains("The Descope nOTP starter needs a Descope project id, and descope.project-id is not set.")
			.contains("runs from AOT-generated code");
	}

	/**
	 * Starts the packaged sample from its AOT-generated code and waits for its port.
	 * @param args the application's arguments
	 * @return the port and the log up to the start
	 */
	private Started start(String... args) throws Exception {
		Process process = launch(null, args);
		CompletableFuture<Integer> port = new CompletableFuture<>();
		StringBuilder log = new StringBuilder();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					synchronized (log) {
						log.append(line).append('\n');
					}
					Matcher started = STARTED.matcher(line);
					if (started.find()) {
						port.complete(Integer.parseInt(started.group(1)));
					}
				}
				port.completeExceptionally(new IllegalStateException("The application stopped:\n" + log));
			}
			catch (IOException ex) {
				port.completeExceptionally(ex);
			}
		}, "aot-sample-log");
		reader.setDaemon(true);
		reader.start();
		int number = port.get(2, TimeUnit.MINUTES);
		synchronized (log) {
			return new Started(number, log.toString());
		}
	}

	/**
	 * Launches the packaged sample with {@code -Dspring.aot.enabled=true}.
	 * @param output the file its output goes to, or {@code null} to read it from the
	 * process
	 * @param args the application's arguments
	 * @return the process
	 */
	private Process launch(@Nullable Path output, String... args) throws IOException {
		Path jar = Path.of(System.getProperty("basedir", "."), "target", "descope-notp-sample-exec.jar");
		assertThat(jar).as("the packaged sample (mvn package)").exists();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dspring.aot.enabled=true",
						"-jar", jar.toString(), "--server.port=0", "--spring.main.banner-mode=off"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (output != null) {
			builder.redirectOutput(output.toFile());
		}
		builder.environment().keySet().removeIf((name) -> name.startsWith("DESCOPE_"));
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private record Started(int port, String log) {

	}

}
