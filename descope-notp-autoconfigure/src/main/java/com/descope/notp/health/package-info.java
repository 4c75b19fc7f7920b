/**
 * The {@code descope} health indicator for Spring Boot's health endpoint: the project's
 * JWKS and Descope's API as the starter last saw them, read from the state the starter
 * keeps, never by calling Descope.
 */
@NullMarked
package com.descope.notp.health;

import org.jspecify.annotations.NullMarked;
