/**
 * The Spring Cloud Gateway sample: a gateway on the starter's reactive security chain
 * that routes signed-in requests to a downstream service and relays the Descope user id
 * in a header
 * ({@link com.descope.notp.gatewaysample.RelayDescopeUserIdGatewayFilterFactory}).
 * Without a {@code descope.project-id} it runs on the built-in Descope emulator.
 */
package com.descope.notp.gatewaysample;
