package com.descope.notp.security.reactive.login;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.descope.notp.web.LastAuthenticatedUser;
import com.descope.notp.web.NotpLoginPage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers {@code GET /login/notp} (by default) with the default nOTP login page, the
 * reactive twin of the servlet {@code NotpLoginPageGeneratingFilter}: the same
 * {@link NotpLoginPage}, under the request's context path
 * ({@code spring.webflux.base-path}, or the {@code X-Forwarded-Prefix} behind Spring's
 * forwarded-header handling), with the exchange's CSRF token as a form parameter when the
 * chain has CSRF protection, {@code Cache-Control: no-store}. Placed after the CSRF
 * filter, where the token is.
 */
public final class NotpLoginPageWebFilter implements WebFilter {

	private final NotpLoginPage page;

	private ServerWebExchangeMatcher matcher;

	/**
	 * A filter that serves a page.
	 * @param loginPageUrl where the page is served, for example {@code /login/notp}
	 * @param page the page
	 */
	public NotpLoginPageWebFilter(String loginPageUrl, NotpLoginPage page) {
		Assert.hasText(loginPageUrl, "loginPageUrl must not be empty");
		Assert.notNull(page, "page must not be null");
		this.matcher = ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, loginPageUrl);
		this.page = page;
	}

	/**
	 * Which exchanges get the page.
	 * @param matcher default {@code GET} on the login page URL
	 */
	public void setMatcher(ServerWebExchangeMatcher matcher) {
		Assert.notNull(matcher, "matcher must not be null");
		this.matcher = matcher;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.matcher.matches(exchange)
			.filter(MatchResult::isMatch)
			.switchIfEmpty(chain.filter(exchange).then(Mono.empty()))
			.flatMap((match) -> csrf(exchange))
			.flatMap((csrf) -> write(exchange, csrf.orElse(null)));
	}

	private static Mono<Optional<NotpLoginPage.Csrf>> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			return Mono.just(Optional.empty());
		}
		return token.map((csrf) -> Optional.of(new NotpLoginPage.Csrf(csrf.getParameterName(), csrf.getToken())))
			.defaultIfEmpty(Optional.empty());
	}

	private Mono<Void> write(ServerWebExchange exchange, NotpLoginPage.@Nullable Csrf csrf) {
		ServerHttpRequest request = exchange.getRequest();
		HttpCookie lastUser = request.getCookies().getFirst(LastAuthenticatedUser.COOKIE_NAME);
		String html = this.page.render(request.getPath().contextPath().value(), csrf,
				LastAuthenticatedUser.fromCookieValue((lastUser != null) ? lastUser.getValue() : null),
				request.getQueryParams().containsKey("error"));
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().setContentType(MediaType.parseMediaType(NotpLoginPage.CONTENT_TYPE));
		response.getHeaders().setCacheControl(NotpLoginPage.CACHE_CONTROL);
		byte[] body = html.getBytes(StandardCharsets.UTF_8);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
