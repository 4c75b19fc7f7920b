/**
 * The sample application: a Spring MVC app on the starter with one filter chain using
 * {@code notpLogin()}, a public home page, and endpoints for signed-in users, recent
 * WhatsApp confirmation and the {@code admin} role. Without a {@code descope.project-id}
 * it runs on the built-in Descope emulator.
 */
package com.descope.notp.sample;
