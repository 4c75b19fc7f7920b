package com.descope.notp.security.reactive.login;

import java.time.Duration;

import com.descope.notp.web.DescopeSdkConfiguration;
import com.descope.notp.web.DescopeSdkConfigurationAnswer;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers {@code GET /login/notp/config} (by default, under
 * {@code spring.webflux.base-path}) with the {@link DescopeSdkConfiguration} a front end
 * gives Descope's SDK, the reactive twin of the servlet
 * {@code DescopeSdkConfigurationFilter} with the same answer
 * ({@link DescopeSdkConfigurationAnswer}): to anyone (placed before the CSRF filter and
 * the chain's authentication; it holds nothing secret), cacheable with
 * {@code Cache-Control: public, max-age=..} (five minutes by default) and a strong
 * {@code ETag}, {@code 304} to a matching {@code If-None-Match}. It neither reads nor
 * starts a {@code WebSession} and sets no cookie, so shared caches may keep it.
 */
public final class DescopeSdkConfigurationWebFilter implements WebFilter {

	private final ServerWebExchangeMatcher matcher;

	private DescopeSdkConfigurationAnswer answer;

	/**
	 * An endpoint answering these options.
	 * @param url the endpoint's path, for example {@code /login/notp/config}
	 * @param configuration the options
	 */
	public DescopeSdkConfigurationWebFilter(String url, DescopeSdkConfiguration configuration) {
		Assert.hasText(url, "url must not be empty");
		this.matcher = ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, url);
		this.answer = new DescopeSdkConfigurationAnswer(configuration);
	}

	/**
	 * How long browsers and shared caches may use the answer before asking again
	 * (revalidating with its {@code ETag}).
	 * @param maxAge default five minutes; zero to have every use revalidated
	 * @throws IllegalArgumentException if {@code maxAge} is negative
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
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.matcher.matches(exchange)
			.filter(MatchResult::isMatch)
			.switchIfEmpty(chain.filter(exchange).then(Mono.empty()))
			.flatMap((match) -> write(exchange));
	}

	private Mono<Void> write(ServerWebExchange exchange) {
		DescopeSdkConfigurationAnswer answer = this.answer;
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		headers.setCacheControl(answer.cacheControl());
		headers.setETag(answer.etag());
		if (answer.isNotModified(exchange.getRequest().getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH))) {
			response.setStatusCode(HttpStatus.NOT_MODIFIED);
			return response.setComplete();
		}
		byte[] body = answer.body();
		response.setStatusCode(HttpStatus.OK);
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
