package com.descope.notp.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user's application is packaged, without the development-time emulator
 * (declared optional, {@code descope-notp-dev-emulator} stays out of the jar): run in a
 * JVM of its own with no {@code descope.project-id}, it refuses to start, and Spring
 * Boot's failure report carries the starter's analysis, naming the property to set and
 * the development-time dependency.
 */
class PackagedWithoutDevEmulatorTests {

	private static final String DEV_EMULATOR = "descope-notp-dev-emulator";

	@Test
	void startWhenPackagedWithoutTheDevEmulatorAndNoProjectIdThenRefusesWithTheFailureAnalysis(@TempDir Path temp)
			throws Exception {
		List<String> testClassPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
		assertThat(testClassPath).as("the tests run with the dev-time emulator")
			.anyMatch((entry) -> entry.contains(DEV_EMULATOR));
		// a packaged application has neither the dev-time emulator nor test classes
		String classPath = testClassPath.stream()
			.filter((entry) -> !entry.contains(DEV_EMULATOR) && !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		Path output = temp.resolve("output.txt");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, SampleApplication.class.getName(), "--server.port=0", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("DESCOPE_"));

		Process process = builder.start();
		boolean exited = process.waitFor(5, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly().waitFor();
		}

		String log = Files.readString(output).replace("\r\n", "\n");
		assertThat(exited).as("the application exited:%n%s", log).isTrue();
		assertThat(process.exitValue()).as(log).isNotZero();
		assertThat(log).doesNotContain("Descope emulator started")
			.contains("APPLICATION FAILED TO START")
			.contains("Description:\n\nThe Descope nOTP starter needs a Descope project id, "
					+ "and descope.project-id is not set.")
			.contains("Action:\n\nSet descope.project-id to your project's id")
			.contains("or with the environment variable DESCOPE_PROJECT_ID")
			.contains("add com.descope.notp:descope-notp-dev-emulator as an optional dependency");
	}

}
