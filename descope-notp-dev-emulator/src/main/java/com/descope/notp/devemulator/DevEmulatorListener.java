package com.descope.notp.devemulator;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.util.StringUtils;

/**
 * Starts the Descope emulator for an application that has no Descope project, when its
 * context is prepared (bean definitions loaded, not yet refreshed), as Spring Boot's
 * {@code DockerComposeListener} starts the services of {@code compose.yaml}.
 *
 * <p>
 * It starts one when {@code descope.project-id} is blank,
 * {@code descope.dev-emulator.enabled} is on, the application is not being run by a test
 * (unless {@code descope.dev-emulator.skip.in-tests=false}), and neither AOT processing
 * nor AOT-generated code is at work. It registers the {@link DescopeEmulator} as the
 * singleton {@value #EMULATOR_BEAN_NAME}, closed when the context closes and when the
 * start-up fails, and a {@link DescopeConnectionDetails} bean pointing at it, which the
 * starter's client reads instead of the {@code descope.*} properties. Then it logs, in
 * one {@code INFO} message, the emulator's URL, its project id and the seeded numbers
 * with their roles. When the application turns out to define a
 * {@link DescopeConnectionDetails} bean of its own, the emulator stops again before any
 * bean uses it, and that bean applies.
 */
class DevEmulatorListener implements SmartApplicationListener {

	static final String EMULATOR_BEAN_NAME = "descopeEmulator";

	static final String CONNECTION_DETAILS_BEAN_NAME = "descopeDevEmulatorConnectionDetails";

	private static final Log logger = LogFactory.getLog(DevEmulatorListener.class);

	private final DevEmulatorSkipCheck skipCheck = new DevEmulatorSkipCheck();

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationPreparedEvent prepared) {
			startIfNeeded(prepared.getApplicationContext());
		}
		else if (event instanceof ApplicationFailedEvent failed && failed.getApplicationContext() != null) {
			closeAfterFailure(failed.getApplicationContext());
		}
	}

	private void startIfNeeded(ConfigurableApplicationContext context) {
		if (Boolean.getBoolean("spring.aot.processing") || AotDetector.useGeneratedArtifacts()) {
			logger.trace("The Descope emulator does not start with AOT processing or AOT-generated code");
			return;
		}
		Binder binder = Binder.get(context.getEnvironment());
		if (StringUtils.hasText(binder.bind("descope.project-id", String.class).orElse(null))) {
			logger.trace("descope.project-id is set: the Descope emulator does not start");
			return;
		}
		DevEmulatorProperties properties = DevEmulatorProperties.get(binder);
		if (!properties.isEnabled()) {
			logger.trace("descope.dev-emulator.enabled is false: the Descope emulator does not start");
			return;
		}
		if (this.skipCheck.shouldSkip(context.getClassLoader(), properties.getSkip())) {
			logger.trace("Run by a test: the Descope emulator does not start (descope.dev-emulator.skip.in-tests)");
			return;
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory.containsBean(EMULATOR_BEAN_NAME)) {
			// this context, or a parent, already has one
			return;
		}
		DescopeEmulator emulator = DescopeEmulator.start();
		beanFactory.registerSingleton(EMULATOR_BEAN_NAME, emulator);
		// destroyed with the context, and when the refresh fails, so the JVM can exit
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(EMULATOR_BEAN_NAME, emulator::close);
		beanFactory.registerSingleton(CONNECTION_DETAILS_BEAN_NAME, new DevEmulatorConnectionDetails(emulator));
		logger.info(startedMessage(emulator));
		context.addBeanFactoryPostProcessor(DevEmulatorListener::standDownForOwnConnectionDetails);
	}

	/**
	 * Stops the emulator, before any bean uses it, when the application defines a
	 * {@link DescopeConnectionDetails} bean of its own (known only once its configuration
	 * classes are read): that bean names the project, as {@code descope.project-id}
	 * would. Runs after every bean definition is registered, before any bean is made.
	 * @param beanFactory the application's bean factory
	 */
	private static void standDownForOwnConnectionDetails(ConfigurableListableBeanFactory beanFactory) {
		List<String> own = Arrays
			.stream(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, DescopeConnectionDetails.class,
					true, false))
			.filter((name) -> !name.equals(CONNECTION_DETAILS_BEAN_NAME))
			.toList();
		if (own.isEmpty() || !(beanFactory instanceof DefaultSingletonBeanRegistry registry)) {
			return;
		}
		registry.destroySingleton(CONNECTION_DETAILS_BEAN_NAME);
		// closes the emulator
		registry.destroySingleton(EMULATOR_BEAN_NAME);
		logger.info("The application defines a " + DescopeConnectionDetails.class.getSimpleName() + " bean of its own "
				+ own + ": the Descope emulator stopped, and the application uses that bean's project");
	}

	/**
	 * Closes the emulator of a start-up that failed before the context was refreshed
	 * (after a failed refresh the context has closed it already).
	 * @param context the context of the failed start-up
	 */
	private static void closeAfterFailure(ConfigurableApplicationContext context) {
		if (context.getBeanFactory().getSingleton(EMULATOR_BEAN_NAME) instanceof DescopeEmulator emulator) {
			emulator.close();
		}
	}

	private static String startedMessage(DescopeEmulator emulator) {
		String users = emulator.users().stream().map(DevEmulatorListener::describe).collect(Collectors.joining(", "));
		return "No descope.project-id is set: running on the Descope emulator at " + emulator.baseUrl()
				+ ", project id " + emulator.projectId() + ". Seeded numbers: " + users
				+ "; any other number signs up. The WhatsApp link of a sign-in opens the emulator's page, "
				+ "where sending the message confirms it. Set descope.project-id to use a Descope project.";
	}

	/**
	 * A seeded user, for the log.
	 * @param user the user
	 * @return for example {@code +15555550100 (Alice Admin, roles [admin, user])}
	 */
	private static String describe(EmulatedUser user) {
		String number = (user.phone() != null) ? user.phone() : String.join(" ", user.loginIds());
		String roles = user.roles().isEmpty() ? "no roles" : "roles " + user.roles();
		return number + " (" + ((user.name() != null) ? user.name() + ", " : "") + roles + ")";
	}

}
