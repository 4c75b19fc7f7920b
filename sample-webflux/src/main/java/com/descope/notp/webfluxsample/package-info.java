/**
 * The reactive sample application, the servlet sample's pages and endpoints on Spring
 * WebFlux: one {@code SecurityWebFilterChain} applying the starter's
 * {@code ServerNotpLoginSpec}, a public home page, and endpoints for signed-in users,
 * recent WhatsApp confirmation and the {@code admin} role. Without a
 * {@code descope.project-id} it runs on the built-in Descope emulator.
 */
package com.descope.notp.webfluxsample;
