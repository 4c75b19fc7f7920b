package com.descope.notp.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.jwt.DescopeJwtClaims.TenantAuthorization;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Java serialization of what the starter keeps in an HTTP session, for a native image
 * whose sessions are serialized (Spring Session's default for Redis, a servlet
 * container's persistent sessions): the {@link DescopeAuthenticationToken} of the
 * {@code SecurityContext} with its {@link DescopePrincipal} and
 * {@link TenantAuthorization}s, the stored {@link DescopeTokens}, the
 * {@link PendingFlow}s with their {@link NotpMethod}, and the JDK's serial forms of the
 * immutable lists, maps and instants they hold. Spring Security's types in them (the
 * {@code Jwt}, the authorities, the request details) and the JDK's collections are
 * registered by Spring Session's own hints. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class SessionSerializationRuntimeHints implements RuntimeHintsRegistrar {

	/** The starter's types in a serialized session. */
	static final List<Class<?>> SESSION_TYPES = List.of(DescopeAuthenticationToken.class, DescopePrincipal.class,
			TenantAuthorization.class, DescopeTokens.class, PendingFlow.class, NotpMethod.class);

	/** The classes those values carry that Spring Session's hints do not list. */
	static final List<Class<?>> CARRIED_TYPES = List.of(AbstractOAuth2TokenAuthenticationToken.class,
			AbstractOAuth2Token.class, Jwt.class, FactorGrantedAuthority.class, HashMap.class, LinkedHashMap.class,
			Enum.class);

	/**
	 * The JDK's private classes among them: the unmodifiable map of a JWT's claims, the
	 * serial forms of immutable collections ({@code List.of}) and of instants.
	 */
	static final List<String> JDK_SERIAL_FORMS = List.of("java.util.Collections$UnmodifiableMap", "java.util.CollSer",
			"java.time.Ser");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> type : SESSION_TYPES) {
			hints.serialization().registerType(TypeReference.of(type));
		}
		for (Class<?> type : CARRIED_TYPES) {
			hints.serialization().registerType(TypeReference.of(type));
		}
		for (String type : JDK_SERIAL_FORMS) {
			hints.serialization().registerType(TypeReference.of(type));
		}
	}

}
