package com.descope.notp.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET /login/notp} (by default) with the default nOTP login page
 * ({@link NotpLoginPage}: what it shows and how it talks to the login endpoints), under
 * the request's context path, which behind Spring's {@code ForwardedHeaderFilter}
 * ({@code server.forward-headers-strategy=framework}) is the {@code X-Forwarded-Prefix}.
 * It sends the request's Spring Security CSRF token as a form parameter, and is answered
 * {@code Cache-Control: no-store}.
 */
public final class NotpLoginPageGeneratingFilter extends OncePerRequestFilter {

	private final NotpLoginPage page;

	private RequestMatcher requestMatcher;

	/**
	 * A page that talks to the given endpoints.
	 * @param loginPageUrl where the page is served, for example {@code /login/notp}
	 * @param startUrl the start endpoint, for example {@code /login/notp}
	 * @param sessionUrl the completion endpoint, for example {@code /login/notp/session}
	 */
	public NotpLoginPageGeneratingFilter(String loginPageUrl, String startUrl, String sessionUrl) {
		Assert.hasText(loginPageUrl, "loginPageUrl must not be empty");
		this.requestMatcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, loginPageUrl);
		this.page = new NotpLoginPage(startUrl, sessionUrl);
	}

	/**
	 * The refresh endpoint, handed to scripts with the tokens when the server keeps none.
	 * @param refreshUrl a path of the application; default {@code /login/notp/refresh}
	 */
	public void setRefreshUrl(String refreshUrl) {
		this.page.setRefreshUrl(refreshUrl);
	}

	/**
	 * The time between two polls of the completion endpoint.
	 * @param pollingInterval default 1 s
	 */
	public void setPollingInterval(Duration pollingInterval) {
		this.page.setPollingInterval(pollingInterval);
	}

	/**
	 * The page's title and heading.
	 * @param title default {@code Sign in with WhatsApp}
	 */
	public void setTitle(String title) {
		this.page.setTitle(title);
	}

	/**
	 * Which requests get the page.
	 * @param requestMatcher default {@code GET} on the login page URL
	 */
	public void setRequestMatcher(RequestMatcher requestMatcher) {
		this.requestMatcher = requestMatcher;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String html = this.page.render(request.getContextPath(),
				(csrf != null) ? new NotpLoginPage.Csrf(csrf.getParameterName(), csrf.getToken()) : null,
				LastAuthenticatedUserCookies.load(request), request.getParameter("error") != null);
		byte[] body = html.getBytes(StandardCharsets.UTF_8);
		response.setContentType(NotpLoginPage.CONTENT_TYPE);
		response.setHeader("Cache-Control", NotpLoginPage.CACHE_CONTROL);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
