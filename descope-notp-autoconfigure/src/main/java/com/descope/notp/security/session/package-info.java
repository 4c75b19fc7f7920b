/**
 * The Descope session on the servlet stack: authentication from a bearer session JWT or
 * the {@code DS} cookie, where the tokens live between requests (HTTP session, cookies,
 * nowhere), the automatic and explicit refresh, logout, and the API entry point and
 * access-denied answers.
 */
@NullMarked
package com.descope.notp.security.session;

import org.jspecify.annotations.NullMarked;
