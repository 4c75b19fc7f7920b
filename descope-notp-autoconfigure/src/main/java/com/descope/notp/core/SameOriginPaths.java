package com.descope.notp.core;

import java.nio.charset.StandardCharsets;

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

}
