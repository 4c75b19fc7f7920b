package com.descope.notp.security.login;

import java.io.IOException;
import java.util.Map;

import com.descope.notp.client.NotpLinkResponse;
import com.descope.notp.client.NotpStartRequest;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpStartResult;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.security.answers.NotpProblems;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.web.DescopeFailureProblems;
import com.descope.notp.web.InvalidRequestException;
import com.descope.notp.web.Problem;
import com.descope.notp.web.ProblemDetailsWriter;
import com.descope.notp.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts a nOTP flow at {@code POST /login/notp}, in the manner of Spring Security's
 * {@code GenerateOneTimeTokenFilter}: resolves what the request asks for
 * ({@link NotpStartRequestResolver}; a request it answers {@code null} for is passed on
 * down the chain), calls Descope's start endpoint, records the flow as belonging to this
 * browser session ({@link PendingFlowRepository}), and answers through its
 * {@link NotpStartSuccessHandler} (by default {@code 200 {"pendingRef", "redirectUrl",
 * "image"}}). A step-up or MFA sign-in carries the signed-in user's refresh JWT from the
 * {@link DescopeTokenRepository}, and may name no login id but the user's own. Bad input
 * is a {@code 400} problem naming the field, a number of a country that may not sign in a
 * {@code 400} naming {@code loginId}, a start past a rate limit a {@code 429} with
 * {@code Retry-After} in seconds (the login service's {@code NotpStartGuard} decides,
 * counting per {@link HttpServletRequest#getRemoteAddr()}: behind a proxy, the address
 * its forwarded headers name where {@code server.forward-headers-strategy} says so);
 * nothing is sent to Descope in these cases. Descope's failures are answered by
 * {@link DescopeFailureProblems}. Both go through a {@link ProblemDetailsWriter}:
 * {@code notpLogin()} gives it one that sends a browser navigation (an HTML form posted
 * without script) back to the login page with {@code ?error}.
 */
public final class NotpStartFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(NotpStartFilter.class);

	private final NotpLoginService loginService;

	private final NotpStartRequestResolver requestResolver;

	private NotpStartSuccessHandler successHandler = new DefaultNotpStartSuccessHandler();

	private final PendingFlowRepository flowRepository;

	private final DescopeTokenRepository tokenRepository;

	private RequestMatcher requestMatcher = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login/notp");

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private ProblemDetailsWriter problems = new ProblemDetailsWriter(new BrowserNavigationRequestMatcher());

	/**
	 * A start filter.
	 * @param loginService starts flows with Descope (the checks, the call, the dated
	 * flow)
	 * @param requestResolver reads and checks what the request asks for
	 * @param flowRepository records the flow
	 * @param tokenRepository supplies the refresh JWT for step-up and MFA
	 */
	public NotpStartFilter(NotpLoginService loginService, NotpStartRequestResolver requestResolver,
			PendingFlowRepository flowRepository, DescopeTokenRepository tokenRepository) {
		Assert.notNull(loginService, "loginService must not be null");
		Assert.notNull(requestResolver, "requestResolver must not be null");
		Assert.notNull(flowRepository, "flowRepository must not be null");
		Assert.notNull(tokenRepository, "tokenRepository must not be null");
		this.loginService = loginService;
		this.requestResolver = requestResolver;
		this.flowRepository = flowRepository;
		this.tokenRepository = tokenRepository;
	}

	/**
	 * How a started flow is answered.
	 * @param successHandler default {@link DefaultNotpStartSuccessHandler} ({@code 200
	 * {"pendingRef", "redirectUrl", "image"}})
	 */
	public void setSuccessHandler(NotpStartSuccessHandler successHandler) {
		Assert.notNull(successHandler, "successHandler must not be null");
		this.successHandler = successHandler;
	}

	/**
	 * Which requests start a flow.
	 * @param requestMatcher default {@code POST /login/notp}
	 */
	public void setRequestMatcher(RequestMatcher requestMatcher) {
		Assert.notNull(requestMatcher, "requestMatcher must not be null");
		this.requestMatcher = requestMatcher;
	}

	/**
	 * The strategy the signed-in user is read from.
	 * @param strategy default the global one
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
		Assert.notNull(strategy, "strategy must not be null");
		this.securityContextHolderStrategy = strategy;
	}

	/**
	 * How problems are answered: problem+json to API calls, the error page to browser
	 * navigations.
	 * @param problems default a {@link ProblemDetailsWriter} with a
	 * {@link BrowserNavigationRequestMatcher}
	 */
	public void setProblemDetailsWriter(ProblemDetailsWriter problems) {
		Assert.notNull(problems, "problems must not be null");
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.requestMatcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		NotpStartRequest start;
		try {
			start = this.requestResolver.resolve(request);
		}
		catch (InvalidRequestException ex) {
			this.problems.write(request, response, ProblemType.INVALID_REQUEST, ex.getMessage(),
					Map.of("field", ex.getField()));
			return;
		}
		if (start == null) {
			chain.doFilter(request, response);
			return;
		}
		String refreshJwt = null;
		if (start.loginOptions().requiresRefreshJwt()) {
			DescopeTokens tokens = this.tokenRepository.loadTokens(request);
			refreshJwt = (tokens != null) ? tokens.refreshJwt() : null;
		}
		NotpStartResult result = this.loginService.start(start, request.getRemoteAddr(), refreshJwt,
				this.securityContextHolderStrategy.getContext().getAuthentication());
		Problem problem = NotpProblems.ofStart(result);
		if (problem != null) {
			this.problems.write(request, response, problem);
			return;
		}
		NotpStartResult.Started started = (NotpStartResult.Started) result;
		this.flowRepository.saveFlow(started.flow(), request, response);
		NotpLinkResponse link = started.link();
		this.successHandler.onStarted(request, response, link);
	}

}
