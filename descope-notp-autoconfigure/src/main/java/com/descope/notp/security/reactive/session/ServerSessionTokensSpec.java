package com.descope.notp.security.reactive.session;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.jwt.BlockingJwtDecoderAdapter;
import com.descope.notp.security.reactive.ServerCollaborators;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;

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
 * <li>{@link DescopeSessionCookieWebFilter}, for a front end's {@code DS} cookie, through
 * the same decoder and converter;</li>
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
		http.addFilterAfter(new DescopeSessionCookieWebFilter(decoder, converter, problems,
				getCookieSettings(context).sessionCookieName()), SecurityWebFiltersOrder.AUTHENTICATION);
	}

}
