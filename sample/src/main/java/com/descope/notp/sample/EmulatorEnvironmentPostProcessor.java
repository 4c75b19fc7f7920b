package com.descope.notp.sample;

import java.util.Map;

import com.descope.notp.test.DescopeEmulator;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Runs the sample on the built-in Descope emulator when no {@code descope.project-id} is
 * configured: starts a {@link DescopeEmulator} on a free loopback port, points
 * {@code descope.project-id} and {@code descope.base-url} at it, registers it as a bean
 * (tests can inject it to confirm logins), and stops it with the application. With a
 * project id set, nothing happens and the real Descope is used.
 */
class EmulatorEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "descopeEmulator";

	private final Log logger;

	EmulatorEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmulatorEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("descope.project-id"))
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		DescopeEmulator emulator = DescopeEmulator.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("descope.project-id", emulator.projectId(), "descope.base-url", emulator.baseUrl())));
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton("descopeEmulator", emulator);
			// a disposable bean is destroyed on a failed start-up too, so the JVM can
			// exit
			((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("descopeEmulator",
					emulator::close);
		});
		this.logger.info("No descope.project-id is set: running on the Descope emulator at " + emulator.baseUrl()
				+ ". Open /login/notp, follow the WhatsApp link and confirm. Seeded users: +15555550100 (admin), "
				+ "+15555550101.");
	}

}
