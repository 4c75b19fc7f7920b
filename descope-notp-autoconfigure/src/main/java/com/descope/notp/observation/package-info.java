/**
 * The starter's Micrometer observations, named under {@code descope.*}
 * ({@link DescopeObservationDocumentation}): starting and completing a login, refreshing
 * and ending a session, validating a session JWT and fetching the project's keys. Each
 * carries low-cardinality key values only (an outcome, Descope's error code, a reason
 * class, the kind of start), never a login id, a phone number, a token, a
 * {@code pendingRef} or a user id, and none of high cardinality. Names and key values
 * come from a {@link DescopeObservationConvention}: the default one
 * ({@link DefaultDescopeObservationConvention}), else one given to the observed class or
 * registered as a {@code GlobalObservationConvention} with the
 * {@code ObservationRegistry}. This package depends on no other of the starter's.
 */
@NullMarked
package com.descope.notp.observation;

import org.jspecify.annotations.NullMarked;
