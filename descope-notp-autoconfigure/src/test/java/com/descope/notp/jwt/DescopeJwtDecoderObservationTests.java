package com.descope.notp.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.descope.notp.observation.DefaultDescopeObservationConvention;
import com.descope.notp.observation.DescopeObservationContext;
import com.descope.notp.observation.DescopeObservationDocumentation;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.MovableClock;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The observations of the session-token decoder of {@link DescopeJwtDecoderBuilder} given
 * an {@code ObservationRegistry}: {@code descope.token.validation} (verified, cached,
 * refused with the refusing exception's class, unavailable) and
 * {@code descope.jwks.fetch} (fetched, failed with the HTTP status) as its child; a
 * custom convention renaming one and adding a key value; and the verified-token cache
 * handed to a listener, recording statistics. Real HTTP against the Descope emulator, on
 * a clock the test moves.
 */
class DescopeJwtDecoderObservationTests {

	private final MovableClock clock = MovableClock.standingAt(Instant.now());

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private DescopeEmulator emulator;

	@BeforeEach
	void setUp() {
		this.emulator = DescopeEmulator.start();
		this.emulator.setClock(this.clock);
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
	}

	@Test
	void decodeWhenTheSameTokenThriceThenVerifiedTwiceThenCachedAndTheKeysFetchedOnceAsAChild() {
		JwtDecoder decoder = builder().build();
		String token = this.emulator.issueSessionJwt(admin());
		decoder.decode(token);
		decoder.decode(token);
		decoder.decode(token);
		assertThat(named("descope.token.validation")).extracting((context) -> value(context, "outcome"))
			.containsExactly("verified", "verified", "cached");
		assertThat(named("descope.token.validation")).allSatisfy(
				(context) -> assertThat(value(context, "reason")).isEqualTo(DefaultDescopeObservationConvention.NONE));
		Observation.Context fetch = named("descope.jwks.fetch").get(0);
		assertThat(named("descope.jwks.fetch")).hasSize(1);
		assertThat(value(fetch, "outcome")).isEqualTo("fetched");
		assertThat(fetch.getParentObservation().getContextView().getName()).isEqualTo("descope.token.validation");
	}

	@Test
	void decodeWhenTheJwksAnswers503ThenTheFetchFailedWithTheStatusAndTheValidationUnavailable() {
		JwtDecoder decoder = builder().build();
		this.emulator.enqueueFailure("/v2/keys/" + this.emulator.projectId(), 503, null, null);
		String token = this.emulator.issueSessionJwt(admin());
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token))
			.isNotInstanceOf(BadJwtException.class);
		Observation.Context fetch = named("descope.jwks.fetch").get(0);
		assertThat(value(fetch, "outcome")).isEqualTo("failed");
		assertThat(value(fetch, "reason")).isEqualTo("HTTP 503");
		Observation.Context validation = named("descope.token.validation").get(0);
		assertThat(value(validation, "outcome")).isEqualTo("unavailable");
		assertThat(value(validation, "reason")).isEqualTo(validation.getError().getClass().getSimpleName());
	}

	@Test
	void decodeWhenTheTokenExpiredThenRefusedWithTheValidationExceptionClass() {
		JwtDecoder decoder = builder().build();
		String token = this.emulator.issueSessionJwt(admin());
		this.clock.advance(Duration.ofDays(1));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token));
		Observation.Context validation = named("descope.token.validation").get(0);
		assertThat(value(validation, "outcome")).isEqualTo("refused");
		assertThat(value(validation, "reason")).isEqualTo("JwtValidationException");
	}

	@Test
	void decodeWhenACustomConventionIsGivenThenItNamesTheValidationAndTheFetchKeepsTheDefault() {
		JwtDecoder decoder = builder().observationConvention(
				new DefaultDescopeObservationConvention(DescopeObservationDocumentation.TOKEN_VALIDATION) {

					@Override
					public String getName() {
						return "app.session.checks";
					}

					@Override
					public KeyValues getLowCardinalityKeyValues(DescopeObservationContext context) {
						return super.getLowCardinalityKeyValues(context).and("tier", "gold");
					}

				})
			.build();
		decoder.decode(this.emulator.issueSessionJwt(admin()));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("app.session.checks")
			.that()
			.hasLowCardinalityKeyValue("outcome", "verified")
			.hasLowCardinalityKeyValue("tier", "gold");
		assertThat(named("descope.token.validation")).isEmpty();
		assertThat(named("descope.jwks.fetch")).hasSize(1);
	}

	@Test
	void decodeWhenTheRegistryHasAGlobalConventionThenItNamesEveryOperation() {
		this.registry.observationConfig()
			.observationConvention(new GlobalObservationConvention<DescopeObservationContext>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof DescopeObservationContext;
				}

				@Override
				public String getName() {
					return "app.descope";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(DescopeObservationContext context) {
					return KeyValues.of("operation", context.getOperation().getName(), "outcome",
							String.valueOf(context.getOutcome()));
				}

			});
		JwtDecoder decoder = builder().build();
		decoder.decode(this.emulator.issueSessionJwt(admin()));
		assertThat(named("app.descope")).extracting((context) -> value(context, "operation"))
			.containsExactlyInAnyOrder("descope.token.validation", "descope.jwks.fetch");
		assertThat(named("app.descope")).extracting((context) -> value(context, "outcome"))
			.containsExactlyInAnyOrder("verified", "fetched");
	}

	@Test
	void buildWhenACacheListenerIsGivenThenItGetsTheCacheRecordingStatisticsAtTheFirstToken() {
		List<com.github.benmanes.caffeine.cache.Cache<?, ?>> caches = new ArrayList<>();
		JwtDecoder decoder = builder().verifiedTokenCacheListener(caches::add).build();
		assertThat(caches).isEmpty();
		String token = this.emulator.issueSessionJwt(admin());
		decoder.decode(token);
		decoder.decode(token);
		decoder.decode(token);
		assertThat(caches).singleElement().satisfies((cache) -> {
			// cached at the second verification
			assertThat(cache.stats().hitCount()).isOne();
			assertThat(cache.stats().missCount()).isEqualTo(2);
			assertThat(cache.estimatedSize()).isOne();
		});
	}

	private DescopeJwtDecoderBuilder builder() {
		return DescopeJwtDecoderBuilder
			.withJwkSetUri(this.emulator.baseUrl() + "/v2/keys/" + this.emulator.projectId(), this.emulator.projectId())
			.clock(this.clock)
			.observationRegistry(this.registry);
	}

	private List<Observation.Context> named(String name) {
		List<Observation.Context> all = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(this.registry).hasHandledContextsThatSatisfy(all::addAll);
		return all.stream().filter((context) -> name.equals(context.getName())).toList();
	}

	private static String value(Observation.Context context, String key) {
		KeyValue keyValue = context.getLowCardinalityKeyValue(key);
		return (keyValue != null) ? keyValue.getValue() : null;
	}

	private EmulatedUser admin() {
		return this.emulator.findUserByLoginId("+15555550100").orElseThrow();
	}

}
