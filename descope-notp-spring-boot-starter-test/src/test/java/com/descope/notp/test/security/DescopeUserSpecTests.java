package com.descope.notp.test.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeFactors;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DescopeUserSpec}: the session JWT has Descope's claims and the
 * {@code Authentication} is the starter's, with no application context; nonsense is
 * refused naming the knob; the decoders of the projects tokens were made for are few and
 * shared safely between threads.
 */
class DescopeUserSpecTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void sessionJwtWhenDefaultsThenDescopesClaimsForTheTestProject() {
		JsonNode claims = JSON.readTree(TestTokens.payloadJson(MockDescopeUser.user().sessionJwt(null)));

		assertThat(claims.get("iss").asString()).isEqualTo(DescopeTestKeys.PROJECT_ID);
		assertThat(claims.get("sub").asString()).isEqualTo(DescopeUserSpec.DEFAULT_USER_ID);
		assertThat(claims.get("drn").asString()).isEqualTo("DS");
		assertThat(claims.get("amr").get(0).asString()).isEqualTo("whatsapp");
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(600);
		assertThat(claims.get("auth_time").asLong()).isEqualTo(claims.get("iat").asLong());
		assertThat(claims.has("su")).isFalse();
		assertThat(claims.has("roles")).isFalse();
	}

	@Test
	void sessionJwtWhenEveryKnobSetThenEachClaimFollows() {
		JsonNode claims = JSON.readTree(TestTokens.payloadJson(MockDescopeUser.user()
			.userId("U2Other")
			.roles("admin")
			.permissions("reports:read")
			.tenant("T1", List.of("tenant-admin"), List.of("billing:write"))
			.steppedUp(true)
			.whatsAppFactorAge(Duration.ofMinutes(7))
			.claim("dct", "T1")
			.sessionJwt(null)));

		assertThat(claims.get("sub").asString()).isEqualTo("U2Other");
		assertThat(claims.get("roles").get(0).asString()).isEqualTo("admin");
		assertThat(claims.get("permissions").get(0).asString()).isEqualTo("reports:read");
		assertThat(claims.get("tenants").get("T1").get("roles").get(0).asString()).isEqualTo("tenant-admin");
		assertThat(claims.get("tenants").get("T1").get("permissions").get(0).asString()).isEqualTo("billing:write");
		assertThat(claims.get("su").asBoolean()).isTrue();
		assertThat(claims.get("iat").asLong() - claims.get("auth_time").asLong()).isEqualTo(420);
		assertThat(claims.get("dct").asString()).isEqualTo("T1");
	}

	@Test
	void authenticationWhenRolesAndTenantsThenTheStartersAuthorities() {
		DescopeAuthenticationToken authentication = MockDescopeUser.user()
			.roles("admin")
			.permissions("reports:read")
			.tenant("T1", List.of("tenant-admin"), List.of())
			.authentication(null);

		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_admin", "PERMISSION_reports:read", "TENANT_T1:ROLE_tenant-admin", "FACTOR_WHATSAPP");
		assertThat(authentication.getPrincipal().loginIds()).containsExactly(DescopeUserSpec.DEFAULT_PHONE);
		assertThat(authentication.getName()).isEqualTo(DescopeUserSpec.DEFAULT_USER_ID);
	}

	@Test
	void authenticationWhenTheFactorIsSevenMinutesOldThenAFiveMinuteCheckFailsAndATenMinuteCheckPasses() {
		DescopeAuthenticationToken authentication = MockDescopeUser.user()
			.whatsAppFactorAge(Duration.ofMinutes(7))
			.authentication(null);
		DescopeFactors factors = new DescopeFactors();

		assertThat(factors.whatsAppWithin(authentication, "PT5M")).isFalse();
		assertThat(factors.whatsAppWithin(authentication, "PT10M")).isTrue();
		assertThat(factors.whatsAppConfirmedAt(authentication)).isBefore(Instant.now().minus(Duration.ofMinutes(6)));
	}

	@Test
	void authenticationWhenNoFactorThenNoFactorAuthority() {
		DescopeAuthenticationToken authentication = MockDescopeUser.user().whatsAppFactor(false).authentication(null);

		assertThat(new DescopeFactors().whatsAppConfirmedAt(authentication)).isNull();
		assertThat(authentication.getPrincipal().authenticationMethods()).isEmpty();
	}

	@Test
	void knobsWhenGivenNonsenseThenRefusedNamingTheKnob() {
		assertThatIllegalArgumentException().isThrownBy(() -> MockDescopeUser.user().userId(" "))
			.withMessageContaining("userId");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MockDescopeUser.user().whatsAppFactorAge(Duration.ofSeconds(-1)))
			.withMessageContaining("age");
		assertThatIllegalArgumentException().isThrownBy(() -> MockDescopeUser.user().tenant("", List.of(), List.of()))
			.withMessageContaining("tenantId");
	}

	@Test
	void withMockDescopeUserWhenTheFactorAgeIsNoDurationThenTheErrorNamesTheAttribute() {
		WithMockDescopeUser annotation = Annotated.class.getAnnotation(WithMockDescopeUser.class);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WithMockDescopeUserSecurityContextFactory().createSecurityContext(annotation))
			.withMessageContaining("whatsAppFactorAge")
			.withMessageContaining("PT10M");
	}

	@Test
	void withMockDescopeUserWhenTheFactorAgeIsNegativeThenTheErrorNamesTheAttribute() throws Exception {
		WithMockDescopeUser annotation = AnnotatedElementUtils
			.findMergedAnnotation(getClass().getDeclaredMethod("negativeAge"), WithMockDescopeUser.class);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WithMockDescopeUserSecurityContextFactory().createSecurityContext(annotation))
			.withMessageContaining("@WithMockDescopeUser(whatsAppFactorAge)")
			.withMessageContaining("'P-1D'");
	}

	@Test
	void authenticationWhenAClaimBreaksTheSessionJwtThenTheErrorSaysSoAndPointsToDescopeJwt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MockDescopeUser.user().claim("exp", "tomorrow").authentication(null))
			.withMessageContaining("fails the starter's checks")
			.withMessageContaining("exp")
			.withMessageContaining("descopeJwt()")
			.withMessageNotContaining("eyJ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MockDescopeUser.user().claim("iss", "P2AnotherProject0000000000000").authentication(null))
			.withMessageContaining("fails the starter's checks");
	}

	@Test
	void decodersWhenManyProjectsThenOnlyTheLastOnesAreKept() {
		DescopeTestProject first = project("P2FirstProject00000000000000");
		JwtDecoder decoder = first.decoder();
		assertThat(first.decoder()).isSameAs(decoder);

		for (int i = 0; i < DescopeTestProject.DECODERS_KEPT; i++) {
			project("P2OtherProject" + i).decoder();
		}

		assertThat(first.decoder()).isNotSameAs(decoder);
	}

	@Test
	void decoderWhenThreadsAskAtOnceThenOneDecoderForAllAndEachDecodes() throws Exception {
		int threads = 8;
		DescopeTestProject project = project("P2ConcurrentProject000000000");
		String jwt = MockDescopeUser.user().signedSessionJwt(project);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<JwtDecoder>> decoders = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				decoders.add(executor.submit(() -> {
					start.await();
					JwtDecoder decoder = project.decoder();
					decoder.decode(jwt);
					return decoder;
				}));
			}
			start.countDown();
			JwtDecoder one = decoders.get(0).get(30, TimeUnit.SECONDS);
			for (Future<JwtDecoder> decoder : decoders) {
				assertThat(decoder.get(30, TimeUnit.SECONDS)).isSameAs(one);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static DescopeTestProject project(String projectId) {
		return new DescopeTestProject(projectId, DescopeTestKeys.signingKey(), new DescopeJwtAuthenticationConverter());
	}

	@WithMockDescopeUser(whatsAppFactorAge = "P-1D")
	void negativeAge() {
	}

	@Test
	void toStringWhenAUserIsDescribedThenNoPhoneOrToken() {
		MockDescopeUser user = MockDescopeUser.user().phone("+15555550177").loginIds("+15555550177");

		assertThat(user.authentication(null).toString()).doesNotContain("+15555550177").doesNotContain("eyJ");
		assertThat(Map.of("user", user).toString()).doesNotContain("+15555550177");
	}

	@WithMockDescopeUser(whatsAppFactorAge = "ten minutes")
	private static final class Annotated {

	}

}
