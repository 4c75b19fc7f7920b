package com.descope.notp.client;

/**
 * The Descope API base URL of a project ({@code docs/descope-protocol.md}, "Calls the
 * client makes"): a regional project id ({@code P} + region + 27 characters, 32 or more
 * in all) gives {@code https://api.<region>.descope.com}, any other gives
 * {@code https://api.descope.com}. The region is what lies between the first character
 * and the last 27, as the JS and Java SDKs slice it.
 */
public final class DescopeBaseUrls {

	/** The default, non-regional API base URL. */
	public static final String DEFAULT = "https://api.descope.com";

	private static final int REGIONAL_ID_MIN_LENGTH = 32;

	private static final int ID_SUFFIX_LENGTH = 27;

	private DescopeBaseUrls() {
	}

	/**
	 * The base URL for a project id.
	 * @param projectId the project id, for example
	 * {@code Puse12aAc4T2V93bddihGEx2Ryhc8e5Z}
	 * @return for example {@code https://api.use1.descope.com}; never ends with a slash
	 */
	public static String forProjectId(String projectId) {
		if (projectId.length() < REGIONAL_ID_MIN_LENGTH) {
			return DEFAULT;
		}
		String region = projectId.substring(1, projectId.length() - ID_SUFFIX_LENGTH);
		return "https://api." + region + ".descope.com";
	}

}
