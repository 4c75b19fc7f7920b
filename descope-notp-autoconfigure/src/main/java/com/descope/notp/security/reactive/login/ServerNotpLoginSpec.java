package com.descope.notp.security.reactive.login;

import java.util.function.Consumer;

import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.security.reactive.ServerBrowserNavigationMatcher;
import com.descope.notp.security.reactive.ServerCollaborators;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.security.reactive.session.ServerDescopeAccessDeniedHandler;
import com.descope.notp.security.reactive.session.ServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.ServerSessionTokensSpec;
import com.descope.notp.security.reactive.session.WebSessionDescopeTokenRepository;
import com.descope.notp.web.DescopeSdkConfiguration;
import com.descope.notp.web.NotpLoginPage;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;

/**
 * The nOTP login for a {@link ServerHttpSecurity}, the reactive twin of the servlet
 * {@code NotpLoginConfigurer}. {@code ServerHttpSecurity} has no {@code with(..)} for
 * configurers of others, so this spec is applied to it:
 *
 * <pre>
 * &#64;Bean
 * SecurityWebFilterChain chain(ServerHttpSecurity http, ServerNotpLoginSpec notpLogin) {
 *     http.authorizeExchange((exchanges) -&gt; exchanges.anyExchange().authenticated());
 *     notpLogin.loginPage("/signin").sessionTokens((tokens) -&gt; tokens.jwtDecoder(myDecoder)).configure(http);
 *     return http.build();
 * }
 * </pre>
 *
 * The auto-configuration makes a new spec for each injection (a prototype bean, as
 * {@code ServerHttpSecurity} itself is) that finds its collaborators in the application
 * context; {@link #notpLogin()} makes one that knows no context, whose collaborators are
 * all given to it. {@link #configure} installs:
 * <ul>
 * <li>one {@link ServerBrowserNavigationMatcher} (or the one given to
 * {@link #navigationMatcher}) that splits every answer: unauthenticated browser
 * navigations are redirected to the login page, other requests get the session-token
 * part's API entry point ({@code 401} problem+json); refused requests get {@code 403}
 * problem+json, or the application's error page for a navigation
 * ({@link ServerDescopeAccessDeniedHandler}); set through
 * {@code http.exceptionHandling(..)}, so an application's own handlers given after
 * {@code configure} win;</li>
 * <li>the login endpoints: {@code POST /login/notp} starts a flow
 * ({@link ServerNotpStartWebFilter}), {@code POST /login/notp/session} completes it
 * ({@link ServerNotpAuthenticationWebFilter}), with the servlet side's answers; both stay
 * under the chain's CSRF protection, as on the servlet side;</li>
 * <li>the session-token authentication ({@link #sessionTokens});</li>
 * <li>{@link NotpLoginPageWebFilter} at {@code GET /login/notp} (the default page, the
 * servlet side's {@link NotpLoginPage}) unless a custom login page is set;</li>
 * <li>{@link DescopeSdkConfigurationWebFilter} at {@code GET /login/notp/config}: what a
 * front end gives Descope's SDK, public and cacheable, before CSRF and
 * authentication;</li>
 * <li>a request cache ({@link #getRequestCache()}) that remembers only {@code GET}
 * browser navigations as the page to return to after login, in the {@code WebSession}, so
 * a script's call, an icon or an asset never replaces it and never creates a session;
 * also given to {@code http.requestCache(..)}, so an application's own set after
 * {@code configure} wins.</li>
 * </ul>
 * CSRF protection is left as the application set it, except that requests with a
 * well-formed bearer token are exempt (Spring's resource server does this when the CSRF
 * matcher is the default one). CSRF failures are answered by the CSRF filter's own
 * handler: give it {@link #getAccessDeniedHandler()} for the problem+json answer, as the
 * auto-configured chain does.
 */
public final class ServerNotpLoginSpec {

	private final @Nullable ApplicationContext context;

	private final ServerSessionTokensSpec sessionTokens = new ServerSessionTokensSpec();

	/** The start endpoint the default page posts to, as on the servlet side. */
	private static final String DEFAULT_START_URL = "/login/notp";

	/** The completion endpoint the default page polls, as on the servlet side. */
	private static final String DEFAULT_SESSION_URL = "/login/notp/session";

	private String loginPage = "/login/notp";

	private @Nullable ServerWebExchangeMatcher navigationMatcher;

	private @Nullable ServerDescopeAccessDeniedHandler accessDeniedHandler;

	private final ServerNotpLoginEndpoints endpoints = new ServerNotpLoginEndpoints();

	// the login's public GETs: the default page, the SDK configuration, the request cache

	private boolean customLoginPage;

	private @Nullable String sdkConfigurationUrl = "/login/notp/config";

	private @Nullable DescopeSdkConfiguration sdkConfiguration;

	private @Nullable ServerRequestCache requestCache;

	private ServerNotpLoginSpec(@Nullable ApplicationContext context) {
		this.context = context;
	}

	/**
	 * A spec that knows no application context: every collaborator without a default must
	 * be given to it.
	 * @return a new spec
	 */
	public static ServerNotpLoginSpec notpLogin() {
		return new ServerNotpLoginSpec(null);
	}

	/**
	 * A spec that finds its collaborators in an application context when they are not
	 * given to it.
	 * @param context the application context
	 * @return a new spec
	 */
	public static ServerNotpLoginSpec notpLogin(ApplicationContext context) {
		Assert.notNull(context, "context must not be null");
		return new ServerNotpLoginSpec(context);
	}

	/**
	 * The login page unauthenticated browser navigations are redirected to; setting one
	 * turns the default page off (the application serves its own there).
	 * @param loginPage default {@code /login/notp}, served by
	 * {@link NotpLoginPageWebFilter}
	 * @return this spec
	 */
	public ServerNotpLoginSpec loginPage(String loginPage) {
		Assert.hasText(loginPage, "loginPage must not be empty");
		this.loginPage = loginPage;
		this.customLoginPage = true;
		return this;
	}

	/**
	 * Where the options for a front end's Descope SDK are answered
	 * ({@link DescopeSdkConfiguration}), public and cacheable
	 * ({@link DescopeSdkConfigurationWebFilter}).
	 * @param sdkConfigurationUrl default {@code /login/notp/config} ({@code GET});
	 * {@code null} for no such endpoint
	 * @return this spec
	 */
	public ServerNotpLoginSpec sdkConfigurationUrl(@Nullable String sdkConfigurationUrl) {
		Assert.isTrue(sdkConfigurationUrl == null || !sdkConfigurationUrl.isBlank(),
				"sdkConfigurationUrl must not be empty");
		this.sdkConfigurationUrl = sdkConfigurationUrl;
		return this;
	}

	/**
	 * The options the configuration endpoint answers, before this chain's token storage,
	 * cookie and session settings are applied to them
	 * ({@link DescopeSdkConfiguration#servedBy}).
	 * @param sdkConfiguration default a unique {@link DescopeSdkConfiguration} bean (the
	 * auto-configuration makes one from {@code descope.*}); with neither, no endpoint
	 * @return this spec
	 */
	public ServerNotpLoginSpec sdkConfiguration(DescopeSdkConfiguration sdkConfiguration) {
		Assert.notNull(sdkConfiguration, "sdkConfiguration must not be null");
		this.sdkConfiguration = sdkConfiguration;
		return this;
	}

	/**
	 * Where the page first asked for is kept for after the login.
	 * @param requestCache default a unique {@link ServerRequestCache} bean, else a
	 * {@link LoginRedirectServerRequestCache} saving {@code GET} browser navigations but
	 * to the login pages
	 * @return this spec
	 */
	public ServerNotpLoginSpec requestCache(ServerRequestCache requestCache) {
		Assert.notNull(requestCache, "requestCache must not be null");
		this.requestCache = requestCache;
		return this;
	}

	/**
	 * Which requests are browser navigations, answered with pages and redirects and
	 * everything else with problem+json.
	 * @param navigationMatcher default a unique {@link ServerBrowserNavigationMatcher}
	 * bean, else a new one
	 * @return this spec
	 */
	public ServerNotpLoginSpec navigationMatcher(ServerWebExchangeMatcher navigationMatcher) {
		Assert.notNull(navigationMatcher, "navigationMatcher must not be null");
		this.navigationMatcher = navigationMatcher;
		return this;
	}

	/**
	 * Customises the session-token part.
	 * @param customizer the customizer
	 * @return this spec
	 */
	public ServerNotpLoginSpec sessionTokens(Customizer<ServerSessionTokensSpec> customizer) {
		customizer.customize(this.sessionTokens);
		return this;
	}

	/**
	 * The login page's path.
	 * @return the path
	 */
	public String getLoginPage() {
		return this.loginPage;
	}

	/**
	 * The navigation matcher: the DSL value, else the bean, else a new one.
	 * @return the matcher
	 */
	public ServerWebExchangeMatcher getNavigationMatcher() {
		if (this.navigationMatcher == null) {
			ServerBrowserNavigationMatcher bean = ServerCollaborators.bean(this.context,
					ServerBrowserNavigationMatcher.class);
			this.navigationMatcher = (bean != null) ? bean : new ServerBrowserNavigationMatcher();
		}
		return this.navigationMatcher;
	}

	/**
	 * The request cache the login's success handler reads the page to return to from
	 * ({@code getRedirectUri}): the DSL value, else the bean, else a
	 * {@link LoginRedirectServerRequestCache} saving only {@code GET} browser navigations
	 * (this spec's navigation matcher) that are not the login page or the configuration
	 * endpoint.
	 * @return the request cache
	 */
	public ServerRequestCache getRequestCache() {
		if (this.requestCache == null) {
			ServerRequestCache bean = ServerCollaborators.bean(this.context, ServerRequestCache.class);
			this.requestCache = (bean != null) ? bean
					: new LoginRedirectServerRequestCache(new AndServerWebExchangeMatcher(
							ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/**"), getNavigationMatcher(),
							new NegatedServerWebExchangeMatcher(loginPages())));
		}
		return this.requestCache;
	}

	/**
	 * The handler of refused requests, also for the CSRF filter:
	 * {@code http.csrf((csrf) -> csrf.accessDeniedHandler(notpLogin.getAccessDeniedHandler()))}.
	 * @return the handler
	 */
	public ServerAccessDeniedHandler getAccessDeniedHandler() {
		if (this.accessDeniedHandler == null) {
			ServerDescopeAccessDeniedHandler handler = new ServerDescopeAccessDeniedHandler();
			handler.setProblemDetailsWriter(problems());
			this.accessDeniedHandler = handler;
		}
		return this.accessDeniedHandler;
	}

	/**
	 * Applies the login to the chain.
	 * @param http the chain's builder
	 * @return the same builder, to go on with
	 */
	public ServerHttpSecurity configure(ServerHttpSecurity http) {
		ServerProblemDetailsWriter problems = problems();
		ServerAuthenticationEntryPoint api = this.sessionTokens.getAuthenticationEntryPoint(problems);
		RedirectServerAuthenticationEntryPoint toLoginPage = new RedirectServerAuthenticationEntryPoint(this.loginPage);
		toLoginPage.setRequestCache(getRequestCache());
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegateEntry(getNavigationMatcher(), toLoginPage));
		entryPoint.setDefaultEntryPoint(api);
		ServerAccessDeniedHandler denied = getAccessDeniedHandler();
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
		this.sessionTokens.configure(http, problems, this.context);
		this.endpoints.requestCache(getRequestCache());
		this.endpoints.configure(http, problems.redirectingNavigationsTo(this.loginPage + "?error"), this.context);
		configurePages(http);
		this.sessionTokens.configureEndpoints(http, problems, this.loginPage + "?logout", this.context);
		return http;
	}

	/**
	 * Applies the login to the chain with a customizer, as
	 * {@code http.with(notpLogin(), customizer)} does on the servlet side.
	 * @param http the chain's builder
	 * @param customizer customises this spec first
	 * @return the same builder, to go on with
	 */
	public ServerHttpSecurity configure(ServerHttpSecurity http, Consumer<ServerNotpLoginSpec> customizer) {
		customizer.accept(this);
		return configure(http);
	}

	// ---- the login endpoints (start and poll/complete): ServerNotpLoginEndpoints ----

	/**
	 * Where a flow is started.
	 * @param startUrl default {@code /login/notp} ({@code POST})
	 * @return this spec
	 */
	public ServerNotpLoginSpec startUrl(String startUrl) {
		this.endpoints.startUrl(startUrl);
		return this;
	}

	/**
	 * Where a flow is polled and completed.
	 * @param sessionUrl default {@code /login/notp/session} ({@code POST})
	 * @return this spec
	 */
	public ServerNotpLoginSpec sessionUrl(String sessionUrl) {
		this.endpoints.sessionUrl(sessionUrl);
		return this;
	}

	/**
	 * Where a completed login sends the browser when no page was asked for first.
	 * @param defaultSuccessUrl a same-origin path; default the login settings'
	 * ({@code descope.notp.default-success-url})
	 * @return this spec
	 */
	public ServerNotpLoginSpec defaultSuccessUrl(String defaultSuccessUrl) {
		this.endpoints.defaultSuccessUrl(defaultSuccessUrl);
		return this;
	}

	/**
	 * Where the browser session's pending flows are kept.
	 * @param pendingFlowRepository default a unique {@link ServerPendingFlowRepository}
	 * bean, else a {@link WebSessionServerPendingFlowRepository} on the login settings
	 * @return this spec
	 */
	public ServerNotpLoginSpec pendingFlowRepository(ServerPendingFlowRepository pendingFlowRepository) {
		this.endpoints.pendingFlowRepository(pendingFlowRepository);
		return this;
	}

	/**
	 * Where the login's tokens are stored and a step-up's refresh JWT is read.
	 * @param tokenRepository default a unique {@link ServerDescopeTokenRepository} bean,
	 * else a {@link WebSessionDescopeTokenRepository}
	 * @return this spec
	 */
	public ServerNotpLoginSpec tokenRepository(ServerDescopeTokenRepository tokenRepository) {
		this.endpoints.tokenRepository(tokenRepository);
		return this;
	}

	/**
	 * How a completed login is answered.
	 * @param successHandler default a {@link ServerNotpAuthenticationSuccessHandler}
	 * @return this spec
	 */
	public ServerNotpLoginSpec successHandler(ServerAuthenticationSuccessHandler successHandler) {
		this.endpoints.successHandler(successHandler);
		return this;
	}

	/**
	 * How a failed completion is answered.
	 * @param failureHandler default a {@link ServerNotpAuthenticationFailureHandler}
	 * @return this spec
	 */
	public ServerNotpLoginSpec failureHandler(ServerAuthenticationFailureHandler failureHandler) {
		this.endpoints.failureHandler(failureHandler);
		return this;
	}

	/**
	 * How a started flow is answered.
	 * @param startSuccessHandler default a unique {@link ServerNotpStartSuccessHandler}
	 * bean, else {@link ServerNotpStartSuccessHandler#DEFAULT}
	 * @return this spec
	 */
	public ServerNotpLoginSpec startSuccessHandler(ServerNotpStartSuccessHandler startSuccessHandler) {
		this.endpoints.startSuccessHandler(startSuccessHandler);
		return this;
	}

	/**
	 * How the {@code pendingRef} is read from a completion request.
	 * @param authenticationConverter default a {@link ServerNotpAuthenticationConverter}
	 * @return this spec
	 */
	public ServerNotpLoginSpec authenticationConverter(ServerAuthenticationConverter authenticationConverter) {
		this.endpoints.authenticationConverter(authenticationConverter);
		return this;
	}

	/**
	 * The service that starts flows.
	 * @param loginService default the unique {@link NotpLoginService} bean (required
	 * without one)
	 * @return this spec
	 */
	public ServerNotpLoginSpec loginService(NotpLoginService loginService) {
		this.endpoints.loginService(loginService);
		return this;
	}

	/**
	 * The provider that completes flows, run on a bounded scheduler.
	 * @param authenticationProvider default the unique {@link NotpAuthenticationProvider}
	 * bean (required without one)
	 * @return this spec
	 */
	public ServerNotpLoginSpec authenticationProvider(NotpAuthenticationProvider authenticationProvider) {
		this.endpoints.authenticationProvider(authenticationProvider);
		return this;
	}

	/**
	 * The login settings (polling interval, most flows per session, default region and
	 * method, default success URL).
	 * @param settings default the unique {@link NotpLoginSettings} bean, else
	 * {@link NotpLoginSettings#DEFAULTS}
	 * @return this spec
	 */
	public ServerNotpLoginSpec settings(NotpLoginSettings settings) {
		this.endpoints.settings(settings);
		return this;
	}

	/**
	 * Where a flow is started.
	 * @return the path
	 */
	public String getStartUrl() {
		return this.endpoints.getStartUrl();
	}

	/**
	 * Where a flow is polled and completed.
	 * @return the path
	 */
	public String getSessionUrl() {
		return this.endpoints.getSessionUrl();
	}

	// ---- end of the login endpoints ----

	/**
	 * The login's public GETs: the default page after the CSRF filter (it needs the
	 * token), the configuration endpoint before it (its answer carries no CSRF cookie, so
	 * shared caches may keep it), and the request cache.
	 * @param http the chain's builder
	 */
	private void configurePages(ServerHttpSecurity http) {
		ServerRequestCache cache = getRequestCache();
		http.requestCache((requestCache) -> requestCache.requestCache(cache));
		if (!this.customLoginPage) {
			NotpLoginSettings settings = ServerCollaborators.bean(this.context, NotpLoginSettings.class);
			NotpLoginPage page = new NotpLoginPage(this.endpoints.getStartUrl(), this.endpoints.getSessionUrl());
			page.setPollingInterval(((settings != null) ? settings : NotpLoginSettings.DEFAULTS).pollingInterval());
			http.addFilterAt(new NotpLoginPageWebFilter(this.loginPage, page),
					SecurityWebFiltersOrder.LOGIN_PAGE_GENERATING);
		}
		DescopeSdkConfiguration sdk = sdkConfigurationServed();
		if (this.sdkConfigurationUrl != null && sdk != null) {
			http.addFilterBefore(new DescopeSdkConfigurationWebFilter(this.sdkConfigurationUrl, sdk),
					SecurityWebFiltersOrder.CSRF);
		}
	}

	/**
	 * The configuration endpoint's options: the DSL value, else the bean, as this chain
	 * serves them (its token repository's storage, its cookie settings, the session
	 * settings bean or the defaults).
	 * @return the options, or {@code null} for no endpoint
	 */
	private @Nullable DescopeSdkConfiguration sdkConfigurationServed() {
		DescopeSdkConfiguration base = (this.sdkConfiguration != null) ? this.sdkConfiguration
				: ServerCollaborators.bean(this.context, DescopeSdkConfiguration.class);
		if (base == null) {
			return null;
		}
		ServerDescopeTokenRepository tokens = ServerCollaborators.bean(this.context,
				ServerDescopeTokenRepository.class);
		DescopeSessionSettings session = ServerCollaborators.bean(this.context, DescopeSessionSettings.class);
		return base.servedBy((tokens != null) ? tokens.storage() : DescopeTokenStorage.HTTP_SESSION,
				this.sessionTokens.getCookieSettings(this.context),
				(session != null) ? session : DescopeSessionSettings.DEFAULTS);
	}

	private ServerWebExchangeMatcher loginPages() {
		return (this.sdkConfigurationUrl != null)
				? ServerWebExchangeMatchers.pathMatchers(this.loginPage, this.sdkConfigurationUrl)
				: ServerWebExchangeMatchers.pathMatchers(this.loginPage);
	}

	private ServerProblemDetailsWriter problems() {
		return new ServerProblemDetailsWriter(getNavigationMatcher());
	}

}
