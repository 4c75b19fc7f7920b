package com.descope.notp.core;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.descope.notp.jwt.DescopeGrantedAuthoritiesConverter;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DescopeJwtAuthenticationConverter}.
 */
class DescopeJwtAuthenticationConverterTests {

	@Test
	void convertWhenSessionJwtThenPrincipalAndAuthoritiesFromItsClaims() {
		DescopeAuthenticationToken authentication = new DescopeJwtAuthenticationConverter().convert(jwt("U2alice"));

		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getPrincipal().userId()).isEqualTo("U2alice");
		assertThat(authentication.getPrincipal().roles()).containsExactly("admin");
		assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities())).contains("ROLE_admin",
				"PERMISSION_reports:read");
	}

	@Test
	void convertWhenSameJwtAgainThenANewTokenWithTheSamePrincipalAndAuthorities() {
		DescopeJwtAuthenticationConverter converter = new DescopeJwtAuthenticationConverter();
		Jwt jwt = jwt("U2alice");

		// an instance is remembered from its second conversion (the verified-token cache
		// hands out the same instance from a token's third use)
		converter.convert(jwt);
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
		DescopeJwtAuthenticationConverter converter = new DescopeJwtAuthenticationConverter();

		converter.convert(jwt("U2alice"));
		DescopeAuthenticationToken bob = converter.convert(jwt("U2bob"));

		assertThat(bob.getPrincipal().userId()).isEqualTo("U2bob");
	}

	@Test
	void convertWhenApplicationsAuthoritiesConverterThenItIsAskedEveryTime() {
		AtomicInteger calls = new AtomicInteger();
		DescopeJwtAuthenticationConverter converter = new DescopeJwtAuthenticationConverter((jwt) -> {
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
		DescopeJwtAuthenticationConverter converter = new DescopeJwtAuthenticationConverter(
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

		DescopeAuthenticationToken fromBean = new DescopeJwtAuthenticationConverter(
				new DescopeGrantedAuthoritiesConverter())
			.convert(jwt);

		assertThat(fromBean.getAuthorities())
			.isEqualTo(new DescopeJwtAuthenticationConverter().convert(jwt).getAuthorities());
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
