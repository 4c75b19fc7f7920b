/**
 * The Descope HTTP API for nOTP (WhatsApp) sign-in, pending-session polling, refresh,
 * logout and the current user, on Spring's {@code RestClient}. Knows nothing of Spring
 * Security or servlets. Follows {@code docs/descope-protocol.md}.
 */
@NullMarked
package com.descope.notp.client;

import org.jspecify.annotations.NullMarked;
