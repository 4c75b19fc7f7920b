package com.descope.notp.jackson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.PendingFlow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.ClassUtils;

/**
 * What {@link DescopeJacksonModule#sessionJsonMapper} looks up and binds reflectively,
 * for a native image:
 * <ul>
 * <li>the starter's session types, named in {@code @class} and looked up by that name
 * when read (their own (de)serializers write and read their members, so no member needs
 * reflection), and the mixin whose annotation asks for the name;</li>
 * <li>the JDK collections the session JSON names ({@code ArrayList} of the authorities,
 * {@code LinkedHashMap} of the pending flows);</li>
 * <li>Spring Security's types in the starter's session values (the
 * {@code SecurityContext}, the role and factor authorities, the request details when
 * Spring Security's web support is present), bound through the mixins of Spring
 * Security's Jackson modules: each with its constructors, methods and fields, and so is
 * the mixin the mapper applies to it;</li>
 * <li>the modules {@link SecurityJacksonModules} loads by name and makes with their
 * public constructor.</li>
 * </ul>
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class DescopeJacksonRuntimeHints implements RuntimeHintsRegistrar {

	/** The starter's session types, named in {@code @class}. */
	static final List<Class<?>> SESSION_TYPES = List.of(DescopeAuthenticationToken.class, DescopePrincipal.class,
			Jwt.class, DescopeTokens.class, PendingFlow.class);

	/** The JDK collections the session JSON names. */
	static final List<Class<?>> COLLECTION_TYPES = List.of(ArrayList.class, LinkedHashMap.class);

	/** Spring Security's types in the starter's session values, by name. */
	static final List<String> SECURITY_TYPES = List.of(SecurityContextImpl.class.getName(),
			SimpleGrantedAuthority.class.getName(), FactorGrantedAuthority.class.getName(),
			"org.springframework.security.web.authentication.WebAuthenticationDetails");

	/** The modules {@link SecurityJacksonModules} loads by name. */
	static final List<String> SECURITY_MODULES = List.of("org.springframework.security.jackson.CoreJacksonModule",
			"org.springframework.security.web.jackson.WebJacksonModule",
			"org.springframework.security.web.jackson.WebServletJacksonModule",
			"org.springframework.security.web.server.jackson.WebServerJacksonModule",
			"org.springframework.security.cas.jackson.CasJacksonModule",
			"org.springframework.security.ldap.jackson.LdapJacksonModule");

	private static final MemberCategory[] BOUND = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> type : SESSION_TYPES) {
			hints.reflection().registerType(type);
		}
		hints.reflection().registerType(DescopeJacksonModule.Typed.class);
		for (Class<?> type : COLLECTION_TYPES) {
			hints.reflection().registerType(type);
		}
		JsonMapper mapper = DescopeJacksonModule
			.sessionJsonMapper((classLoader != null) ? classLoader : DescopeJacksonRuntimeHints.class.getClassLoader());
		for (String name : SECURITY_TYPES) {
			if (ClassUtils.isPresent(name, classLoader)) {
				Class<?> type = ClassUtils.resolveClassName(name, classLoader);
				hints.reflection().registerType(type, BOUND);
				Class<?> mixin = mapper.deserializationConfig().findMixInClassFor(type);
				if (mixin != null) {
					hints.reflection().registerType(mixin, BOUND);
				}
			}
		}
		for (String module : SECURITY_MODULES) {
			if (ClassUtils.isPresent(module, classLoader)) {
				hints.reflection().registerType(TypeReference.of(module), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
			}
		}
	}

}
