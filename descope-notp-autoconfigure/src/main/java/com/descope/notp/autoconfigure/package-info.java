/**
 * Spring Boot auto-configuration of the starter, bound from {@code DescopeProperties}
 * ({@code descope.*}): one public auto-configuration per concern (the client, the
 * session-token decoder, the login's beans, the default {@code SecurityFilterChain} when
 * the application defines none, method security), each importing small package-private
 * configurations guarded by their own conditions, as Spring Boot's own are built.
 */
@NullMarked
package com.descope.notp.autoconfigure;

import org.jspecify.annotations.NullMarked;
