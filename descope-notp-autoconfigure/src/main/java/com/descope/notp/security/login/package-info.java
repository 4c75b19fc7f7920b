/**
 * The nOTP login on the servlet stack: the {@code http.with(notpLogin())} DSL, the start
 * filter ({@code POST /login/notp}), the completion filter
 * ({@code POST /login/notp/session}) with its success and failure handlers, and where
 * pending flows are bound to browser sessions. Thin: each reads the request, calls the
 * stack-neutral core and writes the answer.
 */
@NullMarked
package com.descope.notp.security.login;

import org.jspecify.annotations.NullMarked;
