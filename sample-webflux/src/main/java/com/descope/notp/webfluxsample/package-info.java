/**
 * The reactive sample application: a Spring WebFlux app on the starter with the
 * auto-configured {@code SecurityWebFilterChain} and endpoints for signed-in users and
 * the {@code admin} role. Without a {@code descope.project-id} it runs on the built-in
 * Descope emulator.
 */
package com.descope.notp.webfluxsample;
