package com.descope.notp.test;

import java.security.SecureRandom;

/** Random identifiers from a {@link SecureRandom}: alphanumerics only (URL-safe). */
final class RandomIds {

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private RandomIds() {
	}

	/**
	 * {@code length} random alphanumerics.
	 * @param length the number of characters
	 * @return the random {@code [A-Za-z0-9]} string
	 */
	static String alphanumeric(int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
		}
		return sb.toString();
	}

	/**
	 * A project id: {@code "P"} + 27 alphanumerics.
	 * @return a new project id
	 */
	static String projectId() {
		return "P" + alphanumeric(27);
	}

	/**
	 * A user id: {@code "U"} + 27 alphanumerics.
	 * @return a new user id
	 */
	static String userId() {
		return "U" + alphanumeric(27);
	}

	/**
	 * A signing key id: {@code "SK"} + 27 alphanumerics.
	 * @return a new key id
	 */
	static String keyId() {
		return "SK" + alphanumeric(27);
	}

	/**
	 * A pending reference: 32 alphanumerics.
	 * @return a new pending reference
	 */
	static String pendingRef() {
		return alphanumeric(32);
	}

	/**
	 * A confirmation code (stands in for the code in the wa.me message): 16
	 * alphanumerics.
	 * @return a new confirmation code
	 */
	static String confirmationCode() {
		return alphanumeric(16);
	}

}
