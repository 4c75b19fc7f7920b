/**
 * The reactive nOTP login, the twin of the servlet {@code security.login}: the DSL
 * applied to a {@code ServerHttpSecurity} ({@link ServerNotpLoginSpec}), which splits
 * browser navigations (sent to the login page) from API calls (problem+json) and puts the
 * session-token authentication on the chain.
 */
@NullMarked
package com.descope.notp.security.reactive.login;

import org.jspecify.annotations.NullMarked;
