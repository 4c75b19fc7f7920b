package com.descope.notp.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET /login/notp/config} (by default) with the
 * {@link DescopeSdkConfiguration} a front end gives Descope's SDK, to anyone (it is
 * placed before the chain's authorization, and holds nothing secret), and cacheable:
 * {@code Cache-Control: public} with a {@code max-age} (five minutes by default) and a
 * strong {@code ETag}, so a front end's later loads revalidate with {@code If-None-Match}
 * and get {@code 304}. The body is written once, when the filter is made: the options
 * change only with the application's configuration.
 */
public final class DescopeSdkConfigurationFilter extends OncePerRequestFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RequestMatcher requestMatcher;

	private final DescopeSdkConfiguration configuration;

	private final byte[] body;

	private final String etag;

	private String cacheControl = cacheControl(Duration.ofMinutes(5));

	/**
	 * An endpoint answering these options.
	 * @param url the endpoint's path, for example {@code /login/notp/config} (under the
	 * context path)
	 * @param configuration the options
	 */
	public DescopeSdkConfigurationFilter(String url, DescopeSdkConfiguration configuration) {
		Assert.hasText(url, "url must not be empty");
		Assert.notNull(configuration, "configuration must not be null");
		this.requestMatcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, url);
		this.configuration = configuration;
		this.body = JSON.writeValueAsBytes(configuration.options());
		this.etag = "\"" + digest(this.body) + "\"";
	}

	/**
	 * How long browsers and shared caches may use the answer before asking again
	 * (revalidating with its {@code ETag}).
	 * @param maxAge default five minutes; zero to have every use revalidated
	 */
	public void setMaxAge(Duration maxAge) {
		Assert.isTrue(!maxAge.isNegative(), "maxAge must not be negative");
		this.cacheControl = cacheControl(maxAge);
	}

	/**
	 * The options this endpoint answers.
	 * @return the options
	 */
	public DescopeSdkConfiguration getConfiguration() {
		return this.configuration;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
		response.setHeader(HttpHeaders.ETAG, this.etag);
		if (notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(this.body.length);
		response.getOutputStream().write(this.body);
	}

	/**
	 * Whether {@code If-None-Match} names this answer's tag (RFC 9110, section 13.1.2:
	 * weak comparison, so a {@code W/} prefix a proxy added still matches) or is
	 * {@code *}.
	 * @param ifNoneMatch the header's value, or {@code null}
	 * @return {@code true} to answer {@code 304}
	 */
	private boolean notModified(@Nullable String ifNoneMatch) {
		if (ifNoneMatch == null) {
			return false;
		}
		return Arrays.stream(ifNoneMatch.split(","))
			.map(String::trim)
			.map((tag) -> tag.startsWith("W/") ? tag.substring(2) : tag)
			.anyMatch((tag) -> tag.equals("*") || tag.equals(this.etag));
	}

	private static String cacheControl(Duration maxAge) {
		return "public, max-age=" + maxAge.toSeconds();
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
