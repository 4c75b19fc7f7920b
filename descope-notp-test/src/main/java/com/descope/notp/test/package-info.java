/**
 * Test support for the Descope nOTP (WhatsApp) starter:
 * {@link com.descope.notp.test.DescopeEmulator}, a stand-in for Descope's HTTP API on
 * MockWebServer with real RS256 keys.
 *
 * <p>
 * Only {@link com.descope.notp.test.DescopeEmulator},
 * {@link com.descope.notp.test.EmulatedUser}, {@link com.descope.notp.test.PendingFlow},
 * {@link com.descope.notp.test.RecordedCall}, {@link com.descope.notp.test.AnswerHold},
 * {@link com.descope.notp.test.EmulatorErrorCodes},
 * {@link com.descope.notp.test.MovableClock}, {@link com.descope.notp.test.TestTokens}
 * and {@link com.descope.notp.test.RedisServer} (a throwaway {@code redis-server} for
 * tests and benchmarks of several instances) are API; every package-private class is an
 * internal detail.
 */
@NullMarked
package com.descope.notp.test;

import org.jspecify.annotations.NullMarked;
