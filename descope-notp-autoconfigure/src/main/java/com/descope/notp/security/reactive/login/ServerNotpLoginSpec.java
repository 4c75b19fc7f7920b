package com.descope.notp.security.reactive.login;

import java.util.function.Consumer;

import com.descope.notp.security.reactive.ServerBrowserNavigationMatcher;
import com.descope.notp.security.reactive.ServerCollaborators;
import com.descope.notp.security.reactive.ServerProblemDetailsWriter;
import com.descope.notp.security.reactive.session.ServerDescopeAccessDeniedHandler;
import com.descope.notp.security.reactive.session.ServerSessionTokensSpec;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
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
 * <li>the session-token authentication ({@link #sessionTokens}).</li>
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

	private String loginPage = "/login/notp";

	private @Nullable ServerWebExchangeMatcher navigationMatcher;

	private @Nullable ServerDescopeAccessDeniedHandler accessDeniedHandler;

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
	 * The login page unauthenticated browser navigations are redirected to.
	 * @param loginPage default {@code /login/notp}
	 * @return this spec
	 */
	public ServerNotpLoginSpec loginPage(String loginPage) {
		Assert.hasText(loginPage, "loginPage must not be empty");
		this.loginPage = loginPage;
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
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegateEntry(getNavigationMatcher(), new RedirectServerAuthenticationEntryPoint(this.loginPage)));
		entryPoint.setDefaultEntryPoint(api);
		ServerAccessDeniedHandler denied = getAccessDeniedHandler();
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
		this.sessionTokens.configure(http, problems, this.context);
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

	private ServerProblemDetailsWriter problems() {
		return new ServerProblemDetailsWriter(getNavigationMatcher());
	}

}
