package com.descope.notp.test.security;

import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * MockMvc request post-processors for a Descope user, as Spring Security's
 * {@code SecurityMockMvcRequestPostProcessors} has {@code user()} and {@code jwt()}:
 *
 * <pre>{@code
 * mvc.perform(get("/admin").with(descopeUser().roles("admin")));       // a signed-in browser session
 * mvc.perform(get("/api/me").with(descopeJwt().permissions("reports:read"))); // a bearer request
 * }</pre>
 *
 * Both know the same user as {@link WithMockDescopeUser} ({@link DescopeUserSpec}).
 */
public final class DescopeMockMvcRequestPostProcessors {

	private DescopeMockMvcRequestPostProcessors() {
	}

	/**
	 * The request runs as a signed-in Descope user: its security context holds the
	 * {@code Authentication} the starter builds after a login
	 * ({@link DescopeUserSpec#authentication(ApplicationContext)}), set up as
	 * {@code SecurityMockMvcRequestPostProcessors.authentication(..)} does, so the
	 * chain's filters see it as a stored session.
	 * @return the post-processor, with the knobs of {@link DescopeUserSpec}
	 */
	public static DescopeUserRequestPostProcessor descopeUser() {
		return new DescopeUserRequestPostProcessor();
	}

	/**
	 * The request carries the user's session JWT as {@code Authorization: Bearer}, and
	 * the whole chain validates it: signature, issuer, expiry, then the conversion, as
	 * for a front end's bearer request. The token is signed by the application's Descope
	 * emulator when it runs on one (for example under {@code @DescopeEmulatorTest}), else
	 * by the test key that the test support's {@code @WebMvcTest} decoder trusts; an
	 * application on a real Descope project refuses it ({@code 401}). A bearer request
	 * has no login answer, so the principal has no login ids, name, phone or email.
	 * @return the post-processor, with the knobs of {@link DescopeUserSpec}
	 */
	public static DescopeJwtRequestPostProcessor descopeJwt() {
		return new DescopeJwtRequestPostProcessor();
	}

	private static @Nullable ApplicationContext context(MockHttpServletRequest request) {
		ServletContext servletContext = request.getServletContext();
		return WebApplicationContextUtils.findWebApplicationContext(servletContext);
	}

	/**
	 * Sets a Descope user's {@code Authentication} as the request's security context.
	 */
	public static final class DescopeUserRequestPostProcessor extends DescopeUserSpec<DescopeUserRequestPostProcessor>
			implements RequestPostProcessor {

		private DescopeUserRequestPostProcessor() {
		}

		@Override
		public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
			return SecurityMockMvcRequestPostProcessors.authentication(authentication(context(request)))
				.postProcessRequest(request);
		}

	}

	/**
	 * Sends a Descope user's session JWT as the request's bearer token.
	 */
	public static final class DescopeJwtRequestPostProcessor extends DescopeUserSpec<DescopeJwtRequestPostProcessor>
			implements RequestPostProcessor {

		private DescopeJwtRequestPostProcessor() {
		}

		@Override
		public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + sessionJwt(context(request)));
			return request;
		}

	}

}
