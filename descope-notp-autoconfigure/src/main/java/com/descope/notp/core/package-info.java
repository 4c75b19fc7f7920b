/**
 * What a login and a session do, on no particular web stack: the {@code Authentication}
 * and principal built from Descope's tokens (with the WhatsApp factor), completing a
 * login, the single-flight refresh, the tokens and pending flows as they are kept, and
 * the settings. Nothing here knows a servlet or a reactive type, so the servlet filters
 * and a reactive twin share it.
 */
@NullMarked
package com.descope.notp.core;

import org.jspecify.annotations.NullMarked;
