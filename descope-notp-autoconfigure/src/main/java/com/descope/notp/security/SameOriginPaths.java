package com.descope.notp.security;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether a redirect target is a path of this application: it starts with one {@code /},
 * not {@code //} or {@code /\}, and has no scheme, backslash or control character, so a browser
 * cannot read it as another origin.
 */
final class SameOriginPaths {

	private SameOriginPaths() {
	}

	/**
	 * Whether a target is a safe same-origin path.
	 * @param target the target, or {@code null}
	 * @return {@code true} for a path such as {@code /api/me?x=1}
	 */
	static boolean isSafe(@Nullable String target) {
		if (target == null || target.length() < 1 || target.charAt(0) != '/') {
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

}
