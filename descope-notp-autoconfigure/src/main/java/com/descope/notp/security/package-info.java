/**
 * Spring Security integration for servlet applications: what the login ({@code login})
 * and the session tokens ({@code session}) share, such as telling browser navigations
 * from API calls and same-origin redirect targets. Shaped like Spring Security's
 * one-time-token login and OAuth2 resource server.
 */
@NullMarked
package com.descope.notp.security;

import org.jspecify.annotations.NullMarked;
