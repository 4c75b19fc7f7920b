package com.descope.notp.test;

/**
 * What the request handlers share: identity, state, keys and switches of one emulator.
 */
record EmulatorContext(String projectId, String baseUrl, EmulatorState state, TokenService tokens,
		EmulatorSettings settings) {
}
