/**
 * The HTTP shapes of the starter's endpoints: reading and checking the start and
 * completion bodies (JSON or form), writing RFC 9457 problem details, and the default
 * login page. Knows the client's types and Spring Security's web types, but none of the
 * starter's security classes.
 */
@NullMarked
package com.descope.notp.web;

import org.jspecify.annotations.NullMarked;
