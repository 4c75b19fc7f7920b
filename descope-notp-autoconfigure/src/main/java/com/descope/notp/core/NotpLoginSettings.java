package com.descope.notp.core;

import java.time.Duration;

import com.descope.notp.client.NotpMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of the nOTP login that come from configuration ({@code descope.notp.*}); the
 * auto-configuration publishes them as a bean, which {@code NotpLoginConfigurer} picks up
 * unless the DSL sets one.
 *
 * @param pollingInterval how often the default page polls the completion endpoint
 * (default 1 s)
 * @param flowTimeout how long a started flow may be completed (default 10 min)
 * @param defaultMethod the start method when a request names none (default sign-up-or-in)
 * @param defaultRegion the ISO 3166 region of national phone numbers, or {@code null} to
 * require international ones
 * @param maxFlowsPerSession the most pending flows one browser session may have (default
 * 5)
 * @param defaultSuccessUrl where a completed login sends the browser when no page was
 * asked for first: a path of the application relative to its context path, as Spring
 * Security's {@code defaultSuccessUrl}, so {@code /home} is answered as {@code /app/home}
 * under the context path (or {@code X-Forwarded-Prefix}) {@code /app}; default {@code /}
 */
public record NotpLoginSettings(Duration pollingInterval, Duration flowTimeout, NotpMethod defaultMethod,
		@Nullable String defaultRegion, int maxFlowsPerSession, String defaultSuccessUrl) {

	/** The default {@link #defaultSuccessUrl()}: the application's root. */
	public static final String DEFAULT_SUCCESS_URL = "/";

	/** The defaults. */
	public static final NotpLoginSettings DEFAULTS = new NotpLoginSettings(Duration.ofSeconds(1),
			Duration.ofMinutes(10), NotpMethod.SIGN_UP_OR_IN, null, 5, DEFAULT_SUCCESS_URL);

	/**
	 * Settings; the success URL is checked.
	 * @param pollingInterval how often the default page polls the completion endpoint
	 * @param flowTimeout how long a started flow may be completed
	 * @param defaultMethod the start method when a request names none
	 * @param defaultRegion the ISO 3166 region of national phone numbers, or {@code null}
	 * @param maxFlowsPerSession the most pending flows one browser session may have
	 * @param defaultSuccessUrl where a completed login goes when no page was asked for
	 * first, a path of the application
	 * @throws IllegalArgumentException when {@code defaultSuccessUrl} is not a
	 * same-origin path ({@link SameOriginPaths})
	 */
	public NotpLoginSettings {
		Assert.isTrue(SameOriginPaths.isSafe(defaultSuccessUrl),
				"defaultSuccessUrl must be a path of this application, such as /home");
	}

	/**
	 * Settings with the default success URL ({@value #DEFAULT_SUCCESS_URL}), as before it
	 * could be configured.
	 * @param pollingInterval how often the default page polls the completion endpoint
	 * @param flowTimeout how long a started flow may be completed
	 * @param defaultMethod the start method when a request names none
	 * @param defaultRegion the ISO 3166 region of national phone numbers, or {@code null}
	 * @param maxFlowsPerSession the most pending flows one browser session may have
	 */
	public NotpLoginSettings(Duration pollingInterval, Duration flowTimeout, NotpMethod defaultMethod,
			@Nullable String defaultRegion, int maxFlowsPerSession) {
		this(pollingInterval, flowTimeout, defaultMethod, defaultRegion, maxFlowsPerSession, DEFAULT_SUCCESS_URL);
	}

}
