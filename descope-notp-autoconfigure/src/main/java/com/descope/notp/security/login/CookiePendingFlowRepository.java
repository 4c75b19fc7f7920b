package com.descope.notp.security.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.DescopeCookieSettings;
import com.descope.notp.core.FlowClaim;
import com.descope.notp.core.NotpLoginSettings;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.security.DescopeCookies;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.Assert;

/**
 * Keeps a browser's pending flows in the browser itself, in an encrypted cookie
 * ({@value #FLOWS_COOKIE}), so that start, polling and completion work on any instance of
 * the application with no HTTP session and no shared store
 * ({@code descope.notp.pending-flows=cookie}). It gives the guarantees of
 * {@link HttpSessionPendingFlowRepository}, each by other means:
 *
 * <ul>
 * <li><b>Never readable by scripts, never forged.</b> The cookie is {@code HttpOnly},
 * {@code Secure} and {@code SameSite} as {@code descope.cookie.*} say, with {@code Path}
 * the context path. Its value is a compact JWE ({@code alg=dir}, {@code enc=A256GCM},
 * Nimbus JOSE+JWT): AES-GCM encrypts the {@code pendingRef}s and authenticates them
 * together with the protected header, so a changed byte anywhere (header, IV, ciphertext,
 * tag) makes the whole cookie unreadable, and it then counts as no flows. Nothing here is
 * hand-rolled: the JWE is Nimbus's, the randomness {@link SecureRandom}'s.</li>
 * <li><b>Keys rotate.</b> Keys are 32 random bytes each
 * ({@code descope.notp.flow-cookie.keys}, base64): the first encrypts, every one
 * decrypts, told apart by the {@code kid} header (an HMAC of a fixed label under the key,
 * so it names the key without revealing it). Rotating is: add the new key second on every
 * instance, then move it first, then, after {@code descope.notp.timeout}, drop the old
 * one. A cookie under a key no instance has any more is no flows.</li>
 * <li><b>Bound to the browser.</b> The cookie alone would prove possession only, so that
 * a copy would work in another browser. Each browser gets a second random value, the
 * {@value #BROWSER_COOKIE} cookie ({@code HttpOnly}, 32 random bytes, kept for the
 * browser session), and the flow cookie holds its SHA-256 hash: a flow cookie presented
 * with another browser's id, or with none, is no flows. The payload also names the cookie
 * and its path, so a JWE made for another purpose or another application path under the
 * same keys is refused.</li>
 * <li><b>Timed and bounded.</b> Each flow keeps its {@link PendingFlow#expiresAt()}
 * ({@code descope.notp.timeout}), judged on this repository's clock; the cookie's
 * {@code Max-Age} ends with the last one. A browser keeps at most
 * {@code maxFlowsPerBrowser} ({@code descope.notp.max-flows-per-session}); a new one
 * drops the oldest. The cookie never exceeds {@link DescopeCookies#MAX_COOKIE_BYTES},
 * which browsers would drop: should the flows not fit (very long references, a very large
 * maximum), the oldest are dropped until they do.</li>
 * <li><b>Single use.</b> Completing or failing a flow rewrites the cookie without it (or
 * clears the cookie once empty). A copy of the old cookie replayed later still names the
 * flow, and no instance can know without shared state that it was redeemed; but Descope's
 * pending session answers a session once, and its answer for a redeemed
 * {@code pendingRef} ends the attempt as an unknown flow ({@code 401}
 * {@code unknown-flow}), as the session store answers at once. Within one instance,
 * concurrent attempts on one flow are still claimed one at a time (in memory, with the
 * same {@link #CLAIM_TIMEOUT}); across instances they may both ask Descope, which answers
 * the session to one of them.</li>
 * <li><b>Polled once per interval, per instance.</b> Once an attempt asked Descope about
 * a flow, the next may ask only after the polling interval
 * ({@code descope.notp.polling-interval}); attempts in between answer "pending" without a
 * call to Descope, however fast a client polls, so one fast client cannot spend the
 * project's Descope rate limit for every user. The time of the last call is kept in
 * memory with the claims, not in the cookie: a client that polls too fast is the one to
 * guard against, and it could present an older copy of its cookie (or the same one to
 * many requests at once) to escape a time the cookie carried. So the limit holds per
 * instance: with the requests of one flow spread over {@code n} instances, Descope sees
 * at most {@code n} calls per interval for it. Pin browsers to an instance (sticky
 * sessions) or use the session store with Spring Session for one call per interval
 * overall. The default page waits one interval after each answer, so it is never held
 * back.</li>
 * </ul>
 *
 * <p>
 * What a cookie cannot do: two requests of one browser that change its flows at the same
 * time (two tabs starting a login in the same instant) each write the cookie from what
 * they read, and the last answer wins, so one of the two flows can be lost and its
 * completion answers {@code unknown-flow}; the page starts again. The session store,
 * under the session's lock, has no such race.
 *
 * <p>
 * No HTTP session is read or created, and no token, phone number or {@code pendingRef} is
 * logged.
 */
public final class CookiePendingFlowRepository implements PendingFlowRepository {

	/** The cookie that holds the encrypted flows. */
	public static final String FLOWS_COOKIE = "NOTP_FLOWS";

	/** The cookie that holds the browser's random id, whose hash binds the flows. */
	public static final String BROWSER_COOKIE = "NOTP_BROWSER";

	/** The length of each key, in bytes: AES-256. */
	public static final int KEY_BYTES = 32;

	/**
	 * How long an attempt holds a flow at most within one instance, so that an attempt
	 * that died cannot block it: longer than a Descope call may take.
	 */
	public static final Duration CLAIM_TIMEOUT = HttpSessionPendingFlowRepository.CLAIM_TIMEOUT;

	private static final Log logger = LogFactory.getLog(CookiePendingFlowRepository.class);

	private static final Pattern BROWSER_ID = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final byte[] KEY_ID_LABEL = "descope-notp pending-flow cookie key id"
		.getBytes(StandardCharsets.US_ASCII);

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	private final String encryptingKeyId;

	private final DescopeCookieSettings cookieSettings;

	private final int maxFlowsPerBrowser;

	private final Duration pollingInterval;

	/** Per {@code pendingRef}: the attempt holding it, and the last call to Descope. */
	private final ConcurrentMap<String, Poll> polls = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private Clock clock;

	/**
	 * A repository whose flows are each polled at most once per second per instance (the
	 * default {@code descope.notp.polling-interval}).
	 * @param keys the AES keys, {@value #KEY_BYTES} bytes each: the first encrypts, all
	 * decrypt
	 * @param cookieSettings {@code Secure} and {@code SameSite} of the cookies
	 * ({@code descope.cookie.*})
	 * @param maxFlowsPerBrowser the most flows one browser may have pending; at least 1
	 * @param clock the clock expiry is measured by
	 */
	public CookiePendingFlowRepository(List<byte[]> keys, DescopeCookieSettings cookieSettings, int maxFlowsPerBrowser,
			Clock clock) {
		this(keys, cookieSettings, maxFlowsPerBrowser, NotpLoginSettings.DEFAULTS.pollingInterval(), clock);
	}

	/**
	 * A repository.
	 * @param keys the AES keys, {@value #KEY_BYTES} bytes each: the first encrypts, all
	 * decrypt
	 * @param cookieSettings {@code Secure} and {@code SameSite} of the cookies
	 * ({@code descope.cookie.*})
	 * @param maxFlowsPerBrowser the most flows one browser may have pending; at least 1
	 * @param pollingInterval the least time between two calls to Descope for one flow on
	 * this instance ({@code descope.notp.polling-interval}); zero or more
	 * @param clock the clock expiry, claims and polls are measured by
	 */
	public CookiePendingFlowRepository(List<byte[]> keys, DescopeCookieSettings cookieSettings, int maxFlowsPerBrowser,
			Duration pollingInterval, Clock clock) {
		Assert.notEmpty(keys, "keys must not be empty");
		Assert.notNull(cookieSettings, "cookieSettings must not be null");
		Assert.isTrue(maxFlowsPerBrowser >= 1, "maxFlowsPerBrowser must be at least 1");
		Assert.notNull(clock, "clock must not be null");
		for (int i = 0; i < keys.size(); i++) {
			byte[] key = keys.get(i);
			Assert.isTrue(key != null && key.length == KEY_BYTES,
					"key " + i + " must be " + KEY_BYTES + " bytes long (AES-256)");
			this.keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
		}
		this.encryptingKeyId = keyId(keys.get(0));
		this.cookieSettings = cookieSettings;
		this.maxFlowsPerBrowser = maxFlowsPerBrowser;
		this.pollingInterval = FlowPolls.checked(pollingInterval);
		this.clock = clock;
	}

	/**
	 * The clock expiry and claims are measured by.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
	}

	@Override
	public void saveFlow(PendingFlow flow, HttpServletRequest request, HttpServletResponse response) {
		String browserId = browserId(request);
		if (browserId == null) {
			browserId = newBrowserId();
			response.addHeader(HttpHeaders.SET_COOKIE, DescopeCookies
				.cookie(this.cookieSettings, BROWSER_COOKIE, browserId, DescopeCookies.contextPath(request), true)
				.build()
				.toString());
		}
		List<PendingFlow> flows = new ArrayList<>(liveFlows(request, browserId));
		flows.removeIf((saved) -> saved.pendingRef().equals(flow.pendingRef()));
		flows.add(flow.withClaimedAt(null));
		while (flows.size() > this.maxFlowsPerBrowser) {
			flows.remove(0);
		}
		write(flows, browserId, request, response);
	}

	@Override
	public @Nullable PendingFlow loadFlow(String pendingRef, HttpServletRequest request) {
		String browserId = browserId(request);
		if (browserId == null) {
			return null;
		}
		PendingFlow flow = find(liveFlows(request, browserId), pendingRef);
		if (flow == null) {
			return null;
		}
		Poll poll = this.polls.get(pendingRef);
		if (poll == null) {
			return flow;
		}
		boolean held = poll.claimedAt() != null && held(poll.claimedAt(), this.clock.instant());
		return new PendingFlow(flow.pendingRef(), flow.method(), flow.createdAt(), flow.expiresAt(),
				held ? poll.claimedAt() : null, flow.redeemedAt(), poll.polledAt());
	}

	@Override
	public FlowClaim claimFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		String browserId = browserId(request);
		if (browserId == null || find(liveFlows(request, browserId), pendingRef) == null) {
			return FlowClaim.UNKNOWN;
		}
		Instant now = this.clock.instant();
		// what would let any attempt in says nothing: forget it, so the map stays small
		this.polls.values()
			.removeIf((poll) -> FlowPolls.mayClaim(poll.claimedAt(), poll.polledAt(), now, this.pollingInterval));
		boolean[] granted = { false };
		this.polls.compute(pendingRef, (ref, poll) -> {
			if (poll != null && !FlowPolls.mayClaim(poll.claimedAt(), poll.polledAt(), now, this.pollingInterval)) {
				return poll;
			}
			granted[0] = true;
			return new Poll(now, now);
		});
		return (granted[0]) ? FlowClaim.GRANTED : FlowClaim.BUSY;
	}

	@Override
	public void releaseFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		this.polls.computeIfPresent(pendingRef, (ref, poll) -> new Poll(null, poll.polledAt()));
	}

	@Override
	public void removeFlow(String pendingRef, HttpServletRequest request, HttpServletResponse response) {
		this.polls.remove(pendingRef);
		String browserId = browserId(request);
		if (browserId == null) {
			return;
		}
		List<PendingFlow> flows = new ArrayList<>(liveFlows(request, browserId));
		if (flows.removeIf((flow) -> flow.pendingRef().equals(pendingRef))) {
			write(flows, browserId, request, response);
		}
	}

	/**
	 * The key id the {@code kid} header names a key by: the first 12 characters of the
	 * base64url HMAC-SHA256 of a fixed label under the key. It tells the keys apart
	 * without revealing anything of them, and stays the same whatever the order of the
	 * configured keys.
	 * @param key the key
	 * @return the id
	 */
	static String keyId(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(KEY_ID_LABEL)).substring(0, 12);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static boolean held(Instant claimedAt, Instant now) {
		return claimedAt.plus(CLAIM_TIMEOUT).isAfter(now);
	}

	private static @Nullable PendingFlow find(List<PendingFlow> flows, String pendingRef) {
		for (PendingFlow flow : flows) {
			if (flow.pendingRef().equals(pendingRef)) {
				return flow;
			}
		}
		return null;
	}

	private static @Nullable String browserId(HttpServletRequest request) {
		for (String value : DescopeCookies.values(request, BROWSER_COOKIE)) {
			if (BROWSER_ID.matcher(value).matches()) {
				return value;
			}
		}
		return null;
	}

	private String newBrowserId() {
		byte[] id = new byte[32];
		this.random.nextBytes(id);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
	}

	private static String binding(String browserId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(browserId.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The live flows of the first {@value #FLOWS_COOKIE} cookie the request carries that
	 * decrypts under a configured key and belongs to this browser and path, oldest first;
	 * none when there is no such cookie.
	 * @param request the request, whose cookies and context path are read
	 * @param browserId the browser's id
	 * @return the flows
	 */
	private List<PendingFlow> liveFlows(HttpServletRequest request, String browserId) {
		String binding = binding(browserId);
		String path = DescopeCookies.contextPath(request);
		Instant now = this.clock.instant();
		for (String value : DescopeCookies.values(request, FLOWS_COOKIE)) {
			List<PendingFlow> flows = decode(value, binding, path);
			if (flows != null) {
				return flows.stream().filter((flow) -> flow.expiresAt().isAfter(now)).toList();
			}
		}
		return List.of();
	}

	private @Nullable List<PendingFlow> decode(String value, String binding, String path) {
		if (value.length() > DescopeCookies.MAX_COOKIE_BYTES) {
			return null;
		}
		try {
			JWEObject jwe = JWEObject.parse(value);
			JWEHeader header = jwe.getHeader();
			SecretKey key = (header.getKeyID() != null) ? this.keys.get(header.getKeyID()) : null;
			if (key == null || !JWEAlgorithm.DIR.equals(header.getAlgorithm())
					|| !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
					|| header.getCompressionAlgorithm() != null) {
				return null;
			}
			jwe.decrypt(new DirectDecrypter(key));
			Map<String, Object> claims = jwe.getPayload().toJSONObject();
			if (claims == null || !FLOWS_COOKIE.equals(claims.get("cookie")) || !path.equals(claims.get("path"))
					|| !(claims.get("bid") instanceof String bid)
					|| !MessageDigest.isEqual(bid.getBytes(StandardCharsets.US_ASCII),
							binding.getBytes(StandardCharsets.US_ASCII))
					|| !(claims.get("flows") instanceof List<?> entries)) {
				return null;
			}
			List<PendingFlow> flows = new ArrayList<>();
			for (Object entry : entries) {
				PendingFlow flow = (entry instanceof Map<?, ?> map) ? flow(map) : null;
				if (flow != null) {
					flows.add(flow);
				}
			}
			return flows;
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			logger.debug("Ignored an unreadable pending-flow cookie: " + ex.getClass().getSimpleName());
			return null;
		}
	}

	private static @Nullable PendingFlow flow(Map<?, ?> entry) {
		NotpMethod method = (entry.get("method") instanceof String name) ? NotpMethod.fromValue(name) : null;
		if (!(entry.get("ref") instanceof String ref) || ref.isEmpty() || method == null
				|| !(entry.get("created") instanceof Number created)
				|| !(entry.get("expires") instanceof Number expires)) {
			return null;
		}
		return new PendingFlow(ref, method, Instant.ofEpochMilli(created.longValue()),
				Instant.ofEpochMilli(expires.longValue()));
	}

	/**
	 * Sets the flow cookie to these flows, dropping the oldest until it fits in a
	 * browser's cookie, or clears it when none are left.
	 * @param flows the flows, oldest first
	 * @param browserId the browser's id they are bound to
	 * @param request the request, for the context path
	 * @param response the response the {@code Set-Cookie} is added to
	 */
	private void write(List<PendingFlow> flows, String browserId, HttpServletRequest request,
			HttpServletResponse response) {
		String path = DescopeCookies.contextPath(request);
		List<PendingFlow> kept = new ArrayList<>(flows);
		while (!kept.isEmpty()) {
			ResponseCookie cookie = cookie(kept, binding(browserId), path);
			if (cookie == null) {
				break;
			}
			if (!DescopeCookies.tooLarge(cookie)) {
				response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
				return;
			}
			kept.remove(0);
			logger.warn("Dropped the oldest pending login of a browser: its flows would not fit in one cookie of "
					+ DescopeCookies.MAX_COOKIE_BYTES + " bytes");
		}
		response.addHeader(HttpHeaders.SET_COOKIE,
				DescopeCookies.expired(this.cookieSettings, FLOWS_COOKIE, path, null).toString());
	}

	private @Nullable ResponseCookie cookie(List<PendingFlow> flows, String binding, String path) {
		Instant now = this.clock.instant();
		Instant last = flows.stream().map(PendingFlow::expiresAt).max(Instant::compareTo).orElse(now);
		long seconds = (Duration.between(now, last).toMillis() + 999) / 1000;
		if (seconds <= 0) {
			return null;
		}
		List<Map<String, Object>> entries = new ArrayList<>();
		for (PendingFlow flow : flows) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("ref", flow.pendingRef());
			entry.put("method", flow.method().value());
			entry.put("created", flow.createdAt().toEpochMilli());
			entry.put("expires", flow.expiresAt().toEpochMilli());
			entries.add(entry);
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("cookie", FLOWS_COOKIE);
		claims.put("path", path);
		claims.put("bid", binding);
		claims.put("flows", entries);
		JWEObject jwe = new JWEObject(
				new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(this.encryptingKeyId).build(),
				new Payload(claims));
		try {
			jwe.encrypt(new DirectEncrypter(this.keys.get(this.encryptingKeyId)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not encrypt the pending-flow cookie", ex);
		}
		return DescopeCookies.cookie(this.cookieSettings, FLOWS_COOKIE, jwe.serialize(), path, true)
			.maxAge(Duration.ofSeconds(seconds))
			.build();
	}

	/**
	 * What this instance knows of the attempts on one flow.
	 *
	 * @param claimedAt when the attempt holding it took it, or {@code null} when none
	 * does
	 * @param polledAt when an attempt last took it to ask Descope
	 */
	private record Poll(@Nullable Instant claimedAt, Instant polledAt) {

	}

}
