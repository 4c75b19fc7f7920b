package com.descope.notp.test.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.security.TestApplication;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DescopeEmulatorTest} over the life of test classes, each run here by the JUnit
 * Platform launcher as a build runs them: two classes one after the other each get their
 * own emulator, the first closed before the second starts, and the second closed after
 * it; a {@code @Nested} class runs on the emulator of its enclosing class.
 */
class DescopeEmulatorTestLifecycleTests {

	/**
	 * Set by the launcher of these tests only, so the build's own run skips the classes.
	 */
	private static final String LAUNCHED = "descope.emulator-test.lifecycle-tests";

	private static final List<String> events = new ArrayList<>();

	private static final List<DescopeEmulator> emulators = new ArrayList<>();

	@Test
	void classesWhenRunOneAfterTheOtherThenEachItsOwnEmulatorClosedAfterIt() {
		TestExecutionSummary summary = launch(FirstClass.class, SecondClass.class);

		assertThat(summary.getFailures()).isEmpty();
		assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
		assertThat(emulators).hasSize(2).doesNotHaveDuplicates();
		assertThat(events).containsExactly("first: its own emulator answers",
				"second: its own emulator answers, the first class's is closed");
		assertThat(emulators).allSatisfy((emulator) -> assertThat(answers(emulator)).isFalse());
	}

	@Test
	void nestedClassWhenInsideAnEmulatorTestThenTheEnclosingClasssEmulatorAndApplication() {
		TestExecutionSummary summary = launch(EnclosingClass.class);

		assertThat(summary.getFailures()).isEmpty();
		assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
		assertThat(emulators).hasSize(2).containsOnly(emulators.get(0));
		assertThat(events).containsExactly("enclosing: the application runs on the emulator",
				"nested: the enclosing emulator, also the application's");
		assertThat(answers(emulators.get(0))).isFalse();
	}

	static boolean launched(ExtensionContext context) {
		return context.getConfigurationParameter(LAUNCHED).isPresent();
	}

	private static TestExecutionSummary launch(Class<?>... testClasses) {
		events.clear();
		emulators.clear();
		LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
			.configurationParameters(Map.of(LAUNCHED, "true", "junit.jupiter.testclass.order.default",
					ClassOrderer.OrderAnnotation.class.getName()));
		for (Class<?> testClass : testClasses) {
			request.selectors(DiscoverySelectors.selectClass(testClass));
		}
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		LauncherFactory.create().execute(request.build(), listener);
		return listener.getSummary();
	}

	/** Whether an emulator still answers HTTP. */
	private static boolean answers(DescopeEmulator emulator) {
		try {
			HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/keys/" + emulator.projectId()))
					.build(), HttpResponse.BodyHandlers.discarding());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootTest(classes = TestApplication.class)
	@DescopeEmulatorTest
	@EnabledIf("com.descope.notp.test.autoconfigure.DescopeEmulatorTestLifecycleTests#launched")
	@Order(1)
	static class FirstClass {

		@Test
		void record(DescopeEmulator emulator) {
			emulators.add(emulator);
			if (answers(emulator)) {
				events.add("first: its own emulator answers");
			}
		}

	}

	@SpringBootTest(classes = TestApplication.class)
	@DescopeEmulatorTest
	@EnabledIf("com.descope.notp.test.autoconfigure.DescopeEmulatorTestLifecycleTests#launched")
	@Order(2)
	static class SecondClass {

		@Test
		void record(DescopeEmulator emulator) {
			DescopeEmulator first = emulators.get(0);
			emulators.add(emulator);
			if (answers(emulator) && !answers(first)) {
				events.add("second: its own emulator answers, the first class's is closed");
			}
		}

	}

	@SpringBootTest(classes = TestApplication.class)
	@DescopeEmulatorTest
	@EnabledIf("com.descope.notp.test.autoconfigure.DescopeEmulatorTestLifecycleTests#launched")
	static class EnclosingClass {

		@Autowired
		DescopeEmulator emulator;

		@Autowired
		DescopeClient client;

		@Test
		void record() {
			emulators.add(this.emulator);
			if (this.client.getBaseUrl().equals(this.emulator.baseUrl())) {
				events.add("enclosing: the application runs on the emulator");
			}
		}

		@Nested
		class NestedClass {

			@Autowired
			DescopeClient nestedClient;

			@Test
			void record(DescopeEmulator parameter) {
				emulators.add(parameter);
				if (parameter == EnclosingClass.this.emulator
						&& this.nestedClient.getBaseUrl().equals(parameter.baseUrl())) {
					events.add("nested: the enclosing emulator, also the application's");
				}
			}

		}

	}

}
