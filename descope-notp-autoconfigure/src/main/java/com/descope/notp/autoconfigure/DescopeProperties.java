package com.descope.notp.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.descope.notp.client.DescopeClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * The starter's configuration, bound from {@code descope.*}. The names mirror the Descope
 * client SDKs' options in Spring's kebab-case. Only {@code descope.project-id} is
 * required.
 */
@ConfigurationProperties("descope")
public class DescopeProperties {

	/**
	 * Descope project id (Project settings in the Descope console), for example
	 * P2aAc4T2V93bddihGEx2Ryhc8e5Z. Required.
	 */
	private @Nullable String projectId;

	/**
	 * Descope API base URL, for a custom domain or an emulator. Default: derived from the
	 * project id's region (https://api.descope.com or https://api.{region}.descope.com).
	 */
	private @Nullable String baseUrl;

	/**
	 * Where front ends load Descope's static files from, for a custom domain; served to
	 * them by the configuration endpoint (GET /login/notp/config) as baseStaticUrl.
	 * Default: none, the SDKs' own.
	 */
	private @Nullable String baseStaticUrl;

	/**
	 * Where front ends load Descope's scripts from, for a custom domain; served to them
	 * by the configuration endpoint (GET /login/notp/config) as baseCdnUrl. Default:
	 * none, the SDKs' own.
	 */
	private @Nullable String baseCdnUrl;

	/**
	 * Whether tokens are kept for the browser (HTTP session or cookies); when false they
	 * are only returned in the login response body.
	 */
	private boolean persistTokens = true;

	/**
	 * Whether the session JWT goes to the browser in the DS cookie instead of staying in
	 * the HTTP session.
	 */
	private boolean sessionTokenViaCookie = false;

	/**
	 * Whether expired session JWTs are refreshed with the refresh JWT.
	 */
	private boolean autoRefresh = true;

	/**
	 * Whether the last signed-in user is remembered, so the login page can offer it.
	 */
	private boolean storeLastAuthenticatedUser = true;

	/**
	 * Whether the remembered last user survives logout.
	 */
	private boolean keepLastAuthenticatedUserAfterLogout = false;

	/**
	 * How long before its expiry a session JWT is refreshed (with auto-refresh).
	 */
	private Duration refreshThreshold = Duration.ofSeconds(20);

	private final Notp notp = new Notp();

	private final Cookie cookie = new Cookie();

	private final Jwt jwt = new Jwt();

	private final Http http = new Http();

	private final MethodSecurity methodSecurity = new MethodSecurity();

	private final SpringSession springSession = new SpringSession();

	private final Oidc oidc = new Oidc();

	public @Nullable String getProjectId() {
		return this.projectId;
	}

	public void setProjectId(@Nullable String projectId) {
		this.projectId = projectId;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getBaseStaticUrl() {
		return this.baseStaticUrl;
	}

	public void setBaseStaticUrl(@Nullable String baseStaticUrl) {
		this.baseStaticUrl = baseStaticUrl;
	}

	public @Nullable String getBaseCdnUrl() {
		return this.baseCdnUrl;
	}

	public void setBaseCdnUrl(@Nullable String baseCdnUrl) {
		this.baseCdnUrl = baseCdnUrl;
	}

	public Oidc getOidc() {
		return this.oidc;
	}

	public boolean isPersistTokens() {
		return this.persistTokens;
	}

	public void setPersistTokens(boolean persistTokens) {
		this.persistTokens = persistTokens;
	}

	public boolean isSessionTokenViaCookie() {
		return this.sessionTokenViaCookie;
	}

	public void setSessionTokenViaCookie(boolean sessionTokenViaCookie) {
		this.sessionTokenViaCookie = sessionTokenViaCookie;
	}

	public boolean isAutoRefresh() {
		return this.autoRefresh;
	}

	public void setAutoRefresh(boolean autoRefresh) {
		this.autoRefresh = autoRefresh;
	}

	public boolean isStoreLastAuthenticatedUser() {
		return this.storeLastAuthenticatedUser;
	}

	public void setStoreLastAuthenticatedUser(boolean storeLastAuthenticatedUser) {
		this.storeLastAuthenticatedUser = storeLastAuthenticatedUser;
	}

	public boolean isKeepLastAuthenticatedUserAfterLogout() {
		return this.keepLastAuthenticatedUserAfterLogout;
	}

	public void setKeepLastAuthenticatedUserAfterLogout(boolean keepLastAuthenticatedUserAfterLogout) {
		this.keepLastAuthenticatedUserAfterLogout = keepLastAuthenticatedUserAfterLogout;
	}

	public Duration getRefreshThreshold() {
		return this.refreshThreshold;
	}

	public void setRefreshThreshold(Duration refreshThreshold) {
		this.refreshThreshold = refreshThreshold;
	}

	public Cookie getCookie() {
		return this.cookie;
	}

	public Notp getNotp() {
		return this.notp;
	}

	public Jwt getJwt() {
		return this.jwt;
	}

	public Http getHttp() {
		return this.http;
	}

	public SpringSession getSpringSession() {
		return this.springSession;
	}

	public MethodSecurity getMethodSecurity() {
		return this.methodSecurity;
	}

	/**
	 * The project id, checked.
	 * @return the trimmed project id
	 * @throws DescopeProjectIdMissingException when {@code descope.project-id} is not set
	 * @throws InvalidConfigurationPropertyValueException when it cannot be a Descope
	 * project id
	 */
	public String requireProjectId() {
		if (!StringUtils.hasText(this.projectId)) {
			throw new DescopeProjectIdMissingException();
		}
		String id = this.projectId.trim();
		if (!id.matches(DescopeConnectionDetailsChecks.PROJECT_ID_PATTERN)) {
			throw new InvalidConfigurationPropertyValueException("descope.project-id", "[redacted]",
					DescopeConnectionDetailsChecks.PROJECT_ID_RULE);
		}
		return id;
	}

	/**
	 * nOTP login settings ({@code descope.notp.*}).
	 */
	public static class Notp {

		/**
		 * How often the default login page asks whether the person has confirmed on
		 * WhatsApp (its script polls POST /login/notp/session, one Descope poll per
		 * call). At least 1s, as Descope's SDKs poll.
		 */
		private Duration pollingInterval = Duration.ofSeconds(1);

		/**
		 * How long a started login may be completed: after that its completion is refused
		 * (401 unknown-flow) without asking Descope, and the login page offers to try
		 * again. At most 10m, the longest Descope's SDKs wait for one.
		 */
		private Duration timeout = Duration.ofMinutes(10);

		/**
		 * nOTP provider, the path segment of Descope's start endpoints.
		 */
		private String provider = "whatsapp";

		/**
		 * Start method used when a start request names none: sign-in (existing users
		 * only), sign-up (new users only) or sign-up-or-in (whichever applies).
		 */
		private String defaultMethod = "sign-up-or-in";

		/**
		 * ISO 3166 region of phone numbers typed without a country code, for example US.
		 * Default: none, so numbers must start with + and the country code.
		 */
		private @Nullable String defaultRegion;

		/**
		 * Most logins one browser session may have pending at once; starting one more
		 * drops the oldest.
		 */
		private int maxFlowsPerSession = 5;

		/**
		 * Where a login lands when no page was asked for first (the login page opened
		 * directly): a path of this application relative to its context path, such as
		 * /home, answered under the context path and X-Forwarded-Prefix. Default: / (the
		 * application's root).
		 */
		private String defaultSuccessUrl = "/";

		/**
		 * Where started logins wait for their completion: session (the HTTP session) or
		 * cookie (an encrypted, HttpOnly cookie in the browser, so that any instance can
		 * complete a login with no session store; needs
		 * descope.session-token-via-cookie=true or descope.persist-tokens=false, and
		 * descope.notp.flow-cookie.keys).
		 */
		private String pendingFlows = "session";

		/**
		 * ISO 3166 regions (for example US, BR) whose phone numbers may start a login;
		 * others are refused (400 on loginId) before anything is sent to Descope, as is a
		 * number whose region libphonenumber cannot tell. Default: empty, every region.
		 * Starts that name no number are not checked: the person then writes from their
		 * own WhatsApp.
		 */
		private List<String> allowedRegions = new ArrayList<>();

		/**
		 * ISO 3166 regions whose phone numbers may not start a login (400 on loginId,
		 * nothing sent to Descope), for example countries the application does not serve
		 * whose messages are costly. Default: empty.
		 */
		private List<String> deniedRegions = new ArrayList<>();

		private final FlowCookie flowCookie = new FlowCookie();

		private final RateLimit rateLimit = new RateLimit();

		public List<String> getAllowedRegions() {
			return this.allowedRegions;
		}

		public void setAllowedRegions(List<String> allowedRegions) {
			this.allowedRegions = allowedRegions;
		}

		public List<String> getDeniedRegions() {
			return this.deniedRegions;
		}

		public void setDeniedRegions(List<String> deniedRegions) {
			this.deniedRegions = deniedRegions;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

		public Duration getPollingInterval() {
			return this.pollingInterval;
		}

		public void setPollingInterval(Duration pollingInterval) {
			this.pollingInterval = pollingInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public String getProvider() {
			return this.provider;
		}

		public void setProvider(String provider) {
			this.provider = provider;
		}

		public String getDefaultMethod() {
			return this.defaultMethod;
		}

		public void setDefaultMethod(String defaultMethod) {
			this.defaultMethod = defaultMethod;
		}

		public @Nullable String getDefaultRegion() {
			return this.defaultRegion;
		}

		public void setDefaultRegion(@Nullable String defaultRegion) {
			this.defaultRegion = defaultRegion;
		}

		public int getMaxFlowsPerSession() {
			return this.maxFlowsPerSession;
		}

		public void setMaxFlowsPerSession(int maxFlowsPerSession) {
			this.maxFlowsPerSession = maxFlowsPerSession;
		}

		public String getDefaultSuccessUrl() {
			return this.defaultSuccessUrl;
		}

		public void setDefaultSuccessUrl(String defaultSuccessUrl) {
			this.defaultSuccessUrl = defaultSuccessUrl;
		}

		public String getPendingFlows() {
			return this.pendingFlows;
		}

		public void setPendingFlows(String pendingFlows) {
			this.pendingFlows = pendingFlows;
		}

		public FlowCookie getFlowCookie() {
			return this.flowCookie;
		}

	}

	/**
	 * Rate limits on starting logins ({@code descope.notp.rate-limit.*}): every start
	 * makes Descope send a WhatsApp message that the project's owner pays for, and
	 * attackers pump such messages to numbers whose traffic earns them money. A start
	 * past a limit is answered 429 problem+json with Retry-After (seconds) and never
	 * reaches Descope. The defaults:
	 * <ul>
	 * <li>per number, 5 in 10 minutes: a person who mistyped, or whose message did not
	 * come, tries again a few times within one flow's time-out (10 minutes); more starts
	 * for one number in that time are someone else's doing, and each one messages that
	 * number;</li>
	 * <li>per address, 30 in 10 minutes: addresses are shared (an office behind NAT, a
	 * mobile carrier's CGNAT), so it is well above the per-number limit, and still holds
	 * one machine to 3 starts a minute on average;</li>
	 * <li>global, 300 a minute: the ceiling on what a botnet spread over many addresses
	 * and numbers can cost (at most 18,000 messages an hour), above the peak start rate
	 * of most applications; set it to a few times yours.</li>
	 * </ul>
	 * Counted in this instance's memory, so with N instances each limit is in effect N
	 * times the configured one, unless a {@code KeyedRateLimiter} bean counts in a shared
	 * store.
	 */
	public static class RateLimit {

		/**
		 * Whether starts are rate-limited; when false only the region rules apply.
		 */
		private boolean enabled = true;

		/**
		 * Starts per client address (as the application sees it: behind a proxy, with
		 * server.forward-headers-strategy, the address the proxy forwards; an IPv6
		 * address counts by its /64 network).
		 */
		private final Limit perAddress = new Limit(30, Duration.ofMinutes(10));

		/**
		 * Starts per phone number, in E.164 whatever format it was typed in.
		 */
		private final Limit perNumber = new Limit(5, Duration.ofMinutes(10));

		/**
		 * Starts in all, on this instance.
		 */
		private final Limit global = new Limit(300, Duration.ofMinutes(1));

		/**
		 * Most addresses and numbers counted in memory at once; past that the least used
		 * are dropped (their count starts over). Each is dropped anyway once unused for
		 * its period.
		 */
		private int maxKeys = 100_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Limit getPerAddress() {
			return this.perAddress;
		}

		public Limit getPerNumber() {
			return this.perNumber;
		}

		public Limit getGlobal() {
			return this.global;
		}

		public int getMaxKeys() {
			return this.maxKeys;
		}

		public void setMaxKeys(int maxKeys) {
			this.maxKeys = maxKeys;
		}

	}

	/**
	 * One rate limit: at most {@code permits} starts in each {@code period}.
	 */
	public static class Limit {

		/**
		 * Starts allowed in each period; 0 turns this limit off.
		 */
		private int permits;

		/**
		 * Length of a window, at least 1s; a window begins at the first start it counts.
		 */
		private Duration period;

		Limit(int permits, Duration period) {
			this.permits = permits;
			this.period = period;
		}

		public int getPermits() {
			return this.permits;
		}

		public void setPermits(int permits) {
			this.permits = permits;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

	}

	/**
	 * The cookie that holds started logins when descope.notp.pending-flows=cookie
	 * ({@code descope.notp.flow-cookie.*}).
	 */
	public static class FlowCookie {

		/**
		 * Keys that encrypt and authenticate the pending-flow cookie (AES-256-GCM), each
		 * the base64 of 32 random bytes (openssl rand -base64 32), the same on every
		 * instance: the first encrypts, all decrypt, so a new key is added second, moved
		 * first once every instance has it, and the old one removed after
		 * descope.notp.timeout. Required when descope.notp.pending-flows=cookie.
		 */
		private List<String> keys = new ArrayList<>();

		public List<String> getKeys() {
			return this.keys;
		}

		public void setKeys(List<String> keys) {
			this.keys = keys;
		}

		@Override
		public String toString() {
			return "FlowCookie[keys=" + this.keys.size() + " (redacted)]";
		}

	}

	/**
	 * How the DS and DSR cookies are written ({@code descope.cookie.*}), with
	 * {@code session-token-via-cookie}.
	 */
	public static class Cookie {

		/**
		 * SameSite attribute of the DS and DSR cookies (and of the pending-flow cookies):
		 * Lax, Strict or None (in any case). With None other sites' requests carry the
		 * tokens too; browsers accept it only on Secure cookies.
		 */
		private String sameSite = "Lax";

		/**
		 * Whether the DS cookie is HttpOnly; the DSR cookie always is.
		 */
		private boolean sessionHttpOnly = true;

		/**
		 * Whether every cookie the starter sets (DS, DSR, the last-user cookie, the
		 * pending-flow cookies) has the Secure attribute. Browsers accept Secure cookies
		 * from http://localhost already; set false only to develop over plain HTTP on
		 * another host, which sends the tokens in clear text.
		 */
		private boolean secure = true;

		/**
		 * Cookie Domain; default Descope's cookieDomain. Used only when it is the
		 * request's host or a parent of it.
		 */
		private @Nullable String domain;

		/**
		 * Name of the cookie that holds the session JWT, read from browsers (a front
		 * end's, or the starter's own with session-token-via-cookie), written and cleared
		 * by the starter, and served to front ends (sessionTokenViaCookie's cookieName).
		 */
		private String sessionName = "DS";

		/**
		 * Name of the cookie that holds the refresh JWT, written, read and cleared by the
		 * starter with session-token-via-cookie, and served to front ends
		 * (refreshCookieName, refreshTokenViaCookie's cookieName).
		 */
		private String refreshName = "DSR";

		public String getSessionName() {
			return this.sessionName;
		}

		public void setSessionName(String sessionName) {
			this.sessionName = sessionName;
		}

		public String getRefreshName() {
			return this.refreshName;
		}

		public void setRefreshName(String refreshName) {
			this.refreshName = refreshName;
		}

		public String getSameSite() {
			return this.sameSite;
		}

		public void setSameSite(String sameSite) {
			this.sameSite = sameSite;
		}

		public boolean isSessionHttpOnly() {
			return this.sessionHttpOnly;
		}

		public void setSessionHttpOnly(boolean sessionHttpOnly) {
			this.sessionHttpOnly = sessionHttpOnly;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

		public @Nullable String getDomain() {
			return this.domain;
		}

		public void setDomain(@Nullable String domain) {
			this.domain = domain;
		}

	}

	/**
	 * Session-token validation settings ({@code descope.jwt.*}).
	 */
	public static class Jwt {

		/**
		 * Tolerance for exp and nbf.
		 */
		private Duration clockSkew = Duration.ofSeconds(5);

		/**
		 * JWS algorithms accepted, RSA or EC signatures (RS256, RS384, RS512, PS256,
		 * PS384, PS512, ES256, ES384, ES512); a token's alg must be one of these and
		 * match its key's alg. HMAC and none are never accepted.
		 */
		private List<String> algorithms = new ArrayList<>(List.of("RS256"));

		/**
		 * How long fetched signing keys are used before the JWKS is fetched again.
		 */
		private Duration jwksCacheTtl = Duration.ofMinutes(10);

		/**
		 * Least time between two JWKS fetches caused by tokens naming an unknown kid.
		 */
		private Duration jwksRateLimit = Duration.ofSeconds(30);

		/**
		 * How long cached signing keys keep being used while the JWKS endpoint is down.
		 */
		private Duration jwksOutageTolerance = Duration.ofHours(1);

		/**
		 * Most validated session tokens remembered, so a token seen before skips the
		 * signature check until its exp; 0 turns the cache off.
		 */
		private int verifiedTokenCacheSize = 10000;

		public int getVerifiedTokenCacheSize() {
			return this.verifiedTokenCacheSize;
		}

		public void setVerifiedTokenCacheSize(int verifiedTokenCacheSize) {
			this.verifiedTokenCacheSize = verifiedTokenCacheSize;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public List<String> getAlgorithms() {
			return this.algorithms;
		}

		public void setAlgorithms(List<String> algorithms) {
			this.algorithms = algorithms;
		}

		public Duration getJwksCacheTtl() {
			return this.jwksCacheTtl;
		}

		public void setJwksCacheTtl(Duration jwksCacheTtl) {
			this.jwksCacheTtl = jwksCacheTtl;
		}

		public Duration getJwksRateLimit() {
			return this.jwksRateLimit;
		}

		public void setJwksRateLimit(Duration jwksRateLimit) {
			this.jwksRateLimit = jwksRateLimit;
		}

		public Duration getJwksOutageTolerance() {
			return this.jwksOutageTolerance;
		}

		public void setJwksOutageTolerance(Duration jwksOutageTolerance) {
			this.jwksOutageTolerance = jwksOutageTolerance;
		}

	}

	/**
	 * Settings of the HTTP calls to Descope ({@code descope.http.*}).
	 */
	public static class Http {

		/**
		 * TCP connect timeout of calls to Descope, JWKS fetches included.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Time to wait for Descope's answer once a request was sent.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Waits before each retry of a call Descope answered 503, 520, 521, 522, 524 or
		 * 530 (as the Descope SDKs retry); empty for no retries. The pending-session poll
		 * is never retried.
		 */
		private List<Duration> retryBackoff = new ArrayList<>(DescopeClient.DEFAULT_RETRY_BACKOFF);

		private final Ssl ssl = new Ssl();

		public Ssl getSsl() {
			return this.ssl;
		}

		public List<Duration> getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(List<Duration> retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		/**
		 * TLS of the calls to Descope ({@code descope.http.ssl.*}).
		 */
		public static class Ssl {

			/**
			 * SSL bundle (spring.ssl.bundle.*) that calls to Descope trust and present,
			 * for a custom domain signed by a private CA or a TLS-inspecting proxy.
			 * Default: the bundle of spring.http.clients.ssl.bundle, else the JVM's trust
			 * store.
			 */
			private @Nullable String bundle;

			public @Nullable String getBundle() {
				return this.bundle;
			}

			public void setBundle(@Nullable String bundle) {
				this.bundle = bundle;
			}

		}

	}

	/**
	 * Method security ({@code descope.method-security.*}).
	 */
	/**
	 * How the starter works with Spring Session, when the application keeps its HTTP
	 * sessions there (several instances sharing them).
	 */
	public static class SpringSession {

		/**
		 * Whether Spring Session on Redis stores sessions as JSON (Spring Security's
		 * Jackson modules with the starter's DescopeJacksonModule, types limited to an
		 * allow-list) instead of JDK serialization, when the application declares no
		 * springSessionDefaultRedisSerializer bean of its own. Default: false.
		 */
		private boolean json = false;

		public boolean isJson() {
			return this.json;
		}

		public void setJson(boolean json) {
			this.json = json;
		}

	}

	public static class MethodSecurity {

		/**
		 * Whether the starter turns on Spring Security's method security, so that
		 * annotations such as PreAuthorize are enforced, when the application does not
		 * enable it itself (with EnableMethodSecurity). Default: true.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Descope as an OIDC provider for front ends ({@code descope.oidc.*}), served to them
	 * by the configuration endpoint as oidcConfig. The starter itself validates session
	 * JWTs as always.
	 */
	public static class Oidc {

		/**
		 * Whether front ends sign in through Descope's OIDC endpoints (oidcConfig); with
		 * no other descope.oidc setting, the project's default OIDC application.
		 */
		private boolean enabled = false;

		/**
		 * Descope OIDC application id. Default: none, the project's.
		 */
		private @Nullable String applicationId;

		/**
		 * Client id, with a custom issuer.
		 */
		private @Nullable String clientId;

		/**
		 * Custom issuer (authority). Default: none, Descope's.
		 */
		private @Nullable String issuer;

		/**
		 * Where the provider sends the browser back. Default: none, the page that signed
		 * in.
		 */
		private @Nullable String redirectUri;

		/**
		 * Scopes asked for. Default: none, the SDK's.
		 */
		private @Nullable String scope;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getApplicationId() {
			return this.applicationId;
		}

		public void setApplicationId(@Nullable String applicationId) {
			this.applicationId = applicationId;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public @Nullable String getRedirectUri() {
			return this.redirectUri;
		}

		public void setRedirectUri(@Nullable String redirectUri) {
			this.redirectUri = redirectUri;
		}

		public @Nullable String getScope() {
			return this.scope;
		}

		public void setScope(@Nullable String scope) {
			this.scope = scope;
		}

	}

}
