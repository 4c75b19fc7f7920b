/**
 * The Descope emulator as a development-time service, the way Spring Boot's Docker
 * Compose support starts the services an application needs: on the class path of an
 * application that sets no {@code descope.project-id} and defines no
 * {@code DescopeConnectionDetails} bean of its own, it starts a
 * {@link com.descope.notp.test.DescopeEmulator}, points the starter at it through a
 * {@link com.descope.notp.autoconfigure.DescopeConnectionDetails} bean, and logs where it
 * runs and whom to sign in as. Declared an optional dependency, it stays out of the
 * application Spring Boot packages. Configured by {@code descope.dev-emulator.*}.
 */
@NullMarked
package com.descope.notp.devemulator;

import org.jspecify.annotations.NullMarked;
