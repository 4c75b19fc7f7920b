package com.descope.notp.security.session;

import java.util.ArrayList;
import java.util.List;

import com.descope.notp.client.DescopeClient;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopeSessionManager;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.security.Collaborators;
import com.descope.notp.security.DescopeBearerTokenResolver;
import com.descope.notp.web.ProblemDetailsWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.HttpSecurityBuilder;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;

/**
 * The session-token part of {@code notpLogin()}, customised the way
 * {@code OAuth2ResourceServerConfigurer} nests its {@code JwtConfigurer}:
 *
 * <pre>
 * http.with(notpLogin(), (notp) -&gt; notp
 *     .sessionTokens((tokens) -&gt; tokens.refreshUrl("/auth/refresh").tokenRepository(myRepository)));
 * </pre>
 *
 * It installs:
 * <ul>
 * <li>a {@link BearerTokenAuthenticationFilter} that authenticates a request carrying a
 * session JWT as {@code Authorization: Bearer} (RFC 6750), validated by the
 * {@link JwtDecoder} and turned into an {@code Authentication} by the
 * {@link DescopeJwtAuthenticationConverter};</li>
 * <li>{@link DescopeSessionTokenFilter}, which authenticates from the stored tokens (HTTP
 * session or {@code DS}/{@code DSR} cookies) or a front end's {@code DS} cookie, and
 * refreshes them before they expire;</li>
 * <li>{@link NotpRefreshFilter} at {@code POST /login/notp/refresh};</li>
 * <li>on logout, {@link DescopeLogoutHandler} (revoke at Descope, clear the tokens and
 * cookies), and {@code POST /logout/all} to log out every session of the user;</li>
 * <li>the API entry point ({@link DescopeAuthenticationEntryPoint}: {@code 401}
 * problem+json with a {@code WWW-Authenticate: Bearer} challenge).</li>
 * </ul>
 * Each collaborator comes from this DSL first, then from a unique bean of its type, then
 * a default ({@link Collaborators}). {@code notpLogin()} calls {@link #init} and
 * {@link #configure}; an application only customises.
 *
 * @param <H> the security builder
 */
public final class DescopeSessionTokensConfigurer<H extends HttpSecurityBuilder<H>> {

	private boolean enabled = true;

	private String refreshUrl = "/login/notp/refresh";

	private String logoutEverywhereUrl = "/logout/all";

	private @Nullable DescopeClient descopeClient;

	private @Nullable JwtDecoder jwtDecoder;

	private @Nullable DescopeJwtAuthenticationConverter authenticationConverter;

	private @Nullable DescopeTokenRepository tokenRepository;

	private @Nullable DescopeSessionManager sessionManager;

	private @Nullable DescopeSessionSettings sessionSettings;

	private @Nullable DescopeCookieSettings cookieSettings;

	private @Nullable AuthenticationEntryPoint authenticationEntryPoint;

	/**
	 * Whether requests are authenticated from a bearer session JWT, the stored tokens or
	 * a {@code DS} cookie. With {@code false} only the login's own
	 * {@code SecurityContext} authenticates; refresh and logout stay.
	 * @param enabled default {@code true}
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> enabled(boolean enabled) {
		this.enabled = enabled;
		return this;
	}

	/**
	 * The refresh endpoint.
	 * @param refreshUrl default {@code /login/notp/refresh} ({@code POST})
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> refreshUrl(String refreshUrl) {
		Assert.hasText(refreshUrl, "refreshUrl must not be empty");
		this.refreshUrl = refreshUrl;
		return this;
	}

	/**
	 * The "log out everywhere" endpoint, which revokes every session of the user at
	 * Descope.
	 * @param logoutEverywhereUrl default {@code /logout/all} ({@code POST})
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> logoutEverywhereUrl(String logoutEverywhereUrl) {
		Assert.hasText(logoutEverywhereUrl, "logoutEverywhereUrl must not be empty");
		this.logoutEverywhereUrl = logoutEverywhereUrl;
		return this;
	}

	/**
	 * The Descope client the default {@link DescopeSessionManager} calls. Given here, it
	 * wins over a {@link DescopeSessionManager} bean (made on the bean client): refresh
	 * and logout then go through it, unless {@link #sessionManager} is given too.
	 * @param descopeClient default the {@link DescopeClient} bean
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> descopeClient(DescopeClient descopeClient) {
		this.descopeClient = descopeClient;
		return this;
	}

	/**
	 * The session-token decoder. Given here, it also validates refreshed session JWTs: it
	 * wins over a {@link DescopeSessionManager} bean (made on the bean decoder), unless
	 * {@link #sessionManager} is given too.
	 * @param jwtDecoder default the {@link JwtDecoder} bean
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> jwtDecoder(JwtDecoder jwtDecoder) {
		this.jwtDecoder = jwtDecoder;
		return this;
	}

	/**
	 * How a validated session JWT becomes an {@code Authentication}.
	 * @param authenticationConverter default the bean, else a
	 * {@link DescopeJwtAuthenticationConverter} with the default authority mapping
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> authenticationConverter(
			DescopeJwtAuthenticationConverter authenticationConverter) {
		this.authenticationConverter = authenticationConverter;
		return this;
	}

	/**
	 * Where the tokens are kept between requests.
	 * @param tokenRepository default the bean, else
	 * {@link HttpSessionDescopeTokenRepository}
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> tokenRepository(DescopeTokenRepository tokenRepository) {
		this.tokenRepository = tokenRepository;
		return this;
	}

	/**
	 * What refreshes and revokes sessions at Descope.
	 * @param sessionManager default the bean, else one on the client and decoder; one on
	 * them too when {@link #descopeClient} or {@link #jwtDecoder} is given here
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> sessionManager(DescopeSessionManager sessionManager) {
		this.sessionManager = sessionManager;
		return this;
	}

	/**
	 * The session lifecycle settings (auto-refresh and its threshold, last user).
	 * @param sessionSettings default the bean, else
	 * {@link DescopeSessionSettings#DEFAULTS}
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> sessionSettings(DescopeSessionSettings sessionSettings) {
		this.sessionSettings = sessionSettings;
		return this;
	}

	/**
	 * How the starter's cookies are written ({@code Secure}, {@code SameSite},
	 * {@code Domain}, names).
	 * @param cookieSettings default the bean, else {@link DescopeCookieSettings#DEFAULTS}
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> cookieSettings(DescopeCookieSettings cookieSettings) {
		this.cookieSettings = cookieSettings;
		return this;
	}

	/**
	 * The entry point of unauthenticated API calls and refused session tokens.
	 * @param authenticationEntryPoint default {@link DescopeAuthenticationEntryPoint}
	 * @return this configurer
	 */
	public DescopeSessionTokensConfigurer<H> authenticationEntryPoint(
			AuthenticationEntryPoint authenticationEntryPoint) {
		this.authenticationEntryPoint = authenticationEntryPoint;
		return this;
	}

	/**
	 * The refresh endpoint's path.
	 * @return the path
	 */
	public String getRefreshUrl() {
		return this.refreshUrl;
	}

	/**
	 * The session-token decoder: the DSL value, else the bean.
	 * @param http the security builder
	 * @return the decoder
	 * @throws IllegalStateException when there is neither
	 */
	public JwtDecoder getJwtDecoder(H http) {
		return Collaborators.required(http, this.jwtDecoder, JwtDecoder.class);
	}

	/**
	 * The {@code Authentication} converter: the DSL value, else the bean, else the
	 * default.
	 * @param http the security builder
	 * @return the converter
	 */
	public DescopeJwtAuthenticationConverter getAuthenticationConverter(H http) {
		if (this.authenticationConverter == null) {
			DescopeJwtAuthenticationConverter bean = Collaborators.bean(http, DescopeJwtAuthenticationConverter.class);
			this.authenticationConverter = (bean != null) ? bean : new DescopeJwtAuthenticationConverter();
		}
		return this.authenticationConverter;
	}

	/**
	 * The token repository: the DSL value, else the bean, else the HTTP session.
	 * @param http the security builder
	 * @return the repository
	 */
	public DescopeTokenRepository getTokenRepository(H http) {
		if (this.tokenRepository == null) {
			DescopeTokenRepository bean = Collaborators.bean(http, DescopeTokenRepository.class);
			this.tokenRepository = (bean != null) ? bean : new HttpSessionDescopeTokenRepository();
		}
		return this.tokenRepository;
	}

	/**
	 * Whether a Descope client or a JWT decoder was given to this DSL (or to
	 * {@code notpLogin().descopeClient(..)}). The auto-configured services are made on
	 * the application's client and decoder, so none of them is used then: each is made on
	 * the ones given.
	 * @return {@code true} when the DSL names its own client or decoder
	 */
	public boolean hasOwnClientOrDecoder() {
		return this.descopeClient != null || this.jwtDecoder != null;
	}

	/**
	 * The session manager: the DSL value, else the bean, else one on the client and
	 * decoder. A client or decoder given to the DSL wins over the bean, which is made on
	 * the bean client and decoder: the manager is then one on them.
	 * @param http the security builder
	 * @return the session manager
	 */
	public DescopeSessionManager getSessionManager(H http) {
		if (this.sessionManager == null) {
			DescopeSessionManager bean = hasOwnClientOrDecoder() ? null
					: Collaborators.bean(http, DescopeSessionManager.class);
			if (bean != null) {
				this.sessionManager = bean;
			}
			else {
				DescopeSessionManager manager = new DescopeSessionManager(
						Collaborators.required(http, this.descopeClient, DescopeClient.class), getJwtDecoder(http));
				manager.setObservationRegistry(Collaborators.observationRegistry(http));
				this.sessionManager = manager;
			}
		}
		return this.sessionManager;
	}

	/**
	 * The session settings: the DSL value, else the bean, else the defaults.
	 * @param http the security builder
	 * @return the settings
	 */
	public DescopeSessionSettings getSessionSettings(H http) {
		if (this.sessionSettings == null) {
			DescopeSessionSettings bean = Collaborators.bean(http, DescopeSessionSettings.class);
			this.sessionSettings = (bean != null) ? bean : DescopeSessionSettings.DEFAULTS;
		}
		return this.sessionSettings;
	}

	/**
	 * The cookie settings: the DSL value, else the bean, else the defaults.
	 * @param http the security builder
	 * @return the settings
	 */
	public DescopeCookieSettings getCookieSettings(H http) {
		if (this.cookieSettings == null) {
			DescopeCookieSettings bean = Collaborators.bean(http, DescopeCookieSettings.class);
			this.cookieSettings = (bean != null) ? bean : DescopeCookieSettings.DEFAULTS;
		}
		return this.cookieSettings;
	}

	/**
	 * The API entry point: the DSL value, else a {@link DescopeAuthenticationEntryPoint}
	 * writing with the chain's problem writer.
	 * @param problems the chain's problem writer
	 * @return the entry point
	 */
	public AuthenticationEntryPoint getAuthenticationEntryPoint(ProblemDetailsWriter problems) {
		if (this.authenticationEntryPoint == null) {
			DescopeAuthenticationEntryPoint entryPoint = new DescopeAuthenticationEntryPoint();
			entryPoint.setProblemDetailsWriter(problems);
			this.authenticationEntryPoint = entryPoint;
		}
		return this.authenticationEntryPoint;
	}

	/**
	 * Registers the logout handler on the chain's logout (called from
	 * {@code notpLogin()}'s {@code init}).
	 * @param http the security builder
	 */
	public void init(H http) {
		LogoutConfigurer<H> logout = http.getConfigurer(LogoutConfigurer.class);
		if (logout != null) {
			logout.addLogoutHandler(logoutHandler(http, false));
		}
	}

	/**
	 * Adds the filters (called from {@code notpLogin()}'s {@code configure}).
	 * @param http the security builder
	 * @param problems the chain's problem writer
	 * @param contextRepository where a refreshed authentication is saved in the HTTP
	 * session mode, and a refused one cleared
	 * @param events publishes Spring Security's authentication events
	 * @param postProcessor post-processes each filter as the chain's configurers do
	 */
	public void configure(H http, ProblemDetailsWriter problems, SecurityContextRepository contextRepository,
			AuthenticationEventPublisher events, PostProcessor postProcessor) {
		DescopeTokenRepository tokens = getTokenRepository(http);
		if (this.enabled) {
			JwtAuthenticationProvider jwtProvider = new JwtAuthenticationProvider(getJwtDecoder(http));
			jwtProvider.setJwtAuthenticationConverter(getAuthenticationConverter(http));
			ProviderManager tokenManager = new ProviderManager(jwtProvider);
			tokenManager.setAuthenticationEventPublisher(events);
			BearerTokenAuthenticationFilter bearerFilter = new BearerTokenAuthenticationFilter(
					Collaborators.postProcess(http, tokenManager));
			bearerFilter.setBearerTokenResolver(new DescopeBearerTokenResolver());
			AuthenticationEntryPoint entryPoint = getAuthenticationEntryPoint(problems);
			bearerFilter.setAuthenticationEntryPoint(entryPoint);
			AuthenticationEntryPointFailureHandler failure = new AuthenticationEntryPointFailureHandler(entryPoint);
			failure.setRethrowAuthenticationServiceException(false);
			bearerFilter.setAuthenticationFailureHandler(failure);
			http.addFilter(postProcessor.postProcess(bearerFilter));
			DescopeSessionTokenFilter sessionFilter = new DescopeSessionTokenFilter(tokens, getJwtDecoder(http),
					getAuthenticationConverter(http), getSessionManager(http), getSessionSettings(http),
					contextRepository, Collaborators.applicationEvents(http));
			sessionFilter.setSessionCookieName(getCookieSettings(http).sessionCookieName());
			sessionFilter.setProblemDetailsWriter(problems);
			http.addFilterAfter(postProcessor.postProcess(sessionFilter), BearerTokenAuthenticationFilter.class);
		}
		NotpRefreshFilter refreshFilter = new NotpRefreshFilter(getSessionManager(http), tokens,
				Collaborators.applicationEvents(http));
		refreshFilter.setRequestMatcher(Collaborators.post(this.refreshUrl));
		refreshFilter.setProblemDetailsWriter(problems);
		refreshFilter.setSecurityContextRepository(contextRepository);
		http.addFilterBefore(postProcessor.postProcess(refreshFilter), UsernamePasswordAuthenticationFilter.class);
		addLogoutEverywhere(http, postProcessor);
	}

	private void addLogoutEverywhere(H http, PostProcessor postProcessor) {
		LogoutConfigurer<H> logout = http.getConfigurer(LogoutConfigurer.class);
		if (logout == null) {
			return;
		}
		// the chain's own logout handlers, with ours revoking every session instead of
		// one
		List<LogoutHandler> handlers = new ArrayList<>();
		handlers.add(logoutHandler(http, true));
		logout.getLogoutHandlers()
			.stream()
			.filter((handler) -> !(handler instanceof DescopeLogoutHandler)
					&& !(handler instanceof SecurityContextLogoutHandler))
			.forEach(handlers::add);
		handlers.add(new SecurityContextLogoutHandler());
		LogoutFilter everywhere = new NotpLogoutEverywhereFilter(logout.getLogoutSuccessHandler(), handlers);
		everywhere.setLogoutRequestMatcher(Collaborators.post(this.logoutEverywhereUrl));
		http.addFilterBefore(postProcessor.postProcess(everywhere), UsernamePasswordAuthenticationFilter.class);
	}

	private DescopeLogoutHandler logoutHandler(H http, boolean everywhere) {
		DescopeLogoutHandler handler = new DescopeLogoutHandler(getSessionManager(http), getTokenRepository(http),
				getSessionSettings(http), Collaborators.applicationEvents(http), everywhere);
		handler.setCookieSettings(getCookieSettings(http));
		return handler;
	}

	/**
	 * The owning configurer's {@code postProcess}, so filters get the chain's
	 * {@code ObjectPostProcessor} (observations, {@code @Autowired} fields).
	 */
	@FunctionalInterface
	public interface PostProcessor {

		/**
		 * Post-processes an object the configurer built.
		 * @param <T> its type
		 * @param object the object
		 * @return the post-processed object
		 */
		<T> T postProcess(T object);

	}

}
