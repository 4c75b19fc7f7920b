package com.descope.notp.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeAuthenticationConverter}.
 */
class DescopeAuthenticationConverterTests {

	@Test
	void convertWhenSessionJwtThenPrincipalAndAuthoritiesFromItsClaims() {
		DescopeAuthenticationToken authentication = new DescopeAuthenticationConverter().convert(jwt("U2alice"));

		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getPrincipal().userId()).isEqualTo("U2alice");
		assertThat(authentication.getPrincipal().roles()).containsExactly("admin");
		assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities())).contains("ROLE_admin",
				"PERMISSION_reports:read");
	}

	@Test
	void convertWhenSameJwtAgainThenANewTokenWithTheSamePrincipalAndAuthorities() {
		DescopeAuthenticationConverter converter = new DescopeAuthenticationConverter();
		Jwt jwt = jwt("U2alice");

		DescopeAuthenticationToken first = converter.convert(jwt);
		first.setDetails("details of the first request");
		DescopeAuthenticationToken second = converter.convert(jwt);

		assertThat(second).isNotSameAs(first);
		assertThat(second.getDetails()).isNull();
		assertThat(second.getPrincipal()).isSameAs(first.getPrincipal());
		assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
		assertThat(second.getToken()).isSameAs(jwt);
	}

	@Test
	void convertWhenAnotherJwtThenItsOwnPrincipal() {
		DescopeAuthenticationConverter converter = new DescopeAuthenticationConverter();

		converter.convert(jwt("U2alice"));
		DescopeAuthenticationToken bob = converter.convert(jwt("U2bob"));

		assertThat(bob.getPrincipal().userId()).isEqualTo("U2bob");
	}

	@Test
	void convertWhenApplicationsAuthoritiesConverterThenItIsAskedEveryTime() {
		AtomicInteger calls = new AtomicInteger();
		DescopeAuthenticationConverter converter = new DescopeAuthenticationConverter((jwt) -> {
			Collection<GrantedAuthority> authorities = AuthorityUtils
				.createAuthorityList("SCOPE_call-" + calls.incrementAndGet());
			return authorities;
		});
		Jwt jwt = jwt("U2alice");

		converter.convert(jwt);
		DescopeAuthenticationToken second = converter.convert(jwt);

		assertThat(calls).hasValue(2);
		assertThat(AuthorityUtils.authorityListToSet(second.getAuthorities())).containsExactly("SCOPE_call-2");
	}

	@Test
	void convertWhenSubclassOfTheDefaultMappingThenItIsAskedEveryTime() {
		AtomicInteger calls = new AtomicInteger();
		DescopeAuthenticationConverter converter = new DescopeAuthenticationConverter(
				new DescopeGrantedAuthoritiesConverter() {
					@Override
					public Collection<GrantedAuthority> convert(Jwt jwt) {
						calls.incrementAndGet();
						return super.convert(jwt);
					}
				});
		Jwt jwt = jwt("U2alice");

		converter.convert(jwt);
		converter.convert(jwt);

		assertThat(calls).hasValue(2);
	}

	@Test
	void convertWhenTheDefaultMappingBeanThenSameAuthoritiesAsTheDefaultConverter() {
		Jwt jwt = jwt("U2alice");

		DescopeAuthenticationToken fromBean = new DescopeAuthenticationConverter(
				new DescopeGrantedAuthoritiesConverter())
			.convert(jwt);

		assertThat(fromBean.getAuthorities())
			.isEqualTo(new DescopeAuthenticationConverter().convert(jwt).getAuthorities());
	}

	private static Jwt jwt(String userId) {
		Instant now = Instant.now();
		return Jwt.withTokenValue("header.payload.signature")
			.header("alg", "RS256")
			.subject(userId)
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600))
			.claim("drn", "DS")
			.claim("roles", List.of("admin"))
			.claim("permissions", List.of("reports:read"))
			.build();
	}

}
