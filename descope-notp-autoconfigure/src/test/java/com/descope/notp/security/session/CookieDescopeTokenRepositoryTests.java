package com.descope.notp.security.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CookieDescopeTokenRepository}'s cookie scopes: the {@code Domain}s a
 * cookie may name for a host, which are also the scopes it is cleared in (RFC 6265,
 * section 5.3).
 */
class CookieDescopeTokenRepositoryTests {

	@Test
	void domainsOfWhenAHostWithParentsThenTheHostAndEachParentOfTwoLabelsOrMore() {
		assertThat(CookieDescopeTokenRepository.domainsOf("App.Example.Test")).containsExactly("app.example.test",
				"example.test");
		assertThat(CookieDescopeTokenRepository.domainsOf("a.b.example.co")).containsExactly("a.b.example.co",
				"b.example.co", "example.co");
	}

	@Test
	void domainsOfWhenASingleLabelHostThenNone() {
		assertThat(CookieDescopeTokenRepository.domainsOf("localhost")).isEmpty();
	}

	@Test
	void domainsOfWhenAnIpAddressThenNone() {
		assertThat(CookieDescopeTokenRepository.domainsOf("127.0.0.1")).isEmpty();
		assertThat(CookieDescopeTokenRepository.domainsOf("[::1]")).isEmpty();
		assertThat(CookieDescopeTokenRepository.domainsOf("::1")).isEmpty();
	}

}
