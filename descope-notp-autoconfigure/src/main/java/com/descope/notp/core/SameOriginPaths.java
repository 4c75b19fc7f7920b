package com.descope.notp.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Tells whether a redirect target is a path of this application: it starts with one
 * {@code /}, not {@code //} or {@code /\}, and has no scheme, backslash, whitespace or
 * control character, so a browser cannot read it as another origin. The path part is also
 * percent-decoded once and checked again, so that encoded forms such as
 * {@code /%2F%2Fevil}, {@code /%5Cevil} or {@code /%09/evil} are refused too, as is a
 * target whose escapes do not decode.
 * <p>
 * The login's redirect targets ({@code NotpAuthenticationSuccessHandler}) and the
 * configured success URL ({@link NotpLoginSettings#defaultSuccessUrl()}) are checked with
 * it.
 */
public final class SameOriginPaths {

	private SameOriginPaths() {
	}

	/**
	 * Whether a target is a safe same-origin path.
	 * @param target the target, or {@code null}
	 * @return {@code true} for a path such as {@code /api/me?x=1}
	 */
	public static boolean isSafe(@Nullable String target) {
		if (!isSafeAsSent(target)) {
			return false;
		}
		String decodedPath;
		try {
			decodedPath = StringUtils.uriDecode(pathOf(target), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return isSafeWhenDecoded(decodedPath);
	}

	private static boolean isSafeAsSent(@Nullable String target) {
		if (target == null || target.isEmpty() || target.charAt(0) != '/') {
			return false;
		}
		if (target.length() > 1 && (target.charAt(1) == '/' || target.charAt(1) == '\\')) {
			return false;
		}
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The decoded path may hold spaces ({@code %20}), which browsers never strip from a
	 * path, but no second leading slash or backslash, no backslash and no control
	 * character.
	 * @param path the percent-decoded path
	 * @return {@code true} when the path starts with a single {@code /} and holds no
	 * backslash and no control or format character
	 */
	private static boolean isSafeWhenDecoded(String path) {
		if (path.isEmpty() || path.charAt(0) != '/') {
			return false;
		}
		if (path.length() > 1 && (path.charAt(1) == '/' || path.charAt(1) == '\\')) {
			return false;
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '\\' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				return false;
			}
		}
		return true;
	}

	private static String pathOf(String target) {
		int end = target.length();
		int query = target.indexOf('?');
		int fragment = target.indexOf('#');
		if (query >= 0) {
			end = query;
		}
		if (fragment >= 0 && fragment < end) {
			end = fragment;
		}
		return target.substring(0, end);
	}

	/**
	 * Drops the {@code continue} parameter Spring's request cache adds to mark a saved
	 * request.
	 * @param query the raw query string, or {@code null}
	 * @return the query without any {@code continue} parameter, or {@code null} when
	 * nothing is left
	 */
	private static @Nullable String withoutContinueMarker(@Nullable String query) {
		if (query == null) {
			return null;
		}
		String kept = Arrays.stream(query.split("&"))
			.filter((part) -> !part.equals("continue") && !part.startsWith("continue="))
			.collect(Collectors.joining("&"));
		return kept.isEmpty() ? null : kept;
	}

	/**
	 * The path and query of a saved request's URL when it points at this application:
	 * either a path, or an {@code http} or {@code https} URL whose host is this
	 * request's, with a path that {@link SameOriginPaths} accepts; else {@code null}.
	 * Only the path and query are kept, so the answer is always relative to this origin.
	 * @param url the saved request's URL, or {@code null} when there is none
	 * @param serverName the host this request was sent to
	 * @return the path and query, or {@code null} when the URL is missing, foreign or
	 * unsafe
	 */
	public static @Nullable String localPath(@Nullable String url, String serverName) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = new URI(url);
			if (uri.isOpaque()) {
				return null;
			}
			String scheme = uri.getScheme();
			if (scheme != null && ((!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https"))
					|| uri.getRawAuthority() == null)) {
				return null;
			}
			if (uri.getRawAuthority() != null
					&& (uri.getHost() == null || !uri.getHost().equalsIgnoreCase(serverName))) {
				return null;
			}
			String path = uri.getRawPath();
			if (!StringUtils.hasText(path)) {
				return null;
			}
			String query = withoutContinueMarker(uri.getRawQuery());
			String local = (query != null) ? path + "?" + query : path;
			return isSafe(local) ? local : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
