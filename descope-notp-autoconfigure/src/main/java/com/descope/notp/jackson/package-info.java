/**
 * Jackson 3 support for what the starter keeps in an HTTP session, for session stores
 * that write JSON (Spring Session on Redis): {@link DescopeJacksonModule}, to use next to
 * Spring Security's own modules.
 */
@NullMarked
package com.descope.notp.jackson;

import org.jspecify.annotations.NullMarked;
