package com.descope.notp.test.security;

/**
 * A Descope user for a test, with its session JWT and {@code Authentication}
 * ({@link DescopeUserSpec}), for tests that need them outside MockMvc:
 *
 * <pre>{@code
 * String jwt = MockDescopeUser.user().roles("admin").sessionJwt(context);
 * restTestClient.get().uri("/admin").headers(MockDescopeUser.user().roles("admin").bearerAuth(context))...
 * }</pre>
 */
public final class MockDescopeUser extends DescopeUserSpec<MockDescopeUser> {

	private MockDescopeUser() {
	}

	/**
	 * A user with the defaults of {@link DescopeUserSpec}.
	 * @return a new user to describe further
	 */
	public static MockDescopeUser user() {
		return new MockDescopeUser();
	}

}
