package com.descope.notp.security;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link DescopeBearerTokenResolver}.
 */
class DescopeBearerTokenResolverTests {

	private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVMiJ9.c2lnbmF0dXJl-_~+/";

	private final DescopeBearerTokenResolver resolver = new DescopeBearerTokenResolver();

	@Test
	void resolveWhenBearerHeaderThenTheToken() {
		assertThat(this.resolver.resolve(request("Bearer " + JWT))).isEqualTo(JWT);
	}

	@Test
	void resolveWhenSchemeInAnyCaseOrSeveralSpacesOrPaddingThenTheToken() {
		assertThat(this.resolver.resolve(request("bearer " + JWT))).isEqualTo(JWT);
		assertThat(this.resolver.resolve(request("BEARER   " + JWT))).isEqualTo(JWT);
		assertThat(this.resolver.resolve(request("Bearer abc=="))).isEqualTo("abc==");
	}

	@Test
	void resolveWhenNoAuthorizationHeaderThenNullAndNotABearerRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest();

		assertThat(this.resolver.resolve(request)).isNull();
		assertThat(DescopeBearerTokenResolver.isBearerRequest(request)).isFalse();
	}

	@Test
	void resolveWhenAnotherSchemeThenNull() {
		assertThat(this.resolver.resolve(request("Basic dXNlcjpwYXNz"))).isNull();
		assertThat(this.resolver.resolve(request("Token " + JWT))).isNull();
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "Bearer", "Bearer ", "Bearer a b", "Bearer a=b", "Bearer =", "Bearerabc", "Bearer abc ",
			"Bearer a\u00e9b", "Bearer a\tb", "Bearer a,b" })
	void resolveWhenBearerSchemeButMalformedThenInvalidToken(String authorization) {
		MockHttpServletRequest request = request(authorization);

		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.resolver.resolve(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token"));
		assertThat(DescopeBearerTokenResolver.isBearerRequest(request)).isTrue();
		assertThat(DescopeBearerTokenResolver.hasBearerToken(request)).isFalse();
		assertThat(DescopeBearerTokenResolver.isMalformedBearerRequest(request)).isTrue();
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "Bearer " + JWT, "bearer abc", "Bearer abc==", "Bearer a b", "Bearer", "Bearerabc",
			"Bearer a\u00e9b", "Basic dXNlcjpwYXNz", "Bearer .", "Bearer ~~", "Bearer a==b" })
	void resolveWhenOneSpaceThenSameAnswerAsSpringsDefaultResolver(String authorization) {
		DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

		Throwable springFailure = catchThrowable(() -> spring.resolve(request(authorization)));
		Throwable ourFailure = catchThrowable(() -> this.resolver.resolve(request(authorization)));

		assertThat(ourFailure == null).isEqualTo(springFailure == null);
		if (springFailure == null) {
			assertThat(this.resolver.resolve(request(authorization))).isEqualTo(spring.resolve(request(authorization)));
		}
	}

	@Test
	void isBearerRequestAndResolveWhenCalledInAnyOrderThenTheHeaderIsReadOnce() {
		MockHttpServletRequest request = request("Bearer " + JWT);
		AtomicInteger headerReads = new AtomicInteger();
		HttpServletRequestWrapper counting = new HttpServletRequestWrapper(request) {
			@Override
			public String getHeader(String name) {
				headerReads.incrementAndGet();
				return super.getHeader(name);
			}
		};

		boolean bearer = DescopeBearerTokenResolver.isBearerRequest(counting);
		boolean token = DescopeBearerTokenResolver.hasBearerToken(counting);
		String resolved = this.resolver.resolve(counting);
		boolean malformed = DescopeBearerTokenResolver.isMalformedBearerRequest(counting);

		assertThat(bearer).isTrue();
		assertThat(token).isTrue();
		assertThat(resolved).isEqualTo(JWT);
		assertThat(malformed).isFalse();
		assertThat(headerReads).hasValue(1);
	}

	@Test
	void resolveWhenAWrapperChangesTheHeaderThenTheWrapperIsReadAfresh() {
		MockHttpServletRequest request = request("Bearer " + JWT);
		HttpServletRequestWrapper withoutHeader = new HttpServletRequestWrapper(request) {
			@Override
			public String getHeader(String name) {
				return "Authorization".equalsIgnoreCase(name) ? null : super.getHeader(name);
			}
		};

		boolean bearer = DescopeBearerTokenResolver.isBearerRequest(request);
		String resolvedThroughWrapper = this.resolver.resolve(withoutHeader);

		assertThat(bearer).isTrue();
		assertThat(resolvedThroughWrapper).isNull();
		assertThat(this.resolver.resolve(request)).isEqualTo(JWT);
	}

	@Test
	void isBearerRequestWhenAnotherSchemeOrNoneThenFalse() {
		assertThat(DescopeBearerTokenResolver.isBearerRequest(request("Basic dXNlcjpwYXNz"))).isFalse();
		assertThat(DescopeBearerTokenResolver.hasBearerToken(request("Basic dXNlcjpwYXNz"))).isFalse();
		assertThat(DescopeBearerTokenResolver.isBearerRequest(new MockHttpServletRequest())).isFalse();
	}

	@Test
	void resolveWhenRecordedThenTheRequestAttributeNeverShowsTheToken() {
		MockHttpServletRequest request = request("Bearer " + JWT);

		this.resolver.resolve(request);

		assertThat(Collections.list(request.getAttributeNames()))
			.allSatisfy((name) -> assertThat(String.valueOf(request.getAttribute(name))).doesNotContain(JWT));
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.addHeader("Authorization", authorization);
		return request;
	}

}
