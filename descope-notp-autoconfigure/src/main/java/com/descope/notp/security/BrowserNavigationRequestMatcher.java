package com.descope.notp.security;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * Matches a browser's navigation: the request a browser makes to show a page in its
 * window (a link followed, an address typed, an HTML form submitted), as opposed to a
 * script's {@code fetch} or {@code XMLHttpRequest}, a style sheet, image or icon, a probe
 * such as Chrome DevTools' {@code /.well-known/appspecific/com.chrome.devtools.json}, or
 * an API client. The starter answers navigations with pages or redirects and everything
 * else with problem+json, and remembers only navigations as the page to return to after
 * login. A request is a navigation when all of these hold:
 * <ul>
 * <li>its method is {@code GET}, {@code HEAD} or {@code POST} (an HTML form submits only
 * {@code GET} or {@code POST});</li>
 * <li>its {@code Accept} header names {@code text/html} or {@code application/xhtml+xml}
 * itself: wildcards such as {@code *}{@code /*} (what {@code fetch}, DevTools and most
 * API clients send), {@code text/*} or {@code application/*} do not count (Spring
 * Security's {@link MediaTypeRequestMatcher}, with those media types ignored);</li>
 * <li>it carries no {@code X-Requested-With: XMLHttpRequest} (jQuery, older
 * frameworks);</li>
 * <li>it carries no {@code Authorization: Bearer} header, well-formed or not: browsers
 * never add one to a navigation, API clients do;</li>
 * <li>where the browser sends the Fetch Metadata headers (all current browsers do), it
 * says so: {@code Sec-Fetch-Mode: navigate} and {@code Sec-Fetch-Dest: document}; a
 * {@code fetch} asking for HTML ({@code Sec-Fetch-Mode: cors}) or a page loaded into a
 * frame ({@code Sec-Fetch-Dest: iframe}) is therefore not a navigation. Clients that send
 * no such header are judged by the rules above alone.</li>
 * </ul>
 * The same decision as Spring Security's default entry-point split for form login, made
 * stricter so that only a request whose answer a person sees as a page counts.
 */
public final class BrowserNavigationRequestMatcher implements RequestMatcher {

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");

	private final RequestMatcher xhr = new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest");

	private final MediaTypeRequestMatcher html;

	/**
	 * A matcher reading the {@code Accept} header, as Spring MVC's default does.
	 */
	public BrowserNavigationRequestMatcher() {
		this(new HeaderContentNegotiationStrategy());
	}

	/**
	 * A matcher resolving the accepted media types with a strategy of the application's,
	 * for example the {@code ContentNegotiationStrategy} Spring Security shares in
	 * {@code HttpSecurity}.
	 * @param contentNegotiation resolves the request's accepted media types
	 */
	public BrowserNavigationRequestMatcher(ContentNegotiationStrategy contentNegotiation) {
		Assert.notNull(contentNegotiation, "contentNegotiation must not be null");
		this.html = new MediaTypeRequestMatcher(contentNegotiation, MediaType.TEXT_HTML,
				MediaType.APPLICATION_XHTML_XML);
		this.html
			.setIgnoredMediaTypes(Set.of(MediaType.ALL, new MediaType("text", "*"), new MediaType("application", "*")));
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return METHODS.contains(request.getMethod()) && !this.xhr.matches(request)
				&& isAbsentOr(request, "Sec-Fetch-Mode", "navigate")
				&& isAbsentOr(request, "Sec-Fetch-Dest", "document")
				&& !DescopeBearerTokenResolver.isBearerRequest(request) && this.html.matches(request);
	}

	private static boolean isAbsentOr(HttpServletRequest request, String header, String expected) {
		String value = request.getHeader(header);
		return value == null || value.equals(expected);
	}

	@Override
	public String toString() {
		return "BrowserNavigationRequestMatcher";
	}

}
