package com.descope.notp.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.descope.notp.client.NotpMethod;

/**
 * Settings of the nOTP login that come from configuration ({@code descope.notp.*}); the
 * auto-configuration publishes them as a bean, which {@link NotpLoginConfigurer} picks up unless
 * the DSL sets one.
 *
 * @param pollingInterval how often the default page polls the completion endpoint (default 1 s)
 * @param flowTimeout how long a started flow may be completed (default 10 min)
 * @param defaultMethod the start method when a request names none (default sign-up-or-in)
 * @param defaultRegion the ISO 3166 region of national phone numbers, or {@code null} to require
 * international ones
 * @param maxFlowsPerSession the most pending flows one browser session may have (default 5)
 */
public record NotpLoginSettings(Duration pollingInterval, Duration flowTimeout, NotpMethod defaultMethod,
		@Nullable String defaultRegion, int maxFlowsPerSession) {

	/** The defaults. */
	public static final NotpLoginSettings DEFAULTS = new NotpLoginSettings(Duration.ofSeconds(1),
			Duration.ofMinutes(10), NotpMethod.SIGN_UP_OR_IN, null, 5);

}
