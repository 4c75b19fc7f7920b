package com.descope.notp.autoconfigure;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * Binds the verified-token cache of the starter's {@code JwtDecoder} to metrics when the
 * decoder makes it (at the first token decoded). Its one implementation,
 * {@link DescopeMetricsAutoConfiguration}'s, needs Micrometer's {@code micrometer-core};
 * this interface names none of its types, so the decoder's configuration loads without
 * it.
 */
@FunctionalInterface
interface VerifiedTokenCacheBinder {

	/**
	 * Binds the cache.
	 * @param cache the verified-token cache, recording its statistics
	 */
	void bind(Cache<?, ?> cache);

}
