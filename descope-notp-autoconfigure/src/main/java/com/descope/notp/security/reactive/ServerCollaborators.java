package com.descope.notp.security.reactive;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

/**
 * How the reactive specs find a collaborator, as the servlet side's {@code Collaborators}
 * does: the value given to the DSL, else a unique bean of its type in the application
 * context, else a default. {@code ServerHttpSecurity} shares no application context with
 * its customisers, so the specs are given it ({@code ServerNotpLoginSpec}, made as a
 * prototype bean by the auto-configuration, is).
 */
public final class ServerCollaborators {

	private ServerCollaborators() {
	}

	/**
	 * The unique bean of a type.
	 * @param <T> the type
	 * @param context the application context, or {@code null}
	 * @param type the type
	 * @return the bean, or {@code null} when there is no context, no such bean or more
	 * than one
	 */
	public static <T> @Nullable T bean(@Nullable ApplicationContext context, Class<T> type) {
		return (context != null) ? context.getBeanProvider(type).getIfUnique() : null;
	}

}
