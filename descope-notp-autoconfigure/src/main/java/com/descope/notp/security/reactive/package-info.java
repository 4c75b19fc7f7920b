/**
 * Spring Security integration for reactive (WebFlux) applications, the twin of the
 * servlet packages above it: what its login ({@code login}) and session tokens
 * ({@code session}) share, such as telling browser navigations from API calls and
 * answering problem+json. It builds on the stack-neutral {@code core}, {@code jwt} and
 * {@code client}, never on a servlet type.
 */
@NullMarked
package com.descope.notp.security.reactive;

import org.jspecify.annotations.NullMarked;
