package com.descope.notp.test.autoconfigure;

import com.descope.notp.autoconfigure.DescopeClientAutoConfiguration;
import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.autoconfigure.DescopeJwtAutoConfiguration;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.security.DescopeTestKeys;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The test project of {@link DescopeTestKeys} for test slices ({@code @WebMvcTest}, and
 * any test with {@code @AutoConfigureMockMvc}; {@code @WebFluxTest}, and any test with
 * {@code @AutoConfigureWebTestClient}) of an application with no Descope project
 * configured: the starter's chain is there as at run time (the servlet one or the
 * reactive one, whose {@code ReactiveJwtDecoder} wraps this decoder), its
 * {@code JwtDecoder} trusts the test key and fetches no JWKS, and its client points at a
 * loopback port where nothing listens, so a slice needs no Descope and no network. A call
 * the application makes to Descope from a slice fails as when Descope is unreachable.
 *
 * <p>
 * Stays off when {@code descope.project-id} is set or another
 * {@link DescopeConnectionDetails} exists (for example the Descope emulator of
 * {@link DescopeEmulatorTest}).
 */
@AutoConfiguration(before = { DescopeClientAutoConfiguration.class, DescopeJwtAutoConfiguration.class })
@Conditional(NoDescopeProjectCondition.class)
@ConditionalOnMissingBean(DescopeConnectionDetails.class)
public final class DescopeTestAutoConfiguration {

	/** Where the slice's client points: a loopback port where nothing listens. */
	static final String BASE_URL = "http://127.0.0.1:1";

	@Bean
	DescopeConnectionDetails descopeTestConnectionDetails() {
		return new DescopeConnectionDetails() {

			@Override
			public String getProjectId() {
				return DescopeTestKeys.PROJECT_ID;
			}

			@Override
			public String getBaseUrl() {
				return BASE_URL;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder descopeTestJwtDecoder() {
		return DescopeJwtDecoderBuilder.withJwkSet(DescopeTestKeys.jwkSet(), DescopeTestKeys.PROJECT_ID).build();
	}

}
