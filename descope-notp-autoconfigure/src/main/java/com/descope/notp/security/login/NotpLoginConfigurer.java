package com.descope.notp.security.login;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeTokenStorage;
import com.descope.notp.core.DescopeUnavailableException;
import com.descope.notp.core.NotpAuthenticationFailedException;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.core.SameOriginPaths;
import com.descope.notp.limits.InMemoryKeyedRateLimiter;
import com.descope.notp.limits.NotpStartGuard;
import com.descope.notp.limits.StartLimits;
import com.descope.notp.security.BrowserNavigationRequestMatcher;
import com.descope.notp.security.Collaborators;
import com.descope.notp.security.DescopeBearerTokenResolver;
import com.descope.notp.security.session.DescopeAccessDeniedHandler;
import com.descope.notp.security.session.DescopeSessionTokensConfigurer;
import com.descope.notp.security.session.DescopeTokenRepository;
import com.descope.notp.web.DescopeSdkConfiguration;
import com.descope.notp.web.DescopeSdkConfigurationFilter;
import com.descope.notp.web.NotpLoginPageGeneratingFilter;
import com.descope.notp.web.NotpStartRequestReader;
import com.descope.notp.web.PhoneNumberNormalizer;
import com.descope.notp.web.ProblemDetailsWriter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.HttpSecurityBuilder;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * Adds WhatsApp login through Descope nOTP to a filter chain, in the manner of Spring
 * Security's {@code oneTimeTokenLogin()}:
 *
 * <pre>
 * http.with(NotpLoginConfigurer.notpLogin(), (notp) -&gt; notp.loginPage("/login/notp")
 *     .sessionTokens((tokens) -&gt; tokens.refreshUrl("/auth/refresh")));
 * </pre>
 *
 * The login part installs:
 * <ul>
 * <li>{@link NotpStartFilter} at {@code POST /login/notp} (start a flow);</li>
 * <li>{@link NotpAuthenticationFilter} at {@code POST /login/notp/session} (complete it),
 * with {@link NotpAuthenticationSuccessHandler} and
 * {@link NotpAuthenticationFailureHandler};</li>
 * <li>{@link NotpLoginPageGeneratingFilter} at {@code GET /login/notp} (the default page)
 * unless a custom login page is set;</li>
 * <li>{@link DescopeSdkConfigurationFilter} at {@code GET /login/notp/config}: what a
 * front end gives Descope's SDK (project, API URL, token storage and cookies), public and
 * cacheable;</li>
 * <li>one {@link BrowserNavigationRequestMatcher} (or the one given to
 * {@link #navigationRequestMatcher(RequestMatcher)}) that splits every answer:
 * unauthenticated browser navigations are sent to the login page, other requests get the
 * session-token part's API entry point; refused navigations get the application's error
 * page (Spring's {@link AccessDeniedHandlerImpl}), refused API calls {@code 403}
 * problem+json ({@link DescopeAccessDeniedHandler}); the starter's
 * {@code 429}/{@code 503} answers are the error page (with {@code Retry-After}) for
 * navigations; a failed login posted by a plain HTML form returns to the login page with
 * {@code ?error};</li>
 * <li>a request cache that remembers only {@code GET} navigations as the page to return
 * to after login, so a script's call, an icon or a DevTools probe never replaces it and
 * never creates an HTTP session (set only when the application configured no
 * {@link RequestCache} of its own, on {@code http.requestCache(..)} or as a bean); with
 * the pending flows in a cookie ({@link CookiePendingFlowRepository}) it is Spring's
 * {@link CookieRequestCache}, so that no step of the login creates a session;</li>
 * <li>logout returns to the login page ({@code ?logout}) unless a logout success URL is
 * set; CSRF protection is left on but does not apply to a request that carries an
 * {@code Authorization: Bearer} header and no ambient credential: no HTTP-session cookie
 * and no session- or refresh-JWT cookie (as the OAuth2 resource server exempts bearer
 * requests, but a bearer header a cross-site page adds beside the victim's cookies does
 * not skip the check).</li>
 * </ul>
 * The session-token part ({@link #sessionTokens(Customizer)},
 * {@link DescopeSessionTokensConfigurer}) authenticates bearer and {@code DS}-cookie
 * requests, keeps and refreshes the stored tokens, and logs out at Descope. Each
 * collaborator comes from this DSL first, then from a unique bean of its type, then a
 * default; a {@link DescopeClient} and a {@code JwtDecoder} must be given or be beans
 * (the auto-configuration provides both from {@code descope.*}).
 *
 * @param <H> the security builder
 */
public final class NotpLoginConfigurer<H extends HttpSecurityBuilder<H>>
		extends AbstractHttpConfigurer<NotpLoginConfigurer<H>, H> {

	private String loginPage = "/login/notp";

	private boolean customLoginPage;

	private String startUrl = "/login/notp";

	private String sessionUrl = "/login/notp/session";

	private @Nullable String sdkConfigurationUrl = "/login/notp/config";

	private @Nullable DescopeSdkConfiguration sdkConfiguration;

	private @Nullable String defaultSuccessUrl;

	private @Nullable DescopeClient descopeClient;

	private @Nullable NotpAuthenticationProvider authenticationProvider;

	private @Nullable NotpLoginService loginService;

	private @Nullable PendingFlowRepository pendingFlowRepository;

	private @Nullable NotpLoginSettings settings;

	private @Nullable AuthenticationSuccessHandler successHandler;

	private @Nullable AuthenticationFailureHandler failureHandler;

	private @Nullable RequestMatcher navigationRequestMatcher;

	private @Nullable HttpSessionRequestCache requestCache;

	private @Nullable ProblemDetailsWriter problems;

	private final DescopeSessionTokensConfigurer<H> sessionTokens = new DescopeSessionTokensConfigurer<>();

	private @Nullable NotpStartRequestResolver startRequestResolver;

	private @Nullable NotpStartSuccessHandler startSuccessHandler;

	private @Nullable AuthenticationConverter authenticationConverter;

	/**
	 * A new configurer, for {@code http.with(notpLogin(), customizer)}.
	 * @param <H> the security builder
	 * @return the configurer
	 */
	public static <H extends HttpSecurityBuilder<H>> NotpLoginConfigurer<H> notpLogin() {
		return new NotpLoginConfigurer<>();
	}

	/**
	 * A custom login page; the default page is then not served, and browsers are sent
	 * here.
	 * @param loginPage a path, for example {@code /signin}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> loginPage(String loginPage) {
		Assert.hasText(loginPage, "loginPage must not be empty");
		this.loginPage = loginPage;
		this.customLoginPage = !loginPage.equals(this.startUrl);
		return this;
	}

	/**
	 * The start endpoint.
	 * @param startUrl default {@code /login/notp} (POST)
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> startUrl(String startUrl) {
		Assert.hasText(startUrl, "startUrl must not be empty");
		this.startUrl = startUrl;
		return this;
	}

	/**
	 * The completion endpoint.
	 * @param sessionUrl default {@code /login/notp/session} (POST)
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> sessionUrl(String sessionUrl) {
		Assert.hasText(sessionUrl, "sessionUrl must not be empty");
		this.sessionUrl = sessionUrl;
		return this;
	}

	/**
	 * The configuration endpoint: the options a front end gives Descope's SDK
	 * ({@link DescopeSdkConfiguration}), public and cacheable
	 * ({@link DescopeSdkConfigurationFilter}).
	 * @param sdkConfigurationUrl default {@code /login/notp/config} ({@code GET});
	 * {@code null} for no endpoint
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> sdkConfigurationUrl(@Nullable String sdkConfigurationUrl) {
		Assert.isTrue(sdkConfigurationUrl == null || !sdkConfigurationUrl.isBlank(),
				"sdkConfigurationUrl must not be empty");
		this.sdkConfigurationUrl = sdkConfigurationUrl;
		return this;
	}

	/**
	 * The options the configuration endpoint answers. Their token storage, cookie and
	 * session options are replaced by this chain's own (its token repository's storage,
	 * the cookie and session settings of {@link #sessionTokens(Customizer)}), so the
	 * endpoint always says what the chain does.
	 * @param sdkConfiguration default a unique {@link DescopeSdkConfiguration} bean, else
	 * the project and API URL of the {@link DescopeClient}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> sdkConfiguration(DescopeSdkConfiguration sdkConfiguration) {
		Assert.notNull(sdkConfiguration, "sdkConfiguration must not be null");
		this.sdkConfiguration = sdkConfiguration;
		return this;
	}

	/**
	 * Where the default success handler sends the browser when no page was asked for
	 * first. It wins over {@link NotpLoginSettings#defaultSuccessUrl()}
	 * ({@code descope.notp.default-success-url}).
	 * @param defaultSuccessUrl a path of the application relative to its context path,
	 * such as {@code /home}; default the settings' ({@code /})
	 * @return this configurer
	 * @throws IllegalArgumentException when it is not a same-origin path
	 * ({@link SameOriginPaths})
	 */
	public NotpLoginConfigurer<H> defaultSuccessUrl(String defaultSuccessUrl) {
		Assert.isTrue(SameOriginPaths.isSafe(defaultSuccessUrl),
				"defaultSuccessUrl must be a path of this application, such as /home");
		this.defaultSuccessUrl = defaultSuccessUrl;
		return this;
	}

	/**
	 * The Descope client.
	 * @param descopeClient the client
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> descopeClient(DescopeClient descopeClient) {
		this.descopeClient = descopeClient;
		this.sessionTokens.descopeClient(descopeClient);
		return this;
	}

	/**
	 * What a start request asks for.
	 * @param startRequestResolver default a unique {@link NotpStartRequestResolver} bean,
	 * else {@link DefaultNotpStartRequestResolver} on the login settings
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> startRequestResolver(NotpStartRequestResolver startRequestResolver) {
		Assert.notNull(startRequestResolver, "startRequestResolver must not be null");
		this.startRequestResolver = startRequestResolver;
		return this;
	}

	/**
	 * How a started flow is answered.
	 * @param startSuccessHandler default {@link DefaultNotpStartSuccessHandler}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> startSuccessHandler(NotpStartSuccessHandler startSuccessHandler) {
		Assert.notNull(startSuccessHandler, "startSuccessHandler must not be null");
		this.startSuccessHandler = startSuccessHandler;
		return this;
	}

	/**
	 * How the completion request's {@code pendingRef} is read (a request-to-
	 * {@code Authentication} converter, as in Spring's one-time-token login; not to be
	 * confused with the session-token part's {@code DescopeJwtAuthenticationConverter}).
	 * @param authenticationConverter default {@link NotpAuthenticationConverter}; must
	 * answer a {@code NotpAuthenticationToken}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> authenticationConverter(AuthenticationConverter authenticationConverter) {
		Assert.notNull(authenticationConverter, "authenticationConverter must not be null");
		this.authenticationConverter = authenticationConverter;
		return this;
	}

	/**
	 * Customises the session-token part: bearer and {@code DS}-cookie authentication, the
	 * stored tokens and their refresh, logout at Descope, the API entry point.
	 * @param customizer customises the {@link DescopeSessionTokensConfigurer}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> sessionTokens(Customizer<DescopeSessionTokensConfigurer<H>> customizer) {
		customizer.customize(this.sessionTokens);
		return this;
	}

	/**
	 * The provider that completes logins.
	 * @param authenticationProvider the provider
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> authenticationProvider(NotpAuthenticationProvider authenticationProvider) {
		this.authenticationProvider = authenticationProvider;
		return this;
	}

	/**
	 * The service that starts flows with Descope; by default a {@link NotpLoginService}
	 * bean, else one on the Descope client and the settings' flow time-out. A service
	 * given here checks starts with the {@link NotpStartGuard} it was given
	 * ({@link NotpLoginService#setStartGuard}), or none.
	 * @param loginService the service
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> loginService(NotpLoginService loginService) {
		Assert.notNull(loginService, "loginService must not be null");
		this.loginService = loginService;
		return this;
	}

	/**
	 * Where pending flows are bound to browser sessions; wins over the bean the
	 * auto-configuration makes from {@code descope.notp.pending-flows}.
	 * @param pendingFlowRepository the repository
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> pendingFlowRepository(PendingFlowRepository pendingFlowRepository) {
		this.pendingFlowRepository = pendingFlowRepository;
		return this;
	}

	/**
	 * The login settings (polling interval, flow timeout, default method and region,
	 * default success URL).
	 * @param settings the settings
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> settings(NotpLoginSettings settings) {
		this.settings = settings;
		return this;
	}

	/**
	 * The handler of a completed login.
	 * @param successHandler default {@link NotpAuthenticationSuccessHandler}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> successHandler(AuthenticationSuccessHandler successHandler) {
		this.successHandler = successHandler;
		return this;
	}

	/**
	 * The handler of a failed completion.
	 * @param failureHandler default {@link NotpAuthenticationFailureHandler}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> failureHandler(AuthenticationFailureHandler failureHandler) {
		this.failureHandler = failureHandler;
		return this;
	}

	/**
	 * Which requests are browser navigations, answered with pages and redirects and
	 * remembered as the page to return to after login; all others are API calls, answered
	 * with problem+json.
	 * @param navigationRequestMatcher default a unique
	 * {@link BrowserNavigationRequestMatcher} bean, else one on the chain's shared
	 * {@code ContentNegotiationStrategy}
	 * @return this configurer
	 */
	public NotpLoginConfigurer<H> navigationRequestMatcher(RequestMatcher navigationRequestMatcher) {
		Assert.notNull(navigationRequestMatcher, "navigationRequestMatcher must not be null");
		this.navigationRequestMatcher = navigationRequestMatcher;
		return this;
	}

	/**
	 * Shares a request cache of the starter's before Spring's
	 * {@code RequestCacheConfigurer} makes its default one, unless the application
	 * already shares one or defines a bean; {@link #init} gives it the navigation
	 * matcher. Done here because the default configurers run their {@code init} before
	 * this one, and an application's own cache set later replaces ours.
	 */
	@Override
	public void setBuilder(H http) {
		super.setBuilder(http);
		if (http.getSharedObject(RequestCache.class) == null && Collaborators.bean(http, RequestCache.class) == null) {
			this.requestCache = new HttpSessionRequestCache();
			http.setSharedObject(RequestCache.class, this.requestCache);
		}
	}

	@Override
	public void init(H http) {
		RequestMatcher navigation = getNavigationRequestMatcher(http);
		if (this.requestCache != null && http.getSharedObject(RequestCache.class) == this.requestCache) {
			RequestMatcher remembered = new AndRequestMatcher(
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**"), navigation);
			if (pendingFlowRepository(http, settings(http)) instanceof CookiePendingFlowRepository) {
				// the stateless login: the page to return to lives in a cookie too, so no
				// step of the login creates an HTTP session and any instance can finish
				// it
				http.setSharedObject(RequestCache.class, cookieRequestCache(http, remembered));
			}
			else {
				this.requestCache.setRequestMatcher(remembered);
			}
		}
		ExceptionHandlingConfigurer<H> exceptionHandling = http.getConfigurer(ExceptionHandlingConfigurer.class);
		if (exceptionHandling != null) {
			exceptionHandling.defaultAuthenticationEntryPointFor(
					postProcess(new LoginUrlAuthenticationEntryPoint(this.loginPage)), navigation);
			exceptionHandling.defaultAuthenticationEntryPointFor(
					this.sessionTokens.getAuthenticationEntryPoint(problems(http)), AnyRequestMatcher.INSTANCE);
			exceptionHandling.defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), navigation);
			DescopeAccessDeniedHandler api = new DescopeAccessDeniedHandler();
			api.setProblemDetailsWriter(problems(http));
			exceptionHandling.defaultAccessDeniedHandlerFor(api, AnyRequestMatcher.INSTANCE);
		}
		LogoutConfigurer<H> logout = http.getConfigurer(LogoutConfigurer.class);
		if (logout != null) {
			SimpleUrlLogoutSuccessHandler toLoginPage = new SimpleUrlLogoutSuccessHandler();
			toLoginPage.setDefaultTargetUrl(this.loginPage + "?logout");
			logout.defaultLogoutSuccessHandlerFor(toLoginPage, AnyRequestMatcher.INSTANCE);
		}
		this.sessionTokens.init(http);
		CsrfConfigurer<H> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(new BearerOnlyRequestMatcher(this.sessionTokens.getCookieSettings(http)));
		}
	}

	@Override
	public void configure(H http) {
		NotpLoginSettings settings = settings(http);
		PendingFlowRepository flows = pendingFlowRepository(http, settings);
		DescopeTokenRepository tokens = this.sessionTokens.getTokenRepository(http);
		AuthenticationEventPublisher events = eventPublisher(http);

		ProblemDetailsWriter loginProblems = problems(http).redirectingNavigationsTo(this.loginPage + "?error");
		NotpStartFilter startFilter = new NotpStartFilter(getLoginService(http, settings),
				getStartRequestResolver(settings), flows, tokens);
		if (this.startSuccessHandler != null) {
			startFilter.setSuccessHandler(this.startSuccessHandler);
		}
		startFilter.setRequestMatcher(Collaborators.post(this.startUrl));
		startFilter.setProblemDetailsWriter(loginProblems);
		http.addFilterBefore(postProcess(startFilter), UsernamePasswordAuthenticationFilter.class);

		ProviderManager loginManager = new ProviderManager(authenticationProvider(http));
		loginManager.setAuthenticationEventPublisher(events);
		NotpAuthenticationFilter loginFilter = new NotpAuthenticationFilter(Collaborators.post(this.sessionUrl),
				Collaborators.postProcess(http, loginManager), flows);
		loginFilter.setObservationRegistry(Collaborators.observationRegistry(http));
		if (this.authenticationConverter != null) {
			loginFilter.setAuthenticationConverter(this.authenticationConverter);
		}
		loginFilter.setSessionAuthenticationStrategy(Collaborators.sharedOrDefault(http,
				SessionAuthenticationStrategy.class, new ChangeSessionIdAuthenticationStrategy()));
		SecurityContextRepository contextRepository = Collaborators.sharedOrDefault(http,
				SecurityContextRepository.class, new HttpSessionSecurityContextRepository());
		loginFilter.setSecurityContextRepository((tokens.storage() == DescopeTokenStorage.HTTP_SESSION)
				? contextRepository : new RequestAttributeSecurityContextRepository());
		RememberMeServices rememberMe = http.getSharedObject(RememberMeServices.class);
		if (rememberMe != null) {
			loginFilter.setRememberMeServices(rememberMe);
		}
		loginFilter.setAuthenticationSuccessHandler(successHandler(http, tokens));
		loginFilter.setAuthenticationFailureHandler(failureHandler(loginProblems));
		http.addFilterBefore(postProcess(loginFilter), UsernamePasswordAuthenticationFilter.class);

		if (!this.customLoginPage) {
			NotpLoginPageGeneratingFilter page = new NotpLoginPageGeneratingFilter(this.loginPage, this.startUrl,
					this.sessionUrl);
			page.setRefreshUrl(this.sessionTokens.getRefreshUrl());
			page.setPollingInterval(settings.pollingInterval());
			http.addFilterBefore(postProcess(page), DefaultLoginPageGeneratingFilter.class);
		}

		DescopeSdkConfiguration sdk = sdkConfiguration(http, tokens);
		if (this.sdkConfigurationUrl != null && sdk != null) {
			// after the CORS filter, before CSRF: the answer carries no CSRF cookie, so
			// shared caches may keep it
			http.addFilterBefore(postProcess(new DescopeSdkConfigurationFilter(this.sdkConfigurationUrl, sdk)),
					CsrfFilter.class);
		}

		this.sessionTokens.configure(http, problems(http), contextRepository, events, this::postProcess);
	}

	/**
	 * The options of the configuration endpoint: the DSL value, else the bean, else the
	 * client's project and API URL (none without a client), as this chain serves them
	 * ({@link DescopeSdkConfiguration#servedBy}: its token storage, cookie names and
	 * attributes and session settings).
	 * @param http the security builder
	 * @param tokens the chain's token repository
	 * @return the options, or {@code null} for no endpoint
	 */
	private @Nullable DescopeSdkConfiguration sdkConfiguration(H http, DescopeTokenRepository tokens) {
		DescopeSdkConfiguration base = this.sdkConfiguration;
		if (base == null) {
			base = Collaborators.bean(http, DescopeSdkConfiguration.class);
		}
		if (base == null) {
			DescopeClient client = (this.descopeClient != null) ? this.descopeClient
					: Collaborators.bean(http, DescopeClient.class);
			if (client == null) {
				return null;
			}
			base = DescopeSdkConfiguration.of(client.getProjectId(), client.getBaseUrl());
		}
		return base.servedBy(tokens.storage(), this.sessionTokens.getCookieSettings(http),
				this.sessionTokens.getSessionSettings(http));
	}

	private NotpStartRequestResolver getStartRequestResolver(NotpLoginSettings settings) {
		if (this.startRequestResolver == null) {
			NotpStartRequestResolver bean = Collaborators.bean(getBuilder(), NotpStartRequestResolver.class);
			this.startRequestResolver = (bean != null) ? bean
					: new DefaultNotpStartRequestResolver(new NotpStartRequestReader(
							new PhoneNumberNormalizer(settings.defaultRegion()), settings.defaultMethod()));
		}
		return this.startRequestResolver;
	}

	private AuthenticationFailureHandler failureHandler(ProblemDetailsWriter loginProblems) {
		if (this.failureHandler != null) {
			return this.failureHandler;
		}
		NotpAuthenticationFailureHandler handler = new NotpAuthenticationFailureHandler();
		handler.setProblemDetailsWriter(loginProblems);
		return handler;
	}

	/**
	 * The navigation matcher: from the DSL, else a unique
	 * {@link BrowserNavigationRequestMatcher} bean, else one resolving media types with
	 * the chain's shared {@code ContentNegotiationStrategy}.
	 * @param http the builder, for its beans and shared objects
	 * @return the matcher, resolved once and then kept
	 */
	private RequestMatcher getNavigationRequestMatcher(H http) {
		if (this.navigationRequestMatcher == null) {
			BrowserNavigationRequestMatcher bean = Collaborators.bean(http, BrowserNavigationRequestMatcher.class);
			this.navigationRequestMatcher = (bean != null) ? bean : new BrowserNavigationRequestMatcher(Collaborators
				.sharedOrDefault(http, ContentNegotiationStrategy.class, new HeaderContentNegotiationStrategy()));
		}
		return this.navigationRequestMatcher;
	}

	/**
	 * The one writer of the chain's problems, negotiating with the navigation matcher.
	 * @param http the builder, for the navigation matcher
	 * @return the writer, made once and then kept
	 */
	private ProblemDetailsWriter problems(H http) {
		if (this.problems == null) {
			this.problems = new ProblemDetailsWriter(getNavigationRequestMatcher(http));
		}
		return this.problems;
	}

	private NotpLoginSettings settings(H http) {
		if (this.settings == null) {
			NotpLoginSettings bean = Collaborators.bean(http, NotpLoginSettings.class);
			this.settings = (bean != null) ? bean : NotpLoginSettings.DEFAULTS;
		}
		return this.settings;
	}

	/**
	 * Spring's {@link CookieRequestCache} (an {@code HttpOnly} cookie with the path to
	 * return to, under the context path), with {@code Secure} and {@code SameSite} as
	 * {@code descope.cookie.*} say.
	 * @param http the security builder, for the cookie settings
	 * @param remembered the requests to remember
	 * @return the request cache
	 */
	private CookieRequestCache cookieRequestCache(H http, RequestMatcher remembered) {
		DescopeCookieSettings cookies = this.sessionTokens.getCookieSettings(http);
		CookieRequestCache cache = new LoginRedirectCookieRequestCache();
		cache.setRequestMatcher(remembered);
		cache.setCookieCustomizer((cookie) -> {
			cookie.setSecure(cookies.secure());
			cookie.setAttribute("SameSite", cookies.sameSite());
		});
		return cache;
	}

	private PendingFlowRepository pendingFlowRepository(H http, NotpLoginSettings settings) {
		if (this.pendingFlowRepository == null) {
			PendingFlowRepository bean = Collaborators.bean(http, PendingFlowRepository.class);
			this.pendingFlowRepository = (bean != null) ? bean : new HttpSessionPendingFlowRepository(
					settings.maxFlowsPerSession(), settings.pollingInterval(), java.time.Clock.systemUTC());
		}
		return this.pendingFlowRepository;
	}

	/**
	 * The service that starts flows: the DSL value, else the bean, else one on the
	 * client. A client or decoder given to the DSL wins over the bean, which is made on
	 * the bean client. One made here checks starts with the {@link NotpStartGuard} bean,
	 * else with the default limits in memory.
	 * @param http the security builder
	 * @param settings the login settings, for the flow time-out of a new service
	 * @return the login service
	 */
	private NotpLoginService getLoginService(H http, NotpLoginSettings settings) {
		if (this.loginService == null) {
			NotpLoginService bean = this.sessionTokens.hasOwnClientOrDecoder() ? null
					: Collaborators.bean(http, NotpLoginService.class);
			if (bean != null) {
				this.loginService = bean;
			}
			else {
				NotpLoginService service = new NotpLoginService(
						Collaborators.required(http, this.descopeClient, DescopeClient.class), settings.flowTimeout());
				NotpStartGuard guard = Collaborators.bean(http, NotpStartGuard.class);
				service.setStartGuard((guard != null) ? guard : new NotpStartGuard(StartLimits.DEFAULTS,
						new InMemoryKeyedRateLimiter(), settings.defaultRegion()));
				service.setObservationRegistry(Collaborators.observationRegistry(http));
				this.loginService = service;
			}
		}
		return this.loginService;
	}

	private NotpAuthenticationProvider authenticationProvider(H http) {
		if (this.authenticationProvider == null) {
			// the bean is made on the bean client and decoder: not when the DSL names
			// others
			NotpAuthenticationProvider bean = this.sessionTokens.hasOwnClientOrDecoder() ? null
					: Collaborators.bean(http, NotpAuthenticationProvider.class);
			this.authenticationProvider = (bean != null) ? bean : new NotpAuthenticationProvider(
					Collaborators.required(http, this.descopeClient, DescopeClient.class),
					this.sessionTokens.getJwtDecoder(http), this.sessionTokens.getAuthenticationConverter(http));
		}
		return this.authenticationProvider;
	}

	private AuthenticationSuccessHandler successHandler(H http, DescopeTokenRepository tokens) {
		if (this.successHandler != null) {
			return this.successHandler;
		}
		NotpAuthenticationSuccessHandler handler = new NotpAuthenticationSuccessHandler(tokens);
		handler.setDefaultTargetUrl(
				(this.defaultSuccessUrl != null) ? this.defaultSuccessUrl : settings(http).defaultSuccessUrl());
		handler.setSessionSettings(this.sessionTokens.getSessionSettings(http));
		handler.setCookieSettings(this.sessionTokens.getCookieSettings(http));
		handler.setEventPublisher(Collaborators.applicationEvents(http));
		handler.setRequestCache(Collaborators.sharedOrDefault(http, RequestCache.class, new HttpSessionRequestCache()));
		return handler;
	}

	private AuthenticationEventPublisher eventPublisher(H http) {
		AuthenticationEventPublisher bean = Collaborators.bean(http, AuthenticationEventPublisher.class);
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		AuthenticationEventPublisher publisher = (bean != null) ? bean : (context != null)
				? new DefaultAuthenticationEventPublisher(context) : new DefaultAuthenticationEventPublisher();
		if (publisher instanceof DefaultAuthenticationEventPublisher defaults) {
			// it maps exceptions by exact class, so our subclasses would publish no
			// failure event
			defaults.setAdditionalExceptionMappings(
					Map.of(NotpAuthenticationFailedException.class, AuthenticationFailureBadCredentialsEvent.class,
							DescopeUnavailableException.class, AuthenticationFailureServiceExceptionEvent.class));
		}
		return publisher;
	}

	/**
	 * Matches the requests CSRF protection leaves alone: those with a well-formed
	 * {@code Authorization: Bearer <token>} header (scheme case-insensitive, read once
	 * per request, {@link DescopeBearerTokenResolver#hasBearerToken}) and no cookie a
	 * browser adds by itself that authenticates: the servlet container's session cookie
	 * (its configured name, {@code server.servlet.session.cookie.name}, else
	 * {@code JSESSIONID}), Spring Session's default {@code SESSION}, and the session- and
	 * refresh-JWT cookies ({@code descope.cookie.session-name}, {@code refresh-name}). A
	 * cross-site page that may send {@code Authorization} (a permissive CORS policy)
	 * would otherwise skip the check with any well-formed bearer value beside the
	 * victim's cookies.
	 */
	static final class BearerOnlyRequestMatcher implements RequestMatcher {

		private static final String DEFAULT_SESSION_COOKIE = "JSESSIONID";

		private static final String SPRING_SESSION_COOKIE = "SESSION";

		private final Set<String> credentialCookies;

		BearerOnlyRequestMatcher(DescopeCookieSettings cookies) {
			this.credentialCookies = Set.copyOf(List.of(DEFAULT_SESSION_COOKIE, SPRING_SESSION_COOKIE,
					cookies.sessionCookieName(), cookies.refreshCookieName()));
		}

		@Override
		public boolean matches(HttpServletRequest request) {
			return DescopeBearerTokenResolver.hasBearerToken(request) && !carriesCredentialCookie(request);
		}

		private boolean carriesCredentialCookie(HttpServletRequest request) {
			Cookie[] cookies = request.getCookies();
			if (cookies == null) {
				return false;
			}
			String containerSessionCookie = containerSessionCookie(request);
			for (Cookie cookie : cookies) {
				if (this.credentialCookies.contains(cookie.getName())
						|| cookie.getName().equals(containerSessionCookie)) {
					return true;
				}
			}
			return false;
		}

		private static @Nullable String containerSessionCookie(HttpServletRequest request) {
			ServletContext context = request.getServletContext();
			return (context != null) ? context.getSessionCookieConfig().getName() : null;
		}

	}

	/**
	 * Spring's {@link CookieRequestCache}, read only by the login's success handler for
	 * the page to return to. Spring's own hands the saved request to the next request for
	 * the same URL, so a script's {@code fetch} of the page asked for would consume it
	 * before the login; {@link HttpSessionRequestCache} matches only a request with its
	 * {@code continue} parameter. Only {@code GET} navigations are saved, and the page to
	 * return to keeps its query string, so there is nothing to restore.
	 */
	private static final class LoginRedirectCookieRequestCache extends CookieRequestCache {

		@Override
		public @Nullable HttpServletRequest getMatchingRequest(HttpServletRequest request,
				HttpServletResponse response) {
			return null;
		}

	}

}
