/**
 * Signed-in Descope users for an application's tests: {@code @WithMockDescopeUser}, the
 * MockMvc request post-processors {@code descopeUser()} and {@code descopeJwt()}, their
 * {@code WebTestClient} twins {@code mockDescopeUser()} and {@code descopeJwt()} for
 * reactive applications, and {@code MockDescopeUser} for other clients. Each gives the
 * {@code Authentication} the starter builds at run time, from a session JWT with
 * Descope's claims signed by a real RS256 key.
 */
@NullMarked
package com.descope.notp.test.security;

import org.jspecify.annotations.NullMarked;
