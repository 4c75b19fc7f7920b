package com.descope.notp.security;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.HttpSecurityBuilder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How the starter's configurers find a collaborator, as Spring Security's own configurers
 * do ({@code OneTimeTokenLoginConfigurer}'s {@code getX()} methods): the value given to
 * the DSL, else a unique bean of its type in the application context, else a default.
 */
public final class Collaborators {

	private Collaborators() {
	}

	/**
	 * The unique bean of a type.
	 * @param <T> the type
	 * @param http the security builder, whose shared {@link ApplicationContext} is asked
	 * @param type the type
	 * @return the bean, or {@code null} when there is no context, no such bean or more
	 * than one
	 */
	public static <T> @Nullable T bean(HttpSecurityBuilder<?> http, Class<T> type) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		return (context != null) ? context.getBeanProvider(type).getIfUnique() : null;
	}

	/**
	 * A collaborator that has no default: the DSL value, else the unique bean.
	 * @param <T> the type
	 * @param http the security builder
	 * @param configured the DSL value, or {@code null}
	 * @param type the type
	 * @return the collaborator
	 * @throws IllegalStateException when neither is there, saying what to configure
	 */
	public static <T> T required(HttpSecurityBuilder<?> http, @Nullable T configured, Class<T> type) {
		if (configured != null) {
			return configured;
		}
		T bean = bean(http, type);
		if (bean == null) {
			throw new IllegalStateException("notpLogin() needs a " + type.getSimpleName()
					+ ": set descope.project-id so the auto-configuration provides one, or pass one to the DSL");
		}
		return bean;
	}

	/**
	 * A shared object of the chain, or a default.
	 * @param <T> the type
	 * @param http the security builder
	 * @param type the shared object's type
	 * @param fallback the default
	 * @return the shared object, or {@code fallback}
	 */
	public static <T> T sharedOrDefault(HttpSecurityBuilder<?> http, Class<T> type, T fallback) {
		T shared = http.getSharedObject(type);
		return (shared != null) ? shared : fallback;
	}

	/**
	 * Where application events go: the shared {@link ApplicationContext}, else nowhere.
	 * @param http the security builder
	 * @return the publisher
	 */
	public static ApplicationEventPublisher applicationEvents(HttpSecurityBuilder<?> http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		return (context != null) ? context : (event) -> {
		};
	}

	/**
	 * The registry the starter's observations go to: the unique
	 * {@link ObservationRegistry} bean, else none.
	 * @param http the security builder
	 * @return the registry, {@link ObservationRegistry#NOOP} when there is none
	 */
	public static ObservationRegistry observationRegistry(HttpSecurityBuilder<?> http) {
		ObservationRegistry registry = bean(http, ObservationRegistry.class);
		return (registry != null) ? registry : ObservationRegistry.NOOP;
	}

	/**
	 * An authentication manager a configurer built, post-processed as Spring Security
	 * post-processes the chain's own: by the unique
	 * {@code ObjectPostProcessor<AuthenticationManager>} bean, which
	 * {@code @EnableWebSecurity} declares to wrap it in an
	 * {@code ObservationAuthenticationManager} when there is an
	 * {@link ObservationRegistry} (the {@code spring.security.authentications}
	 * observation).
	 * @param http the security builder
	 * @param manager the manager
	 * @return the post-processed manager, or {@code manager} when there is no such bean
	 */
	public static AuthenticationManager postProcess(HttpSecurityBuilder<?> http, AuthenticationManager manager) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		if (context == null) {
			return manager;
		}
		ResolvableType type = ResolvableType.forClassWithGenerics(ObjectPostProcessor.class,
				AuthenticationManager.class);
		ObjectProvider<ObjectPostProcessor<AuthenticationManager>> postProcessor = context.getBeanProvider(type);
		return postProcessor.getIfUnique(ObjectPostProcessor::identity).postProcess(manager);
	}

	/**
	 * Matches {@code POST} requests to a path of the application.
	 * @param path the path, relative to the context path
	 * @return the matcher
	 */
	public static RequestMatcher post(String path) {
		return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
	}

}
