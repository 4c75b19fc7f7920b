package com.descope.notp.core;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.limits.InMemoryKeyedRateLimiter;
import com.descope.notp.limits.RateLimit;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflection hints for the classes Caffeine looks up by name
 * ({@link CaffeineCacheRuntimeHints}), as the AOT engine gathers them (every registrar of
 * {@code META-INF/spring/aot.factories}): the starter's components are made and used
 * against the Descope emulator (a session JWT decoded and converted, a refresh, a start
 * limit taken), every Caffeine cache they hold is found by walking their fields, and the
 * generated cache class of each (found by name, made through its static {@code FACTORY})
 * and its node class (made with its constructor) are registered.
 */
class CaffeineCacheRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	private DescopeEmulator emulator;

	private DescopeClient client;

	@BeforeEach
	void setUp() {
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
		this.emulator = DescopeEmulator.start();
		this.client = DescopeClient.builder(this.emulator.projectId()).baseUrl(this.emulator.baseUrl()).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void cachesWhenTheStartersComponentsAreUsedThenTheirGeneratedClassesAreRegistered() throws Exception {
		EmulatedUser user = this.emulator.users().get(0);
		JwtDecoder decoder = DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(this.emulator.signingKey().toPublicJWK()), this.emulator.projectId())
			.build();
		Jwt jwt = decoder.decode(this.emulator.issueSessionJwt(user));
		DescopeJwtAuthenticationConverter converter = new DescopeJwtAuthenticationConverter();
		converter.convert(jwt);
		DescopeSessionManager sessions = new DescopeSessionManager(this.client, decoder);
		assertThat(sessions.refresh(this.emulator.issueRefreshJwt(user), null))
			.isInstanceOf(RefreshResult.Refreshed.class);
		InMemoryKeyedRateLimiter limiter = new InMemoryKeyedRateLimiter();
		limiter.tryAcquire("starts", new RateLimit(5, Duration.ofMinutes(1)));

		Map<String, Cache<?, ?>> caches = caches(List.of(decoder, converter, sessions, limiter));

		assertThat(caches.keySet()).containsExactlyInAnyOrder("com.descope.notp.jwt.CachingJwtDecoder.cache",
				"com.descope.notp.jwt.NimbusSessionJwtDecoder.headers",
				"com.descope.notp.jwt.KeyIdJwsKeySelector.publicKeys",
				"com.descope.notp.core.DescopeJwtAuthenticationConverter.conversions",
				"com.descope.notp.core.DescopeSessionManager.inFlight",
				"com.descope.notp.limits.InMemoryKeyedRateLimiter.limiters");
		caches.forEach((field, cache) -> {
			Class<?> cacheClass = cache.asMap().getClass();
			Class<?> nodeClass = nodeFactoryOf(cache.asMap()).getClass();
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(cacheClass)
				.withMemberCategories(MemberCategory.ACCESS_DECLARED_FIELDS,
						MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as("%s: %s", field, cacheClass.getName())
				.accepts(this.hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(nodeClass)
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as("%s: %s", field, nodeClass.getName())
				.accepts(this.hints);
		});
	}

	/**
	 * The Caffeine caches the given objects hold, in their fields or in the fields of the
	 * starter's (and Nimbus') objects they hold.
	 * @param roots the objects to start from
	 * @return each cache by its field, {@code class.field}
	 */
	private static Map<String, Cache<?, ?>> caches(List<Object> roots) throws IllegalAccessException {
		Map<String, Cache<?, ?>> caches = new LinkedHashMap<>();
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Object> pending = new ArrayList<>(roots);
		while (!pending.isEmpty()) {
			Object object = pending.remove(pending.size() - 1);
			if (!seen.add(object)) {
				continue;
			}
			for (Class<?> type = object.getClass(); type != null && walked(type); type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
						continue;
					}
					field.setAccessible(true);
					Object value = field.get(object);
					if (value instanceof Cache<?, ?> cache) {
						caches.put(type.getName() + "." + field.getName(), cache);
					}
					else if (value != null && walked(value.getClass())) {
						pending.add(value);
					}
				}
			}
		}
		return caches;
	}

	/**
	 * Whether the fields of a type are walked: the starter's types, and Nimbus' (its JWT
	 * processor holds the starter's key selector).
	 * @param type the type
	 * @return {@code true} to walk its fields
	 */
	private static boolean walked(Class<?> type) {
		return type.getName().startsWith("com.descope.notp.") || type.getName().startsWith("com.nimbusds.");
	}

	/**
	 * The node factory of a bounded cache: Caffeine's generated node class, read from the
	 * cache's {@code nodeFactory} field.
	 * @param cache the cache's map (the bounded cache itself)
	 * @return the node factory
	 */
	private static Object nodeFactoryOf(Object cache) {
		for (Class<?> type = cache.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField("nodeFactory");
				field.setAccessible(true);
				return field.get(cache);
			}
			catch (NoSuchFieldException ex) {
				// declared by a superclass
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("No node factory in " + cache.getClass().getName());
	}

}
