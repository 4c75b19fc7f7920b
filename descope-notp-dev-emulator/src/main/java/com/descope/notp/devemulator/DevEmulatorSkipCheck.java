package com.descope.notp.devemulator;

import java.util.List;

import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.util.ClassUtils;

/**
 * Tells whether the application is being run by a test, as Spring Boot's Docker Compose
 * support tells it: a JUnit {@code Test} annotation on the class path and a test
 * framework (JUnit, Spring Boot's test support, Cucumber) or the AOT processor in the
 * call stack of the thread starting the application.
 */
final class DevEmulatorSkipCheck {

	private static final List<String> TEST_CLASSES = List.of("org.junit.jupiter.api.Test", "org.junit.Test");

	private static final List<String> TEST_STACK_PREFIXES = List.of("org.junit.runners.", "org.junit.platform.",
			"org.springframework.boot.test.", SpringApplicationAotProcessor.class.getName(), "cucumber.runtime.");

	/**
	 * Whether the emulator stays off.
	 * @param classLoader the application's class loader
	 * @param skip the skip settings
	 * @return {@code true} when {@code skip.in-tests} is on and the application is being
	 * run by a test
	 */
	boolean shouldSkip(ClassLoader classLoader, DevEmulatorProperties.Skip skip) {
		return skip.isInTests() && hasTestClass(classLoader) && calledFromATest();
	}

	private static boolean hasTestClass(ClassLoader classLoader) {
		return TEST_CLASSES.stream().anyMatch((name) -> ClassUtils.isPresent(name, classLoader));
	}

	private static boolean calledFromATest() {
		for (StackTraceElement element : Thread.currentThread().getStackTrace()) {
			for (String prefix : TEST_STACK_PREFIXES) {
				if (element.getClassName().startsWith(prefix)) {
					return true;
				}
			}
		}
		return false;
	}

}
