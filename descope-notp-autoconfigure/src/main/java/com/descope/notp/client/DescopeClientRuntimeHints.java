package com.descope.notp.client;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The records {@link DescopeClient}'s JSON mapper binds reflectively, for a native image:
 * the answers it reads ({@link JwtResponse} with its {@link DescopeUser} and
 * {@link DescopeUser.UserTenant}s, {@link NotpLinkResponse}, {@link DescopeUser} of
 * {@code /v1/auth/me}) and the request members it writes ({@link LoginOptions},
 * {@link SignUpUser}); Spring's {@link BindingReflectionHintsRegistrar} registers each
 * record's canonical constructor and accessors and, the same way, the records they hold.
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class DescopeClientRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindings.registerReflectionHints(hints.reflection(), JwtResponse.class, NotpLinkResponse.class,
				DescopeUser.class, LoginOptions.class, SignUpUser.class);
	}

}
