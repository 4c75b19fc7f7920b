package com.descope.notp.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.DescopeSessionSettings;
import com.descope.notp.core.DescopeTokenStorage;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The options a front end gives Descope's client SDKs ({@code createSdk} of
 * {@code @descope/web-js-sdk}, the {@code AuthProvider} of {@code @descope/react-sdk} and
 * {@code @descope/nextjs-sdk}, the plugin of {@code @descope/vue-sdk}), as the starter's
 * configuration endpoint ({@link DescopeSdkConfigurationFilter}) answers them, so that a
 * front end configures its SDK from the backend instead of repeating the project id, the
 * URLs and the cookie settings. {@link #options()} is the JSON in the shape the SDKs
 * take: <pre>
 * {"projectId":"P2a…","baseUrl":"https://api.descope.com","persistTokens":true,"autoRefresh":true,
 *  "sessionTokenViaCookie":false,"refreshTokenViaCookie":false,"refreshCookieName":"DSR",
 *  "storeLastAuthenticatedUser":true,"keepLastAuthenticatedUserAfterLogout":false,"oidcConfig":false}
 * </pre> It holds nothing secret: a project id and URLs are public, as they are in any
 * front end's bundle.
 *
 * @param projectId the Descope project id
 * @param baseUrl the Descope API base URL the front end calls
 * @param baseStaticUrl where Descope's static files are loaded from, or {@code null} for
 * the SDK's default (left out of the JSON)
 * @param baseCdnUrl where Descope's scripts are loaded from, or {@code null} for the
 * SDK's default (left out of the JSON)
 * @param persistTokens whether the SDK keeps the tokens in the browser (local storage or
 * cookies); {@code false} keeps them in page memory only
 * @param autoRefresh whether the SDK refreshes the session before it expires
 * @param sessionTokenViaCookie the cookie the session JWT travels in, or {@code null} for
 * none ({@code false} in the JSON: the session JWT is sent as a bearer token)
 * @param refreshTokenViaCookie the cookie the refresh JWT is kept in, or {@code null} for
 * none ({@code false} in the JSON)
 * @param refreshCookieName the name of the refresh JWT's cookie
 * @param storeLastAuthenticatedUser whether the last signed-in user is remembered
 * @param keepLastAuthenticatedUserAfterLogout whether the remembered user survives logout
 * @param oidcConfig the settings of Descope as an OIDC provider, or {@code null} for not
 * ({@code false} in the JSON)
 */
public record DescopeSdkConfiguration(String projectId, String baseUrl, @Nullable String baseStaticUrl,
		@Nullable String baseCdnUrl, boolean persistTokens, boolean autoRefresh,
		@Nullable TokenCookie sessionTokenViaCookie, @Nullable TokenCookie refreshTokenViaCookie,
		String refreshCookieName, boolean storeLastAuthenticatedUser, boolean keepLastAuthenticatedUserAfterLogout,
		@Nullable OidcConfig oidcConfig) {

	public DescopeSdkConfiguration {
		Assert.hasText(projectId, "projectId must not be empty");
		Assert.hasText(baseUrl, "baseUrl must not be empty");
		Assert.hasText(refreshCookieName, "refreshCookieName must not be empty");
		Assert.isTrue(persistTokens || (sessionTokenViaCookie == null && refreshTokenViaCookie == null),
				"Tokens travel in cookies only when they are persisted");
	}

	/**
	 * The options of a project with the SDKs' defaults: tokens persisted in local
	 * storage, sent as a bearer token, auto-refresh, the last user remembered until
	 * logout, no OIDC.
	 * @param projectId the project id
	 * @param baseUrl the Descope API base URL
	 * @return the options
	 */
	public static DescopeSdkConfiguration of(String projectId, String baseUrl) {
		return new DescopeSdkConfiguration(projectId, baseUrl, null, null, true, true, null, null, "DSR", true, false,
				null);
	}

	/**
	 * These options with another token storage.
	 * @param persistTokens whether the SDK keeps the tokens in the browser
	 * @param sessionTokenViaCookie the session JWT's cookie, or {@code null}
	 * @param refreshTokenViaCookie the refresh JWT's cookie, or {@code null}
	 * @param refreshCookieName the refresh JWT's cookie name
	 * @return the new options
	 */
	public DescopeSdkConfiguration withTokenStorage(boolean persistTokens, @Nullable TokenCookie sessionTokenViaCookie,
			@Nullable TokenCookie refreshTokenViaCookie, String refreshCookieName) {
		return new DescopeSdkConfiguration(this.projectId, this.baseUrl, this.baseStaticUrl, this.baseCdnUrl,
				persistTokens, this.autoRefresh, sessionTokenViaCookie, refreshTokenViaCookie, refreshCookieName,
				this.storeLastAuthenticatedUser, this.keepLastAuthenticatedUserAfterLogout, this.oidcConfig);
	}

	/**
	 * These options with another session lifecycle.
	 * @param autoRefresh whether the SDK refreshes the session before it expires
	 * @param storeLastAuthenticatedUser whether the last user is remembered
	 * @param keepLastAuthenticatedUserAfterLogout whether it survives logout
	 * @return the new options
	 */
	public DescopeSdkConfiguration withSession(boolean autoRefresh, boolean storeLastAuthenticatedUser,
			boolean keepLastAuthenticatedUserAfterLogout) {
		return new DescopeSdkConfiguration(this.projectId, this.baseUrl, this.baseStaticUrl, this.baseCdnUrl,
				this.persistTokens, autoRefresh, this.sessionTokenViaCookie, this.refreshTokenViaCookie,
				this.refreshCookieName, storeLastAuthenticatedUser, keepLastAuthenticatedUserAfterLogout,
				this.oidcConfig);
	}

	/**
	 * These options with other front-end URLs and OIDC settings.
	 * @param baseStaticUrl where Descope's static files are loaded from, or {@code null}
	 * @param baseCdnUrl where Descope's scripts are loaded from, or {@code null}
	 * @param oidcConfig the settings of Descope as an OIDC provider, or {@code null}
	 * @return the new options
	 */
	public DescopeSdkConfiguration withFrontEnd(@Nullable String baseStaticUrl, @Nullable String baseCdnUrl,
			@Nullable OidcConfig oidcConfig) {
		return new DescopeSdkConfiguration(this.projectId, this.baseUrl, baseStaticUrl, baseCdnUrl, this.persistTokens,
				this.autoRefresh, this.sessionTokenViaCookie, this.refreshTokenViaCookie, this.refreshCookieName,
				this.storeLastAuthenticatedUser, this.keepLastAuthenticatedUserAfterLogout, oidcConfig);
	}

	/**
	 * These options as a chain serves them, with its token storage, cookie names and
	 * attributes and session settings, so the endpoint and the chain always agree (both
	 * stacks' configuration endpoints answer this). The session JWT travels in a cookie
	 * where the chain keeps it in one ({@code session-token-via-cookie}); the refresh JWT
	 * never does: the SDK keeps it in local storage and refreshes at Descope, since a
	 * script-written refresh cookie would be refreshed by the chain too and rewritten
	 * {@code HttpOnly}, out of the SDK's reach. The SDK persists its tokens in every
	 * mode: in the none mode the front end is their only holder, and an SDK keeping them
	 * in page memory loses its refresh JWT at its first refresh (Descope's refresh answer
	 * carries none).
	 * @param storage where the chain keeps the tokens
	 * @param cookies the chain's cookie settings
	 * @param session the chain's session settings
	 * @return the new options
	 */
	public DescopeSdkConfiguration servedBy(DescopeTokenStorage storage, DescopeCookieSettings cookies,
			DescopeSessionSettings session) {
		TokenCookie sessionCookie = (storage == DescopeTokenStorage.COOKIES)
				? new TokenCookie(cookies.sessionCookieName(), cookies.domain(), cookies.sameSite(), cookies.secure())
				: null;
		return withTokenStorage(true, sessionCookie, null, cookies.refreshCookieName()).withSession(
				session.autoRefresh(), session.storeLastAuthenticatedUser(),
				session.keepLastAuthenticatedUserAfterLogout());
	}

	/**
	 * The options as the SDKs take them, in a stable order: every option is there, but
	 * for {@code baseStaticUrl} and {@code baseCdnUrl} when not set (an SDK's default
	 * applies to a missing option, not to {@code null}); a cookie option is {@code false}
	 * or its object, {@code oidcConfig} {@code false}, {@code true} or its object.
	 * @return a JSON-ready map
	 */
	public Map<String, Object> options() {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("projectId", this.projectId);
		options.put("baseUrl", this.baseUrl);
		putIfSet(options, "baseStaticUrl", this.baseStaticUrl);
		putIfSet(options, "baseCdnUrl", this.baseCdnUrl);
		options.put("persistTokens", this.persistTokens);
		options.put("autoRefresh", this.autoRefresh);
		options.put("sessionTokenViaCookie",
				(this.sessionTokenViaCookie != null) ? this.sessionTokenViaCookie.options() : Boolean.FALSE);
		options.put("refreshTokenViaCookie",
				(this.refreshTokenViaCookie != null) ? this.refreshTokenViaCookie.options() : Boolean.FALSE);
		options.put("refreshCookieName", this.refreshCookieName);
		options.put("storeLastAuthenticatedUser", this.storeLastAuthenticatedUser);
		options.put("keepLastAuthenticatedUserAfterLogout", this.keepLastAuthenticatedUserAfterLogout);
		options.put("oidcConfig", (this.oidcConfig != null) ? this.oidcConfig.value() : Boolean.FALSE);
		return options;
	}

	private static void putIfSet(Map<String, Object> options, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			options.put(name, value);
		}
	}

	/**
	 * A token cookie as the SDKs' {@code sessionTokenViaCookie} and
	 * {@code refreshTokenViaCookie} describe it.
	 *
	 * @param cookieName its name
	 * @param domain its {@code Domain}, or {@code null} for Descope's
	 * {@code cookieDomain} (left out of the JSON)
	 * @param sameSite {@code Lax}, {@code Strict} or {@code None}
	 * @param secure whether it is {@code Secure}
	 */
	public record TokenCookie(String cookieName, @Nullable String domain, String sameSite, boolean secure) {

		public TokenCookie {
			Assert.hasText(cookieName, "cookieName must not be empty");
			Assert.hasText(sameSite, "sameSite must not be empty");
		}

		Map<String, Object> options() {
			Map<String, Object> options = new LinkedHashMap<>();
			options.put("cookieName", this.cookieName);
			putIfSet(options, "domain", this.domain);
			options.put("sameSite", this.sameSite);
			options.put("secure", this.secure);
			return options;
		}

	}

	/**
	 * Descope as an OIDC provider, as the SDKs' {@code oidcConfig} describes it; with no
	 * member set it is {@code true} (the project's default OIDC application).
	 *
	 * @param applicationId the Descope OIDC application id, or {@code null}
	 * @param clientId the client id (with a custom issuer), or {@code null}
	 * @param issuer a custom issuer, or {@code null}
	 * @param redirectUri where the provider sends the browser back, or {@code null} for
	 * the current page
	 * @param scope the scopes, or {@code null} for the SDK's
	 */
	public record OidcConfig(@Nullable String applicationId, @Nullable String clientId, @Nullable String issuer,
			@Nullable String redirectUri, @Nullable String scope) {

		Object value() {
			Map<String, Object> options = new LinkedHashMap<>();
			putIfSet(options, "applicationId", this.applicationId);
			putIfSet(options, "clientId", this.clientId);
			putIfSet(options, "issuer", this.issuer);
			putIfSet(options, "redirectUri", this.redirectUri);
			putIfSet(options, "scope", this.scope);
			return options.isEmpty() ? Boolean.TRUE : options;
		}

	}

}
