/**
 * Validation of Descope session JWTs with Nimbus and Spring Security's {@code Jwt}
 * validators: the project's JWKS, the algorithm allow-list, {@code exp} / {@code nbf}
 * with clock skew, the issuer forms, the {@code drn} token kind, and the mapping of
 * roles, permissions and tenant roles to {@code GrantedAuthority}s. Knows nothing of
 * servlets. Follows {@code docs/descope-protocol.md}, "Session and refresh JWTs".
 */
@NullMarked
package com.descope.notp.jwt;

import org.jspecify.annotations.NullMarked;
