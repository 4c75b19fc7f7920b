/**
 * Limits on starting nOTP logins, on no particular web stack: every start makes Descope
 * send a WhatsApp message that the application's owner pays for, so starts are limited
 * per client address, per phone number and in all ({@link NotpStartGuard}), and phone
 * numbers of some countries may be refused. The counting itself is a
 * {@link KeyedRateLimiter}: in memory by default ({@link InMemoryKeyedRateLimiter}), a
 * bean of the application's own for a store that several instances share.
 */
@NullMarked
package com.descope.notp.limits;

import org.jspecify.annotations.NullMarked;
