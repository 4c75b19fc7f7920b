package com.descope.notp.test.autoconfigure;

import java.util.List;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.test.DescopeEmulator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts the Descope emulator of a {@link DescopeEmulatorTest} class with its application
 * context and points the starter at it.
 */
final class DescopeEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, DescopeEmulatorTest.class)) {
			return null;
		}
		return new EmulatorCustomizer(contextOwner(testClass));
	}

	/**
	 * The class whose application context a test class shares: for a {@code @Nested}
	 * class that inherits its enclosing class's configuration, that of the outermost such
	 * class, so it runs on the same application and emulator as the class it is in.
	 * @param testClass the test class
	 * @return the test class, or the outermost class it inherits its configuration from
	 */
	private static Class<?> contextOwner(Class<?> testClass) {
		Class<?> owner = testClass;
		while (TestContextAnnotationUtils.searchEnclosingClass(owner)) {
			owner = owner.getEnclosingClass();
		}
		return owner;
	}

	/**
	 * Registers a new emulator (closed with the context) and its connection details,
	 * primary, so the application runs on the emulator also when it defines a
	 * {@link DescopeConnectionDetails} bean of its own. Equal for one test class (and its
	 * {@code @Nested} classes) only, so each class gets its own context and emulator.
	 *
	 * @param testClass the test class, or for a {@code @Nested} class the class it is in
	 */
	private record EmulatorCustomizer(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			DescopeEmulator emulator = DescopeEmulator.start();
			DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
			beanFactory.registerSingleton("descopeEmulator", emulator);
			// destroyed on a failed start-up too, so no emulator outlives its context
			beanFactory.registerDisposableBean("descopeEmulator", emulator::close);
			RootBeanDefinition connectionDetails = new RootBeanDefinition(EmulatorConnectionDetails.class,
					() -> new EmulatorConnectionDetails(emulator));
			connectionDetails.setPrimary(true);
			beanFactory.registerBeanDefinition("descopeEmulatorConnectionDetails", connectionDetails);
		}

	}

	/**
	 * The connection details of an emulator.
	 *
	 * @param emulator the emulator
	 */
	private record EmulatorConnectionDetails(DescopeEmulator emulator) implements DescopeConnectionDetails {

		@Override
		public String getProjectId() {
			return this.emulator.projectId();
		}

		@Override
		public String getBaseUrl() {
			return this.emulator.baseUrl();
		}

	}

}
