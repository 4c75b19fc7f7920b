package com.descope.notp.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.test.DescopeEmulator;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs a Spring test's application on its own Descope emulator: one
 * {@link DescopeEmulator} per test class, started with the application context, stopped
 * after the class, and reached through a {@link DescopeConnectionDetails} bean that the
 * starter reads before {@code descope.project-id} and {@code descope.base-url} (as Spring
 * Boot's {@code @ServiceConnection} feeds data stores). The test gets the emulator as a
 * bean ({@code @Autowired DescopeEmulator}) or a test-method parameter, to confirm,
 * expire or fail flows and to inject Descope's faults:
 *
 * <pre>{@code
 * &#64;SpringBootTest

 * &#64;AutoConfigureMockMvc
 * &#64;DescopeEmulatorTest
 * class SignInTests {
 *
 *
&#64;Test
 *     void signIn(@Autowired MockMvc mvc, DescopeEmulator descope) { ... descope.confirm(pendingRef); ... }
 *
 * }
 * }</pre>
 *
 * Use it with {@code @SpringBootTest} or a slice. A class with it does not share its
 * application context with other classes, except with its {@code @Nested} classes, which
 * run on its application and emulator. When the application defines a
 * {@link DescopeConnectionDetails} bean of its own, the emulator's is primary, so the
 * application runs on the emulator.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DescopeEmulatorExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface DescopeEmulatorTest {

}
