package com.descope.notp.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The classes Caffeine looks up by name for the starter's caches, for a native image.
 * Caffeine builds each cache from a generated class chosen by the features asked for (key
 * strength, maximum size, expiry...), found with {@code MethodHandles.Lookup} by a name
 * such as {@code SSMSW} and made through its static {@code FACTORY}, and each entry from
 * a generated node class made with its constructor. The starter's caches (the
 * verified-token cache, the decoded headers, the public keys by JWK, the conversions of
 * session JWTs, the refreshes in flight, the start limits' limiters) use the classes
 * listed here, and no others: a cache whose features change needs its new classes here
 * ({@code CaffeineCacheRuntimeHintsTests} finds them). Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class CaffeineCacheRuntimeHints implements RuntimeHintsRegistrar {

	/** The generated cache classes of the starter's caches. */
	static final List<String> CACHE_CLASSES = List.of("SSMS", "SSMSA", "SSMSW", "WSMS");

	/** The generated node classes of the starter's caches. */
	static final List<String> NODE_CLASSES = List.of("PSMS", "PSWMS", "FSMS");

	private static final String PACKAGE = "com.github.benmanes.caffeine.cache.";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String name : CACHE_CLASSES) {
			hints.reflection()
				.registerType(TypeReference.of(PACKAGE + name), MemberCategory.ACCESS_DECLARED_FIELDS,
						MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		for (String name : NODE_CLASSES) {
			hints.reflection()
				.registerType(TypeReference.of(PACKAGE + name), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
	}

}
