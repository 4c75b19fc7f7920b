package com.descope.notp.security.reactive.login;

import java.time.Clock;

import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.NotpLoginService;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.security.reactive.ServerCollaborators;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.security.reactive.session.ServerDescopeTokenRepository;
import com.descope.notp.security.reactive.session.WebSessionDescopeTokenRepository;
import com.descope.notp.web.NotpStartRequestParser;
import com.descope.notp.web.PhoneNumberNormalizer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;

/**
 * The login endpoints part of {@link ServerNotpLoginSpec}: {@code POST /login/notp}
 * ({@link ServerNotpStartWebFilter}) and {@code POST /login/notp/session}
 * ({@link ServerNotpAuthenticationWebFilter}). Each collaborator is the one given to the
 * DSL, else the application context's unique bean of its type, else a default.
 */
final class ServerNotpLoginEndpoints {

	private String startUrl = "/login/notp";

	private String sessionUrl = "/login/notp/session";

	private @Nullable String defaultSuccessUrl;

	private @Nullable ServerPendingFlowRepository pendingFlowRepository;

	private @Nullable ServerDescopeTokenRepository tokenRepository;

	private @Nullable ServerRequestCache requestCache;

	private @Nullable ServerAuthenticationSuccessHandler successHandler;

	private @Nullable ServerAuthenticationFailureHandler failureHandler;

	private @Nullable ServerNotpStartSuccessHandler startSuccessHandler;

	private @Nullable ServerAuthenticationConverter authenticationConverter;

	private @Nullable NotpLoginService loginService;

	private @Nullable NotpAuthenticationProvider authenticationProvider;

	private @Nullable NotpLoginSettings settings;

	void startUrl(String startUrl) {
		Assert.hasText(startUrl, "startUrl must not be empty");
		this.startUrl = startUrl;
	}

	void sessionUrl(String sessionUrl) {
		Assert.hasText(sessionUrl, "sessionUrl must not be empty");
		this.sessionUrl = sessionUrl;
	}

	void defaultSuccessUrl(String defaultSuccessUrl) {
		Assert.hasText(defaultSuccessUrl, "defaultSuccessUrl must not be empty");
		this.defaultSuccessUrl = defaultSuccessUrl;
	}

	void pendingFlowRepository(ServerPendingFlowRepository pendingFlowRepository) {
		Assert.notNull(pendingFlowRepository, "pendingFlowRepository must not be null");
		this.pendingFlowRepository = pendingFlowRepository;
	}

	void tokenRepository(ServerDescopeTokenRepository tokenRepository) {
		Assert.notNull(tokenRepository, "tokenRepository must not be null");
		this.tokenRepository = tokenRepository;
	}

	void requestCache(ServerRequestCache requestCache) {
		Assert.notNull(requestCache, "requestCache must not be null");
		this.requestCache = requestCache;
	}

	void successHandler(ServerAuthenticationSuccessHandler successHandler) {
		Assert.notNull(successHandler, "successHandler must not be null");
		this.successHandler = successHandler;
	}

	void failureHandler(ServerAuthenticationFailureHandler failureHandler) {
		Assert.notNull(failureHandler, "failureHandler must not be null");
		this.failureHandler = failureHandler;
	}

	void startSuccessHandler(ServerNotpStartSuccessHandler startSuccessHandler) {
		Assert.notNull(startSuccessHandler, "startSuccessHandler must not be null");
		this.startSuccessHandler = startSuccessHandler;
	}

	void authenticationConverter(ServerAuthenticationConverter authenticationConverter) {
		Assert.notNull(authenticationConverter, "authenticationConverter must not be null");
		this.authenticationConverter = authenticationConverter;
	}

	void loginService(NotpLoginService loginService) {
		Assert.notNull(loginService, "loginService must not be null");
		this.loginService = loginService;
	}

	void authenticationProvider(NotpAuthenticationProvider authenticationProvider) {
		Assert.notNull(authenticationProvider, "authenticationProvider must not be null");
		this.authenticationProvider = authenticationProvider;
	}

	void settings(NotpLoginSettings settings) {
		Assert.notNull(settings, "settings must not be null");
		this.settings = settings;
	}

	String getStartUrl() {
		return this.startUrl;
	}

	String getSessionUrl() {
		return this.sessionUrl;
	}

	NotpLoginSettings getSettings(@Nullable ApplicationContext context) {
		if (this.settings == null) {
			NotpLoginSettings bean = ServerCollaborators.bean(context, NotpLoginSettings.class);
			this.settings = (bean != null) ? bean : NotpLoginSettings.DEFAULTS;
		}
		return this.settings;
	}

	ServerPendingFlowRepository getPendingFlowRepository(@Nullable ApplicationContext context) {
		if (this.pendingFlowRepository == null) {
			ServerPendingFlowRepository bean = ServerCollaborators.bean(context, ServerPendingFlowRepository.class);
			NotpLoginSettings settings = getSettings(context);
			this.pendingFlowRepository = (bean != null) ? bean : new WebSessionServerPendingFlowRepository(
					settings.maxFlowsPerSession(), settings.pollingInterval(), Clock.systemUTC());
		}
		return this.pendingFlowRepository;
	}

	ServerDescopeTokenRepository getTokenRepository(@Nullable ApplicationContext context) {
		if (this.tokenRepository == null) {
			ServerDescopeTokenRepository bean = ServerCollaborators.bean(context, ServerDescopeTokenRepository.class);
			this.tokenRepository = (bean != null) ? bean : new WebSessionDescopeTokenRepository();
		}
		return this.tokenRepository;
	}

	ServerRequestCache getRequestCache(@Nullable ApplicationContext context) {
		if (this.requestCache == null) {
			ServerRequestCache bean = ServerCollaborators.bean(context, ServerRequestCache.class);
			this.requestCache = (bean != null) ? bean : new WebSessionServerRequestCache();
		}
		return this.requestCache;
	}

	/**
	 * Puts both endpoints on the chain, where form login would be: after the
	 * {@code SecurityContext} is loaded, before the session-token authentication.
	 * @param http the chain's builder
	 * @param loginProblems the problem writer of the login's answers
	 * @param context the application context, or {@code null}
	 */
	void configure(ServerHttpSecurity http, ServerProblemDetailsWriter loginProblems,
			@Nullable ApplicationContext context) {
		NotpLoginSettings settings = getSettings(context);
		ServerPendingFlowRepository flows = getPendingFlowRepository(context);
		ServerDescopeTokenRepository tokens = getTokenRepository(context);

		ServerNotpStartWebFilter start = new ServerNotpStartWebFilter(loginService(context),
				new NotpStartRequestParser(new PhoneNumberNormalizer(settings.defaultRegion()),
						settings.defaultMethod()),
				flows, tokens, loginProblems);
		start.setRequiresStartMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, this.startUrl));
		ServerNotpStartSuccessHandler started = (this.startSuccessHandler != null) ? this.startSuccessHandler
				: ServerCollaborators.bean(context, ServerNotpStartSuccessHandler.class);
		if (started != null) {
			start.setSuccessHandler(started);
		}
		http.addFilterAt(start, SecurityWebFiltersOrder.FORM_LOGIN);

		ServerNotpAuthenticationWebFilter complete = new ServerNotpAuthenticationWebFilter(
				new ServerNotpAuthenticationManager(authenticationProvider(context)), flows, tokens,
				successHandler(context, tokens, settings), failureHandler(loginProblems));
		complete
			.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, this.sessionUrl));
		if (this.authenticationConverter != null) {
			complete.setAuthenticationConverter(this.authenticationConverter);
		}
		http.addFilterAt(complete, SecurityWebFiltersOrder.FORM_LOGIN);
	}

	private NotpLoginService loginService(@Nullable ApplicationContext context) {
		if (this.loginService == null) {
			this.loginService = required(context, NotpLoginService.class);
		}
		return this.loginService;
	}

	private NotpAuthenticationProvider authenticationProvider(@Nullable ApplicationContext context) {
		if (this.authenticationProvider == null) {
			this.authenticationProvider = required(context, NotpAuthenticationProvider.class);
		}
		return this.authenticationProvider;
	}

	private ServerAuthenticationSuccessHandler successHandler(@Nullable ApplicationContext context,
			ServerDescopeTokenRepository tokens, NotpLoginSettings settings) {
		if (this.successHandler != null) {
			return this.successHandler;
		}
		ServerNotpAuthenticationSuccessHandler handler = new ServerNotpAuthenticationSuccessHandler(tokens);
		handler.setDefaultTargetUrl(
				(this.defaultSuccessUrl != null) ? this.defaultSuccessUrl : settings.defaultSuccessUrl());
		handler.setRequestCache(getRequestCache(context));
		if (context != null) {
			handler.setEventPublisher(context);
		}
		return handler;
	}

	private ServerAuthenticationFailureHandler failureHandler(ServerProblemDetailsWriter loginProblems) {
		return (this.failureHandler != null) ? this.failureHandler
				: new ServerNotpAuthenticationFailureHandler(loginProblems);
	}

	private static <T> T required(@Nullable ApplicationContext context, Class<T> type) {
		T bean = ServerCollaborators.bean(context, type);
		if (bean == null) {
			throw new IllegalStateException("Give the nOTP login a " + type.getSimpleName()
					+ " (ServerNotpLoginSpec DSL) or define a single bean of that type");
		}
		return bean;
	}

}
