/**
 * The starter in an application's tests: the test project that {@code @WebMvcTest} and
 * {@code @WebFluxTest} slices run on with no Descope and no network, and
 * {@code @DescopeEmulatorTest}, which runs the application on its own Descope emulator.
 */
@NullMarked
package com.descope.notp.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
