package com.descope.notp.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SameOriginPaths}: a path of this application, as sent and once
 * percent-decoded.
 */
class SameOriginPathsTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/api/me", "/api/me?x=1&y=2", "/api/me#top", "/a%20b", "/caf%C3%A9",
			"/api/me?next=//evil", "/api/me?next=%2F%2Fevil", "/api/me?q=a+b", "/%41pi/me" })
	void isSafeWhenAPathOfThisOriginThenTrue(String target) {
		assertThat(SameOriginPaths.isSafe(target)).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "//evil", "///evil", "/\\evil", "\\\\evil", "\\/evil", "https://evil",
			"http://http://evil", "https:evil", "%2F%2Fevil", "%2f%2fevil", "/%2F%2Fevil", "/%2F/evil", "/%2f%2Fevil",
			"/%5Cevil", "/%5cevil", "/%5C%5Cevil", "/%09/evil", "/%0A/evil", "/%00", "/%E2%80%AE", "/%ZZ", "/%",
			"javascript:alert(1)", "api/me", " /api/me", "/api/me ", "/\t/evil", "/api/me\r\nLocation: //evil",
			"/api/\u0000" })
	void isSafeWhenAnotherOriginOrMalformedThenFalse(String target) {
		assertThat(SameOriginPaths.isSafe(target)).isFalse();
	}

}
