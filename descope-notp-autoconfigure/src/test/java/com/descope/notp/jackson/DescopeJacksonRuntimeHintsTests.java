package com.descope.notp.jackson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflection hints for the session JSON of {@link DescopeJacksonModule}
 * ({@link DescopeJacksonRuntimeHints}), as the AOT engine gathers them (every registrar
 * of {@code META-INF/spring/aot.factories} on the class path): every class named in the
 * JSON Spring Session writes for a real login's session (the {@code SecurityContext} with
 * the authentication the provider builds, the stored tokens, the pending flows) can be
 * looked up by that name, and Spring Security's among them can be bound (constructors,
 * methods and fields, and those of the mixin the mapper applies to them); the mixin that
 * asks for the names is readable; and each module {@link SecurityJacksonModules} loads by
 * name can be made.
 */
class DescopeJacksonRuntimeHintsTests {

	private static final JsonMapper mapper = DescopeJacksonModule
		.sessionJsonMapper(DescopeJacksonRuntimeHintsTests.class.getClassLoader());

	private static final MemberCategory[] BOUND = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	private static DescopeEmulator emulator;

	private static JwtDecoder decoder;

	private final RuntimeHints hints = new RuntimeHints();

	@BeforeAll
	static void startDescope() {
		emulator = DescopeEmulator.start();
		decoder = DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(emulator.signingKey().toPublicJWK()), emulator.projectId())
			.build();
	}

	@AfterAll
	static void stopDescope() {
		emulator.close();
	}

	@BeforeEach
	void registerHints() {
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void sessionWhenWrittenAsJsonThenEveryClassItNamesCanBeLookedUpAndBound() {
		Set<String> named = classNamesInSessionJson();

		assertThat(named).contains(DescopeAuthenticationToken.class.getName(), DescopeTokens.class.getName(),
				PendingFlow.class.getName(), SecurityContextImpl.class.getName(),
				WebAuthenticationDetails.class.getName());
		assertThat(named).allSatisfy((name) -> {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(name))).as(name).accepts(this.hints);
			Class<?> type = ClassUtils.resolveClassName(name, getClass().getClassLoader());
			if (type.getName().startsWith("org.springframework.security.")) {
				// bound as a bean, or through the mixin the mapper applies to it
				assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategories(BOUND)).as(name)
					.accepts(this.hints);
				Class<?> mixin = mapper.deserializationConfig().findMixInClassFor(type);
				if (mixin != null) {
					assertThat(RuntimeHintsPredicates.reflection().onType(mixin).withMemberCategories(BOUND))
						.as(mixin.getName())
						.accepts(this.hints);
				}
			}
		});
	}

	@Test
	void sessionTypesWhenNamedInJsonThenAllRegistered() {
		Set<String> named = classNamesInSessionJson();

		assertThat(DescopeJacksonRuntimeHints.SESSION_TYPES)
			.allSatisfy((type) -> assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName())
				.accepts(this.hints));
		assertThat(named).filteredOn((name) -> name.startsWith("com.descope."))
			.allSatisfy((name) -> assertThat(DescopeJacksonRuntimeHints.SESSION_TYPES).extracting(Class::getName)
				.contains(name));
	}

	/**
	 * The class names in the JSON Spring Session writes for the values a login puts in
	 * the session: the {@code SecurityContext}, the stored tokens, the pending flows.
	 * @return the names
	 */
	private static Set<String> classNamesInSessionJson() {
		GenericJacksonJsonRedisSerializer serializer = new GenericJacksonJsonRedisSerializer(mapper);
		Instant now = Instant.parse("2026-05-01T10:15:30Z");
		LinkedHashMap<String, PendingFlow> flows = new LinkedHashMap<>();
		flows.put("ref-claimed", new PendingFlow("ref-claimed", NotpMethod.SIGN_IN, now, now.plusSeconds(600))
			.withClaimedAt(now.plusSeconds(3)));
		List<Object> session = List.of(new SecurityContextImpl(login()), new DescopeTokens("session.jwt", "refresh.jwt",
				now.plusSeconds(600), now.plusSeconds(86400), null, "/"), flows);
		Set<String> named = new LinkedHashSet<>();
		for (Object value : session) {
			collectClassNames(mapper.readTree(new String(serializer.serialize(value), StandardCharsets.UTF_8)), named);
		}
		return named;
	}

	@Test
	void typeIdMixinWhenReadForItsAnnotationThenRegistered() {
		assertThat(DescopeJacksonModule.Typed.class.getAnnotation(JsonTypeInfo.class).use())
			.isEqualTo(JsonTypeInfo.Id.CLASS);

		assertThat(RuntimeHintsPredicates.reflection().onType(DescopeJacksonModule.Typed.class)).accepts(this.hints);
	}

	@Test
	void securityModulesWhenLoadedByNameThenTheirConstructorsCanBeInvoked() {
		List<JacksonModule> modules = SecurityJacksonModules.getModules(getClass().getClassLoader(),
				BasicPolymorphicTypeValidator.builder());
		List<JacksonModule> loadedByName = modules.stream()
			.filter((module) -> !module.getClass().isAnonymousClass())
			.toList();
		assertThat(loadedByName).extracting((module) -> module.getClass().getName())
			.contains("org.springframework.security.jackson.CoreJacksonModule",
					"org.springframework.security.web.jackson.WebServletJacksonModule")
			.isSubsetOf(DescopeJacksonRuntimeHints.SECURITY_MODULES);

		assertThat(loadedByName).allSatisfy((module) -> assertThat(RuntimeHintsPredicates.reflection()
			.onType(module.getClass())
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).as(module.getClass().getName())
			.accepts(this.hints));
	}

	/**
	 * Collects the class names a tree names: in {@code @class} properties, and first in a
	 * two-element {@code [class name, value]} array (how Jackson types a collection).
	 * @param node the tree
	 * @param names the names found
	 */
	private static void collectClassNames(JsonNode node, Set<String> names) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (property.getKey().equals("@class")) {
					names.add(property.getValue().asString());
				}
				else {
					collectClassNames(property.getValue(), names);
				}
			}
		}
		else if (node.isArray()) {
			if (node.size() == 2 && node.get(0).isString() && node.get(1).isContainer()) {
				names.add(node.get(0).asString());
			}
			for (JsonNode element : node) {
				collectClassNames(element, names);
			}
		}
	}

	/** The authentication the provider builds for a WhatsApp login. */
	private static DescopeAuthenticationToken login() {
		EmulatedUser user = emulator.users().get(0);
		Jwt jwt = decoder.decode(emulator.issueSessionJwt(user));
		DescopeUser descopeUser = new DescopeUser(jwt.getSubject(), user.loginIds(), user.name(), null, null, null,
				null, null, user.phone(), true, user.roles(), List.of(), List.of(), "enabled", null, Map.of());
		DescopeAuthenticationToken authentication = new DescopeJwtAuthenticationConverter().convert(jwt, descopeUser,
				emulator.issueRefreshJwt(user));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("203.0.113.7");
		request.getSession();
		authentication.setDetails(new WebAuthenticationDetails(request));
		return authentication;
	}

}
