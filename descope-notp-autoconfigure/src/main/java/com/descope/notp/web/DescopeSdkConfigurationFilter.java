package com.descope.notp.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
 * and get {@code 304} ({@link DescopeSdkConfigurationAnswer}, shared with the reactive
 * endpoint).
 */
public final class DescopeSdkConfigurationFilter extends OncePerRequestFilter {

	private final RequestMatcher requestMatcher;

	private DescopeSdkConfigurationAnswer answer;

	/**
	 * An endpoint answering these options.
	 * @param url the endpoint's path, for example {@code /login/notp/config} (under the
	 * context path)
	 * @param configuration the options
	 */
	public DescopeSdkConfigurationFilter(String url, DescopeSdkConfiguration configuration) {
		Assert.hasText(url, "url must not be empty");
		this.requestMatcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, url);
		this.answer = new DescopeSdkConfigurationAnswer(configuration);
	}

	/**
	 * How long browsers and shared caches may use the answer before asking again
	 * (revalidating with its {@code ETag}).
	 * @param maxAge default five minutes; zero to have every use revalidated
	 */
	public void setMaxAge(Duration maxAge) {
		this.answer = this.answer.withMaxAge(maxAge);
	}

	/**
	 * The options this endpoint answers.
	 * @return the options
	 */
	public DescopeSdkConfiguration getConfiguration() {
		return this.answer.configuration();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, this.answer.cacheControl());
		response.setHeader(HttpHeaders.ETAG, this.answer.etag());
		if (this.answer.isNotModified(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		byte[] body = this.answer.body();
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
