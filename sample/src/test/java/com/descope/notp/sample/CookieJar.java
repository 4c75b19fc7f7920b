package com.descope.notp.sample;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A cookie store that keeps and sends cookies as a browser does (RFC 6265, sections 5.2
 * to 5.4), unlike {@link java.net.CookieManager}, which follows the older RFC 2965: a
 * cookie is identified by its name, domain and path, so clearing it takes a
 * {@code Set-Cookie} with the same {@code Domain} and {@code Path}; a {@code Domain}
 * cookie is sent to that domain and its subdomains, a host-only cookie to its host alone;
 * {@code Secure} cookies go only to {@code https} origins and, as in Chromium and
 * Firefox, to {@code http://localhost} and loopback addresses.
 */
final class CookieJar {

	private final List<StoredCookie> cookies = new ArrayList<>();

	/**
	 * Takes the cookies of an answer to a request for {@code uri}.
	 * @param uri the URL the browser asked for (its public address, not the server's)
	 * @param setCookies the {@code Set-Cookie} header values
	 */
	synchronized void receive(URI uri, List<String> setCookies) {
		for (String header : setCookies) {
			StoredCookie cookie = parse(uri, header);
			if (cookie == null) {
				continue;
			}
			this.cookies.removeIf((c) -> c.sameIdentity(cookie));
			if (!cookie.expired(Instant.now())) {
				this.cookies.add(cookie);
			}
		}
	}

	/**
	 * The {@code Cookie} header a browser sends with a request for {@code uri}.
	 * @param uri the URL
	 * @return the header value, or empty when no cookie applies
	 */
	synchronized Optional<String> header(URI uri) {
		Instant now = Instant.now();
		this.cookies.removeIf((c) -> c.expired(now));
		String value = this.cookies.stream()
			.filter((c) -> c.appliesTo(uri))
			.sorted(Comparator.comparingInt((StoredCookie c) -> c.path().length()).reversed())
			.map((c) -> c.name() + "=" + c.value())
			.reduce((a, b) -> a + "; " + b)
			.orElse(null);
		return Optional.ofNullable(value);
	}

	/**
	 * The value of a named cookie this browser would send to {@code uri}.
	 */
	synchronized Optional<String> value(URI uri, String name) {
		return this.cookies.stream()
			.filter((c) -> c.name().equals(name) && c.appliesTo(uri) && !c.expired(Instant.now()))
			.map(StoredCookie::value)
			.findFirst();
	}

	/** Every cookie held under a name, whatever its domain and path. */
	synchronized List<StoredCookie> all(String name) {
		return this.cookies.stream().filter((c) -> c.name().equals(name)).toList();
	}

	/**
	 * Changes the value of every cookie held under a name, keeping its domain, path and
	 * other attributes, as a person editing the browser's cookie store would.
	 * @return how many cookies were changed
	 */
	synchronized int change(String name, UnaryOperator<String> value) {
		int changed = 0;
		for (int i = 0; i < this.cookies.size(); i++) {
			StoredCookie cookie = this.cookies.get(i);
			if (cookie.name().equals(name)) {
				this.cookies.set(i, new StoredCookie(cookie.name(), value.apply(cookie.value()), cookie.domain(),
						cookie.hostOnly(), cookie.path(), cookie.secure(), cookie.expires()));
				changed++;
			}
		}
		return changed;
	}

	/** A jar holding the same cookies as this one now, changed independently later. */
	synchronized CookieJar copy() {
		CookieJar copy = new CookieJar();
		copy.cookies.addAll(this.cookies);
		return copy;
	}

	/**
	 * Adds a cookie as a script or a person would set it for {@code uri}: host-only, path
	 * {@code /}.
	 */
	synchronized void put(URI uri, String name, String value) {
		StoredCookie cookie = new StoredCookie(name, value, host(uri), true, "/", false, null);
		this.cookies.removeIf((c) -> c.sameIdentity(cookie));
		this.cookies.add(cookie);
	}

	private static StoredCookie parse(URI uri, String header) {
		String[] parts = header.split(";");
		int eq = parts[0].indexOf('=');
		if (eq <= 0) {
			return null;
		}
		String name = parts[0].substring(0, eq).trim();
		String value = parts[0].substring(eq + 1).trim();
		String host = host(uri);
		String domain = null;
		String path = null;
		boolean secure = false;
		Instant expires = null;
		for (int i = 1; i < parts.length; i++) {
			String attribute = parts[i].trim();
			int at = attribute.indexOf('=');
			String key = ((at < 0) ? attribute : attribute.substring(0, at)).trim().toLowerCase(Locale.ROOT);
			String argument = (at < 0) ? "" : attribute.substring(at + 1).trim();
			switch (key) {
				case "domain" -> domain = argument.startsWith(".") ? argument.substring(1).toLowerCase(Locale.ROOT)
						: argument.toLowerCase(Locale.ROOT);
				case "path" -> path = argument.startsWith("/") ? argument : null;
				case "secure" -> secure = true;
				case "max-age" -> expires = Instant.now().plusSeconds(Long.parseLong(argument));
				default -> {
				}
			}
		}
		if (secure && !secureOrigin(uri)) {
			return null;
		}
		boolean hostOnly = domain == null || domain.isEmpty();
		if (!hostOnly && !domainMatches(host, domain)) {
			return null;
		}
		return new StoredCookie(name, value, hostOnly ? host : domain, hostOnly,
				(path != null) ? path : defaultPath(uri), secure, expires);
	}

	/** RFC 6265, section 5.1.4: the directory of the request path. */
	private static String defaultPath(URI uri) {
		String path = uri.getRawPath();
		if (path == null || path.isEmpty() || path.charAt(0) != '/') {
			return "/";
		}
		int last = path.lastIndexOf('/');
		return (last == 0) ? "/" : path.substring(0, last);
	}

	private static boolean domainMatches(String host, String domain) {
		return host.equals(domain) || (host.endsWith("." + domain) && !isIpAddress(host));
	}

	private static boolean isIpAddress(String host) {
		return host.matches("[0-9.]+") || host.contains(":");
	}

	private static boolean secureOrigin(URI uri) {
		String host = host(uri);
		return "https".equalsIgnoreCase(uri.getScheme()) || host.equals("localhost") || host.endsWith(".localhost")
				|| host.startsWith("127.") || host.equals("[::1]");
	}

	private static String host(URI uri) {
		return uri.getHost().toLowerCase(Locale.ROOT);
	}

	/**
	 * A stored cookie.
	 */
	record StoredCookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
			Instant expires) {

		boolean sameIdentity(StoredCookie other) {
			return this.name.equals(other.name) && this.domain.equals(other.domain) && this.path.equals(other.path)
					&& this.hostOnly == other.hostOnly;
		}

		boolean expired(Instant now) {
			return this.expires != null && !this.expires.isAfter(now);
		}

		boolean appliesTo(URI uri) {
			String host = host(uri);
			boolean domainOk = this.hostOnly ? host.equals(this.domain) : domainMatches(host, this.domain);
			return domainOk && pathMatches(uri.getRawPath()) && (!this.secure || secureOrigin(uri));
		}

		/** RFC 6265, section 5.1.4. */
		private boolean pathMatches(String requestPath) {
			String path = (requestPath == null || requestPath.isEmpty()) ? "/" : requestPath;
			if (path.equals(this.path)) {
				return true;
			}
			return path.startsWith(this.path) && (this.path.endsWith("/") || path.charAt(this.path.length()) == '/');
		}

	}

}
