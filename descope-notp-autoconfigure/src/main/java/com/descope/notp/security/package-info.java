/**
 * Spring Security integration: the nOTP login filters, the
 * {@code AuthenticationProvider}, the {@code Authentication} and principal types, the
 * per-request session-token filter wiring, the pending-flow store, token storage, and the
 * {@code http.with(...)} DSL configurer. Shaped like Spring Security's one-time-token
 * login and OAuth2 resource server.
 */
@NullMarked
package com.descope.notp.security;

import org.jspecify.annotations.NullMarked;
