package com.descope.notp.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * The answer of the SDK configuration endpoint, the same on both stacks (the servlet
 * {@link DescopeSdkConfigurationFilter} and the reactive
 * {@code DescopeSdkConfigurationWebFilter}): the {@link DescopeSdkConfiguration}'s JSON,
 * written once (the options change only with the application's configuration), its strong
 * {@code ETag} (the first 128 bits of the body's SHA-256, base64url) and
 * {@code Cache-Control: public, max-age=..}, so a front end's later loads revalidate with
 * {@code If-None-Match} and get {@code 304}.
 */
public final class DescopeSdkConfigurationAnswer {

	/** The default {@code max-age}: five minutes. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DescopeSdkConfiguration configuration;

	private final byte[] body;

	private final String etag;

	private final String cacheControl;

	/**
	 * The answer for these options, cacheable for {@link #DEFAULT_MAX_AGE}.
	 * @param configuration the options
	 */
	public DescopeSdkConfigurationAnswer(DescopeSdkConfiguration configuration) {
		this(configuration, DEFAULT_MAX_AGE);
	}

	/**
	 * The answer for these options.
	 * @param configuration the options
	 * @param maxAge how long browsers and shared caches may use the answer before
	 * revalidating it; zero to have every use revalidated
	 * @throws IllegalArgumentException if {@code maxAge} is negative
	 */
	public DescopeSdkConfigurationAnswer(DescopeSdkConfiguration configuration, Duration maxAge) {
		Assert.notNull(configuration, "configuration must not be null");
		Assert.isTrue(!maxAge.isNegative(), "maxAge must not be negative");
		this.configuration = configuration;
		this.body = JSON.writeValueAsBytes(configuration.options());
		this.etag = "\"" + digest(this.body) + "\"";
		this.cacheControl = "public, max-age=" + maxAge.toSeconds();
	}

	/**
	 * The same answer with another {@code max-age}.
	 * @param maxAge not negative
	 * @return a new answer
	 */
	public DescopeSdkConfigurationAnswer withMaxAge(Duration maxAge) {
		return new DescopeSdkConfigurationAnswer(this.configuration, maxAge);
	}

	/**
	 * The options answered.
	 * @return the options
	 */
	public DescopeSdkConfiguration configuration() {
		return this.configuration;
	}

	/**
	 * The JSON body (UTF-8); a copy, the caller may keep it.
	 * @return the body
	 */
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * The strong entity tag, quoted.
	 * @return the {@code ETag} header's value
	 */
	public String etag() {
		return this.etag;
	}

	/**
	 * The caching rule.
	 * @return the {@code Cache-Control} header's value
	 */
	public String cacheControl() {
		return this.cacheControl;
	}

	/**
	 * Whether {@code If-None-Match} names this answer's tag (RFC 9110, section 13.1.2:
	 * weak comparison, so a {@code W/} prefix a proxy added still matches) or is
	 * {@code *}.
	 * @param ifNoneMatch the header's value, or {@code null}
	 * @return {@code true} to answer {@code 304}
	 */
	public boolean isNotModified(@Nullable String ifNoneMatch) {
		if (ifNoneMatch == null) {
			return false;
		}
		return Arrays.stream(ifNoneMatch.split(","))
			.map(String::trim)
			.map((tag) -> tag.startsWith("W/") ? tag.substring(2) : tag)
			.anyMatch((tag) -> tag.equals("*") || tag.equals(this.etag));
	}

	@Override
	public String toString() {
		return "DescopeSdkConfigurationAnswer[etag=" + this.etag + ", cacheControl=" + this.cacheControl + "]";
	}

	private static String digest(byte[] body) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
