/**
 * The session-token part of the reactive login: bearer and {@code DS}-cookie
 * authentication through the starter's decoder, the API entry point and access-denied
 * answers, and the DSL that puts them on a {@code ServerHttpSecurity}.
 */
@NullMarked
package com.descope.notp.security.reactive.session;

import org.jspecify.annotations.NullMarked;
