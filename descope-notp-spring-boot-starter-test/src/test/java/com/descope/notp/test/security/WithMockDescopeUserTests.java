package com.descope.notp.test.security;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.test.security.TestApplication.AccountController;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * How {@link WithMockDescopeUser} is found and when it applies, as Spring Security's
 * {@code @WithMockUser}: on the class for every test, a method's own replacing it, the
 * {@code value} alias, a meta-annotation with its own attributes, a {@code @Nested} class
 * inheriting the enclosing class's user, and {@code setupBefore = TEST_EXECUTION} leaving
 * {@code @BeforeEach} without a user.
 */
@WebMvcTest(AccountController.class)
@WithMockDescopeUser(userId = "U2ClassUser")
class WithMockDescopeUserTests {

	@Autowired
	MockMvc mvc;

	private String userBeforeEach;

	@BeforeEach
	void recordTheUserBeforeEach() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		this.userBeforeEach = (authentication != null) ? authentication.getName() : "nobody";
	}

	@Test
	void testWhenOnlyTheClassIsAnnotatedThenTheClassesUser() {
		assertThat(descopeAuthentication().getName()).isEqualTo("U2ClassUser");
	}

	@Test
	@WithMockDescopeUser(userId = "U2MethodUser", roles = "admin")
	void testWhenTheMethodIsAnnotatedThenItsUserNotTheClasses() throws Exception {
		assertThat(descopeAuthentication().getName()).isEqualTo("U2MethodUser");
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
	}

	@Test
	@WithMockDescopeUser("U2ValueUser")
	void valueWhenGivenThenTheUserId() {
		assertThat(descopeAuthentication().getName()).isEqualTo("U2ValueUser");
	}

	@Test
	@WithAdmin
	void metaAnnotationWhenUsedThenItsAttributes() throws Exception {
		assertThat(descopeAuthentication().getName()).isEqualTo("U2MetaAdmin");
		assertThat(descopeAuthentication().getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.contains("ROLE_admin");
		this.mvc.perform(get("/admin")).andExpect(status().isOk());
	}

	@Test
	@WithMockDescopeUser(userId = "U2ExecutionUser", setupBefore = TestExecutionEvent.TEST_EXECUTION)
	void setupBeforeWhenTestExecutionThenNoUserInBeforeEachAndTheUserInTheTest() {
		assertThat(this.userBeforeEach).isEqualTo("nobody");
		assertThat(descopeAuthentication().getName()).isEqualTo("U2ExecutionUser");
	}

	@Test
	@WithMockDescopeUser(userId = "U2MethodUser")
	void setupBeforeWhenDefaultThenTheUserAlreadyInBeforeEach() {
		assertThat(this.userBeforeEach).isEqualTo("U2MethodUser");
	}

	private static DescopeAuthenticationToken descopeAuthentication() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		assertThat(authentication).isInstanceOf(DescopeAuthenticationToken.class);
		return (DescopeAuthenticationToken) authentication;
	}

	@Nested
	class NestedTests {

		@Test
		void testWhenTheEnclosingClassIsAnnotatedThenItsUser() throws Exception {
			assertThat(descopeAuthentication().getName()).isEqualTo("U2ClassUser");
			WithMockDescopeUserTests.this.mvc.perform(get("/admin")).andExpect(status().isForbidden());
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@WithMockDescopeUser(userId = "U2MetaAdmin", roles = "admin")
	@interface WithAdmin {

	}

}
