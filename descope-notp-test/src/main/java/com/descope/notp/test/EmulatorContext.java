package com.descope.notp.test;

/**
 * What the request handlers share: identity, state, keys and switches of one emulator.
 *
 * @param projectId the project id the emulator answers for
 * @param baseUrl the emulator's base URL, without a trailing slash
 * @param state the users and flows
 * @param tokens the signing key and the issued refresh tokens
 * @param settings the switches tests change while the emulator runs
 */
record EmulatorContext(String projectId, String baseUrl, EmulatorState state, TokenService tokens,
		EmulatorSettings settings) {
}
