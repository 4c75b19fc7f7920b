package com.descope.notp.security.reactive.session;

import java.net.URI;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.security.reactive.ServerCollaborators;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.LogoutWebFilter;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.web.server.WebFilter;

/**
 * The session-token part of the reactive {@code notpLogin()}, the twin of the servlet
 * side's {@code DescopeSessionTokensConfigurer}, customised through
 * {@code ServerNotpLoginSpec.sessionTokens(..)}. It installs:
 * <ul>
 * <li>Spring Security's reactive resource server
 * ({@code ServerHttpSecurity.oauth2ResourceServer(..)}) for session JWTs sent as
 * {@code Authorization: Bearer}, read by {@link ServerDescopeBearerTokenConverter},
 * validated by the {@link ReactiveJwtDecoder} and turned into an {@code Authentication}
 * by the {@link DescopeJwtAuthenticationConverter}; as Spring's resource server does, it
 * leaves CSRF protection on but not for requests with a bearer token;</li>
 * <li>{@link ServerDescopeSessionTokenWebFilter}, which authenticates from the tokens the
 * {@link ServerDescopeTokenRepository} keeps and refreshes them before they expire, and
 * otherwise hands a front end's {@code DS} cookie to
 * {@link DescopeSessionCookieWebFilter}, through the same decoder and converter (only
 * that cookie filter when there is no {@link DescopeSessionManager});</li>
 * <li>{@link ServerNotpRefreshWebFilter} at {@code POST /login/notp/refresh};</li>
 * <li>on the chain's logout ({@code POST /logout}) and at {@code POST /logout/all},
 * {@link ServerDescopeLogoutHandler} (revoke at Descope, clear the tokens, cookies and
 * {@code WebSession});</li>
 * <li>the API entry point ({@link ServerDescopeAuthenticationEntryPoint}), also for
 * refused tokens.</li>
 * </ul>
 * Each collaborator comes from this DSL first, then from a unique bean of its type in the
 * application context, then a default. The decoder's default is the
 * {@link ReactiveJwtDecoder} bean, else the {@link JwtDecoder} bean on a bounded
 * scheduler ({@link BlockingJwtDecoderAdapter}).
 */
public final class ServerSessionTokensSpec {

	private boolean enabled = true;

	private @Nullable ReactiveJwtDecoder jwtDecoder;

	private @Nullable DescopeJwtAuthenticationConverter authenticationConverter;

	private @Nullable DescopeCookieSettings cookieSettings;

	private @Nullable ServerAuthenticationEntryPoint authenticationEntryPoint;

	private @Nullable ServerDescopeTokenRepository tokenRepository;

	private @Nullable DescopeSessionManager sessionManager;

	private @Nullable DescopeSessionSettings sessionSettings;

	private @Nullable ServerDescopeSessionRefresher refresher;

	private String refreshUrl = "/login/notp/refresh";

	private String logoutEverywhereUrl = "/logout/all";

	/**
	 * Whether requests are authenticated from a bearer session JWT or a {@code DS}
	 * cookie.
	 * @param enabled default {@code true}
	 * @return this spec
	 */
	public ServerSessionTokensSpec enabled(boolean enabled) {
		this.enabled = enabled;
		return this;
	}

	/**
	 * The session-token decoder.
	 * @param jwtDecoder default the {@link ReactiveJwtDecoder} bean, else the
	 * {@link JwtDecoder} bean on a bounded scheduler
	 * @return this spec
	 */
	public ServerSessionTokensSpec jwtDecoder(ReactiveJwtDecoder jwtDecoder) {
		this.jwtDecoder = jwtDecoder;
		return this;
	}

	/**
	 * How a validated session JWT becomes an {@code Authentication}.
	 * @param authenticationConverter default the bean, else a
	 * {@link DescopeJwtAuthenticationConverter} with the default authority mapping
	 * @return this spec
	 */
	public ServerSessionTokensSpec authenticationConverter(DescopeJwtAuthenticationConverter authenticationConverter) {
		this.authenticationConverter = authenticationConverter;
		return this;
	}

	/**
	 * The starter's cookie names and attributes (the {@code DS} cookie's name).
	 * @param cookieSettings default the bean, else {@link DescopeCookieSettings#DEFAULTS}
	 * @return this spec
	 */
	public ServerSessionTokensSpec cookieSettings(DescopeCookieSettings cookieSettings) {
		this.cookieSettings = cookieSettings;
		return this;
	}

	/**
	 * The entry point of unauthenticated API calls and refused session tokens.
	 * @param authenticationEntryPoint default
	 * {@link ServerDescopeAuthenticationEntryPoint}
	 * @return this spec
	 */
	public ServerSessionTokensSpec authenticationEntryPoint(ServerAuthenticationEntryPoint authenticationEntryPoint) {
		this.authenticationEntryPoint = authenticationEntryPoint;
		return this;
	}

	/**
	 * The refresh endpoint.
	 * @param refreshUrl default {@code /login/notp/refresh} ({@code POST})
	 * @return this spec
	 */
	public ServerSessionTokensSpec refreshUrl(String refreshUrl) {
		Assert.hasText(refreshUrl, "refreshUrl must not be empty");
		this.refreshUrl = refreshUrl;
		return this;
	}

	/**
	 * The "log out everywhere" endpoint, which revokes every session of the user at
	 * Descope.
	 * @param logoutEverywhereUrl default {@code /logout/all} ({@code POST})
	 * @return this spec
	 */
	public ServerSessionTokensSpec logoutEverywhereUrl(String logoutEverywhereUrl) {
		Assert.hasText(logoutEverywhereUrl, "logoutEverywhereUrl must not be empty");
		this.logoutEverywhereUrl = logoutEverywhereUrl;
		return this;
	}

	/**
	 * The refresh endpoint's path.
	 * @return the path, default {@code /login/notp/refresh}
	 */
	public String getRefreshUrl() {
		return this.refreshUrl;
	}

	/**
	 * Where the tokens live between requests.
	 * @param tokenRepository default the {@link ServerDescopeTokenRepository} bean (the
	 * auto-configuration's follows {@code descope.persist-tokens} and
	 * {@code descope.session-token-via-cookie}), else a
	 * {@link WebSessionDescopeTokenRepository}
	 * @return this spec
	 */
	public ServerSessionTokensSpec tokenRepository(ServerDescopeTokenRepository tokenRepository) {
		Assert.notNull(tokenRepository, "tokenRepository must not be null");
		this.tokenRepository = tokenRepository;
		return this;
	}

	/**
	 * What refreshes and revokes sessions at Descope.
	 * @param sessionManager default the {@link DescopeSessionManager} bean; without one,
	 * stored tokens are not read and only bearer tokens and a front end's {@code DS}
	 * cookie authenticate
	 * @return this spec
	 */
	public ServerSessionTokensSpec sessionManager(DescopeSessionManager sessionManager) {
		Assert.notNull(sessionManager, "sessionManager must not be null");
		this.sessionManager = sessionManager;
		return this;
	}

	/**
	 * Auto-refresh and its threshold.
	 * @param sessionSettings default the bean, else
	 * {@link DescopeSessionSettings#DEFAULTS}
	 * @return this spec
	 */
	public ServerSessionTokensSpec sessionSettings(DescopeSessionSettings sessionSettings) {
		Assert.notNull(sessionSettings, "sessionSettings must not be null");
		this.sessionSettings = sessionSettings;
		return this;
	}

	/**
	 * The token repository: the DSL value, else the bean, else a
	 * {@link WebSessionDescopeTokenRepository}.
	 * @param context the application context, or {@code null}
	 * @return the repository
	 */
	public ServerDescopeTokenRepository getTokenRepository(@Nullable ApplicationContext context) {
		if (this.tokenRepository == null) {
			ServerDescopeTokenRepository bean = ServerCollaborators.bean(context, ServerDescopeTokenRepository.class);
			this.tokenRepository = (bean != null) ? bean : new WebSessionDescopeTokenRepository();
		}
		return this.tokenRepository;
	}

	/**
	 * The refresher of sessions, on the session manager: the DSL value, else the bean.
	 * @param context the application context, or {@code null}
	 * @return the refresher, or {@code null} when there is no session manager
	 */
	public @Nullable ServerDescopeSessionRefresher getRefresher(@Nullable ApplicationContext context) {
		if (this.refresher == null) {
			DescopeSessionManager manager = (this.sessionManager != null) ? this.sessionManager
					: ServerCollaborators.bean(context, DescopeSessionManager.class);
			if (manager != null) {
				ServerDescopeSessionRefresher bean = (this.sessionManager != null) ? null
						: ServerCollaborators.bean(context, ServerDescopeSessionRefresher.class);
				this.refresher = (bean != null) ? bean : new ServerDescopeSessionRefresher(manager);
			}
		}
		return this.refresher;
	}

	/**
	 * The session settings: the DSL value, else the bean, else the defaults.
	 * @param context the application context, or {@code null}
	 * @return the settings
	 */
	public DescopeSessionSettings getSessionSettings(@Nullable ApplicationContext context) {
		if (this.sessionSettings == null) {
			DescopeSessionSettings bean = ServerCollaborators.bean(context, DescopeSessionSettings.class);
			this.sessionSettings = (bean != null) ? bean : DescopeSessionSettings.DEFAULTS;
		}
		return this.sessionSettings;
	}

	/**
	 * The session-token decoder: the DSL value, else the {@link ReactiveJwtDecoder} bean,
	 * else the {@link JwtDecoder} bean on a bounded scheduler.
	 * @param context the application context, or {@code null}
	 * @return the decoder
	 * @throws IllegalStateException when there is none
	 */
	public ReactiveJwtDecoder getJwtDecoder(@Nullable ApplicationContext context) {
		if (this.jwtDecoder == null) {
			ReactiveJwtDecoder reactive = ServerCollaborators.bean(context, ReactiveJwtDecoder.class);
			if (reactive != null) {
				this.jwtDecoder = reactive;
			}
			else {
				JwtDecoder blocking = ServerCollaborators.bean(context, JwtDecoder.class);
				if (blocking == null) {
					throw new IllegalStateException("notpLogin() needs a ReactiveJwtDecoder or a JwtDecoder: set "
							+ "descope.project-id so the auto-configuration provides one, or pass one to the DSL");
				}
				this.jwtDecoder = new BlockingJwtDecoderAdapter(blocking);
			}
		}
		return this.jwtDecoder;
	}

	/**
	 * The {@code Authentication} converter: the DSL value, else the bean, else the
	 * default.
	 * @param context the application context, or {@code null}
	 * @return the converter
	 */
	public DescopeJwtAuthenticationConverter getAuthenticationConverter(@Nullable ApplicationContext context) {
		if (this.authenticationConverter == null) {
			DescopeJwtAuthenticationConverter bean = ServerCollaborators.bean(context,
					DescopeJwtAuthenticationConverter.class);
			this.authenticationConverter = (bean != null) ? bean : new DescopeJwtAuthenticationConverter();
		}
		return this.authenticationConverter;
	}

	/**
	 * The cookie settings: the DSL value, else the bean, else the defaults.
	 * @param context the application context, or {@code null}
	 * @return the settings
	 */
	public DescopeCookieSettings getCookieSettings(@Nullable ApplicationContext context) {
		if (this.cookieSettings == null) {
			DescopeCookieSettings bean = ServerCollaborators.bean(context, DescopeCookieSettings.class);
			this.cookieSettings = (bean != null) ? bean : DescopeCookieSettings.DEFAULTS;
		}
		return this.cookieSettings;
	}

	/**
	 * The API entry point: the DSL value, else a
	 * {@link ServerDescopeAuthenticationEntryPoint} writing with the chain's problem
	 * writer.
	 * @param problems the chain's problem writer
	 * @return the entry point
	 */
	public ServerAuthenticationEntryPoint getAuthenticationEntryPoint(ServerProblemDetailsWriter problems) {
		if (this.authenticationEntryPoint == null) {
			ServerDescopeAuthenticationEntryPoint entryPoint = new ServerDescopeAuthenticationEntryPoint();
			entryPoint.setProblemDetailsWriter(problems);
			this.authenticationEntryPoint = entryPoint;
		}
		return this.authenticationEntryPoint;
	}

	/**
	 * Puts the session-token authentication on the chain (called from
	 * {@code ServerNotpLoginSpec.configure}).
	 * @param http the chain's builder
	 * @param problems the chain's problem writer
	 * @param context the application context, or {@code null}
	 */
	public void configure(ServerHttpSecurity http, ServerProblemDetailsWriter problems,
			@Nullable ApplicationContext context) {
		if (!this.enabled) {
			return;
		}
		ReactiveJwtDecoder decoder = getJwtDecoder(context);
		DescopeJwtAuthenticationConverter converter = getAuthenticationConverter(context);
		ServerAuthenticationEntryPoint entryPoint = getAuthenticationEntryPoint(problems);
		ServerAuthenticationEntryPointFailureHandler failure = new ServerAuthenticationEntryPointFailureHandler(
				entryPoint);
		// a JWKS outage is answered 503 by the entry point, not rethrown as a 500
		failure.setRethrowAuthenticationServiceException(false);
		http.oauth2ResourceServer(
				(resourceServer) -> resourceServer.bearerTokenConverter(new ServerDescopeBearerTokenConverter())
					.authenticationEntryPoint(entryPoint)
					.authenticationFailureHandler(failure)
					.jwt((jwt) -> jwt.jwtDecoder(decoder)
						.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter))));
		WebFilter foreignCookie = new DescopeSessionCookieWebFilter(decoder, converter, problems,
				getCookieSettings(context).sessionCookieName());
		ServerDescopeSessionRefresher sessionRefresher = getRefresher(context);
		if (sessionRefresher == null) {
			http.addFilterAfter(foreignCookie, SecurityWebFiltersOrder.AUTHENTICATION);
			return;
		}
		ApplicationEventPublisher events = (context != null) ? context : (event) -> {
		};
		http.addFilterAfter(
				new ServerDescopeSessionTokenWebFilter(getTokenRepository(context), decoder, converter,
						sessionRefresher, getSessionSettings(context), problems, foreignCookie, events),
				SecurityWebFiltersOrder.AUTHENTICATION);
	}

	/**
	 * Adds the refresh endpoint ({@link ServerNotpRefreshWebFilter} at
	 * {@code POST /login/notp/refresh}), puts the Descope sign-out on the chain's logout
	 * ({@code POST /logout}) and adds {@code POST /logout/all} (called from
	 * {@code ServerNotpLoginSpec.configure}), whether or not {@link #enabled}: the
	 * chain's own logout handlers run first ({@code SecurityContext} cleared), then
	 * {@link ServerDescopeLogoutHandler}; both endpoints then redirect to
	 * {@code logoutSuccessUrl}, as on the servlet side. Without a session manager
	 * ({@link #sessionManager}) the chain's logout is left as it is.
	 * @param http the chain's builder
	 * @param problems the chain's problem writer
	 * @param logoutSuccessUrl where a logged-out browser is sent, such as
	 * {@code /login/notp?logout}
	 * @param context the application context, or {@code null}
	 */
	public void configureEndpoints(ServerHttpSecurity http, ServerProblemDetailsWriter problems,
			String logoutSuccessUrl, @Nullable ApplicationContext context) {
		ServerDescopeSessionRefresher sessionRefresher = getRefresher(context);
		if (sessionRefresher == null) {
			return;
		}
		ApplicationEventPublisher events = events(context);
		ServerDescopeTokenRepository tokens = getTokenRepository(context);
		ServerNotpRefreshWebFilter refresh = new ServerNotpRefreshWebFilter(sessionRefresher, tokens, problems, events);
		refresh.setRequestMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, this.refreshUrl));
		// before the bearer-token authentication, which would take a refresh JWT sent as
		// a bearer token for a session JWT and refuse it
		http.addFilterBefore(refresh, SecurityWebFiltersOrder.AUTHENTICATION);
		DescopeCookieSettings cookies = getCookieSettings(context);
		RedirectServerLogoutSuccessHandler success = new RedirectServerLogoutSuccessHandler();
		success.setLogoutSuccessUrl(URI.create(logoutSuccessUrl));
		http.logout((logout) -> logout
			.logoutHandler((handlers) -> handlers
				.add(new ServerDescopeLogoutHandler(sessionRefresher, tokens, cookies, events, false)))
			.logoutSuccessHandler(success));
		LogoutWebFilter everywhere = new LogoutWebFilter();
		everywhere.setRequiresLogoutMatcher(
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, this.logoutEverywhereUrl));
		everywhere.setLogoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
				new ServerDescopeLogoutHandler(sessionRefresher, tokens, cookies, events, true)));
		everywhere.setLogoutSuccessHandler(success);
		http.addFilterAt(everywhere, SecurityWebFiltersOrder.LOGOUT);
	}

	private static ApplicationEventPublisher events(@Nullable ApplicationContext context) {
		return (context != null) ? context : (event) -> {
		};
	}

}
