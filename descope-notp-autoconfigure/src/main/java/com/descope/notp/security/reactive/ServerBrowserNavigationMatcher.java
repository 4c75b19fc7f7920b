package com.descope.notp.security.reactive;

import java.util.Set;

import com.descope.notp.security.BearerHeader;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * Matches a browser's navigation, the reactive twin of the servlet side's
 * {@code BrowserNavigationRequestMatcher} with the same rules: method {@code GET},
 * {@code HEAD} or {@code POST}; an {@code Accept} header naming {@code text/html} or
 * {@code application/xhtml+xml} itself (wildcards do not count); no
 * {@code X-Requested-With: XMLHttpRequest}; no {@code Authorization: Bearer} header,
 * well-formed or not; and, where the browser sends Fetch Metadata,
 * {@code Sec-Fetch-Mode: navigate} and {@code Sec-Fetch-Dest: document}. The starter
 * answers navigations with pages and redirects, everything else with problem+json.
 */
public final class ServerBrowserNavigationMatcher implements ServerWebExchangeMatcher {

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");

	private final MediaTypeServerWebExchangeMatcher html;

	/** A matcher reading the {@code Accept} header. */
	public ServerBrowserNavigationMatcher() {
		this.html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML, MediaType.APPLICATION_XHTML_XML);
		this.html
			.setIgnoredMediaTypes(Set.of(MediaType.ALL, new MediaType("text", "*"), new MediaType("application", "*")));
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		if (!METHODS.contains(request.getMethod().name())
				|| "XMLHttpRequest".equals(headers.getFirst("X-Requested-With"))
				|| !isAbsentOr(headers, "Sec-Fetch-Mode", "navigate")
				|| !isAbsentOr(headers, "Sec-Fetch-Dest", "document")
				|| BearerHeader.isBearerScheme(headers.getFirst(HttpHeaders.AUTHORIZATION))) {
			return MatchResult.notMatch();
		}
		return this.html.matches(exchange);
	}

	private static boolean isAbsentOr(HttpHeaders headers, String header, String expected) {
		String value = headers.getFirst(header);
		return value == null || value.equals(expected);
	}

	@Override
	public String toString() {
		return "ServerBrowserNavigationMatcher";
	}

}
