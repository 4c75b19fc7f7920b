package com.descope.notp.jackson;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.PendingFlow;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Jackson 3 support for what the starter keeps in an HTTP session, for session stores
 * that write JSON (Spring Session on Redis with a JSON serializer): the
 * {@link DescopeAuthenticationToken} of the {@code SecurityContext} (with its
 * {@link DescopePrincipal} and session {@link Jwt}), the stored {@link DescopeTokens},
 * and the pending {@link PendingFlow}s. Use it next to Spring Security's modules, which
 * bring the rest of the {@code SecurityContext} (authorities, request details, saved
 * request):
 *
 * <pre>{@code
 * JsonMapper mapper = DescopeJacksonModule.sessionJsonMapper(getClass().getClassLoader());
 * }</pre>
 *
 * <p>
 * Each type is written with its class name in {@code @class} (as Spring Security's own
 * types are), and its own members as plain JSON: lists, maps and instants carry no type
 * information, and the {@code Jwt} is kept as its compact form, rebuilt on reading as the
 * decoder built it ({@link com.descope.notp.jwt.StoredSessionJwts}). The module adds
 * exactly these types to the allow-list of the polymorphic type validator
 * ({@link #configurePolymorphicTypeValidator}); it turns on no default typing itself
 * (Spring Security's {@link SecurityJacksonModules} applies its own, limited to the
 * allow-list). No member holds a login's transient Descope answer.
 */
@SuppressWarnings("serial")
public class DescopeJacksonModule extends SecurityJacksonModule {

	/** The module. */
	public DescopeJacksonModule() {
		super(DescopeJacksonModule.class.getName(), new Version(1, 0, 0, null, null, null));
		addSerializer(DescopeTokens.class, new SessionJson.TokensSerializer());
		addDeserializer(DescopeTokens.class, new SessionJson.TokensDeserializer());
		addSerializer(PendingFlow.class, new SessionJson.FlowSerializer());
		addDeserializer(PendingFlow.class, new SessionJson.FlowDeserializer());
		addSerializer(DescopePrincipal.class, new SessionJson.PrincipalSerializer());
		addDeserializer(DescopePrincipal.class, new SessionJson.PrincipalDeserializer());
		addSerializer(Jwt.class, new SessionJson.JwtSerializer());
		addDeserializer(Jwt.class, new SessionJson.JwtDeserializer());
		addSerializer(DescopeAuthenticationToken.class, new SessionJson.AuthenticationSerializer());
		addDeserializer(DescopeAuthenticationToken.class, new SessionJson.AuthenticationDeserializer());
		setMixInAnnotation(DescopeTokens.class, Typed.class);
		setMixInAnnotation(PendingFlow.class, Typed.class);
		setMixInAnnotation(DescopePrincipal.class, Typed.class);
		setMixInAnnotation(Jwt.class, Typed.class);
		setMixInAnnotation(DescopeAuthenticationToken.class, Typed.class);
	}

	/**
	 * Allows the starter's session types, and nothing else, to be named in
	 * {@code @class}.
	 * @param builder the validator's builder, shared with Spring Security's modules
	 */
	@Override
	public void configurePolymorphicTypeValidator(BasicPolymorphicTypeValidator.Builder builder) {
		builder.allowIfSubType(DescopeAuthenticationToken.class)
			.allowIfSubType(DescopePrincipal.class)
			.allowIfSubType(Jwt.class)
			.allowIfSubType(DescopeTokens.class)
			.allowIfSubType(PendingFlow.class);
	}

	/**
	 * A JSON mapper for HTTP sessions: Spring Security's modules
	 * ({@link SecurityJacksonModules#getModules(ClassLoader, BasicPolymorphicTypeValidator.Builder)})
	 * and this one, sharing one type allow-list. Give it to Spring Data Redis'
	 * {@code GenericJacksonJsonRedisSerializer} as Spring Session's
	 * {@code springSessionDefaultRedisSerializer}, or let the starter do so with
	 * {@code descope.spring-session.json=true}.
	 * @param classLoader the class loader Spring Security's modules are looked up with
	 * @return the mapper
	 */
	public static JsonMapper sessionJsonMapper(ClassLoader classLoader) {
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder();
		DescopeJacksonModule descope = new DescopeJacksonModule();
		descope.configurePolymorphicTypeValidator(types);
		JsonMapper.Builder builder = JsonMapper.builder();
		builder.addModule(descope);
		for (JacksonModule module : SecurityJacksonModules.getModules(classLoader, types)) {
			builder.addModule(module);
		}
		return builder.build();
	}

	/** Writes the class name in {@code @class}, as Spring Security's mixins do. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	abstract static class Typed {

	}

}
