/**
 * The answers of the nOTP login's endpoints (their JSON bodies and their problems),
 * decided once for the servlet and the reactive stack from the stack-neutral results of
 * {@code core}: each stack writes them with its own writer.
 */
@NullMarked
package com.descope.notp.security.answers;

import org.jspecify.annotations.NullMarked;
