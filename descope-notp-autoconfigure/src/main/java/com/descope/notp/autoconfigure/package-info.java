/**
 * Spring Boot auto-configuration of the starter: {@code DescopeProperties}
 * ({@code descope.*}), the client, the session-token decoder, the login's beans, and a
 * default {@code SecurityFilterChain} when the application defines none.
 */
@NullMarked
package com.descope.notp.autoconfigure;

import org.jspecify.annotations.NullMarked;
