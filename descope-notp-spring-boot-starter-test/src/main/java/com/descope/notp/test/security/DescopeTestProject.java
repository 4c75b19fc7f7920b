package com.descope.notp.test.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.descope.notp.autoconfigure.DescopeConnectionDetails;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The Descope project a test's tokens belong to, read from the application under test:
 * the project id of its {@link DescopeConnectionDetails} (else the test project's), the
 * key of its {@link DescopeEmulator} when it runs on one (else the test key), and its
 * {@link DescopeJwtAuthenticationConverter} (else the default one).
 *
 * @param projectId the issuer of the tokens
 * @param signingKey the key that signs them
 * @param converter the application's JWT-to-{@code Authentication} converter
 */
record DescopeTestProject(String projectId, RSAKey signingKey, DescopeJwtAuthenticationConverter converter) {

	/** How many decoders are kept: each emulator is a project of its own. */
	static final int DECODERS_KEPT = 16;

	/**
	 * The decoders of the projects used last, so a suite running one emulator per test
	 * class does not keep the decoder (and verified-token cache) of every closed one.
	 */
	private static final Map<String, JwtDecoder> decoders = Collections
		.synchronizedMap(new LinkedHashMap<>(DECODERS_KEPT, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, JwtDecoder> eldest) {
				return size() > DECODERS_KEPT;
			}

		});

	/**
	 * The project of an application context.
	 * @param context the application under test, or {@code null} for none
	 * @return the project
	 */
	static DescopeTestProject of(@Nullable ApplicationContext context) {
		if (context == null) {
			return new DescopeTestProject(DescopeTestKeys.PROJECT_ID, DescopeTestKeys.signingKey(),
					new DescopeJwtAuthenticationConverter());
		}
		DescopeConnectionDetails details = context.getBeanProvider(DescopeConnectionDetails.class).getIfUnique();
		DescopeEmulator emulator = context.getBeanProvider(DescopeEmulator.class).getIfUnique();
		DescopeJwtAuthenticationConverter converter = context.getBeanProvider(DescopeJwtAuthenticationConverter.class)
			.getIfUnique(DescopeJwtAuthenticationConverter::new);
		String projectId = (emulator != null) ? emulator.projectId()
				: (details != null) ? details.getProjectId() : DescopeTestKeys.PROJECT_ID;
		RSAKey key = (emulator != null) ? emulator.signingKey() : DescopeTestKeys.signingKey();
		return new DescopeTestProject(projectId, key, converter);
	}

	/**
	 * A decoder that checks the project's tokens as the starter's does, trusting this
	 * project's key and fetching nothing.
	 * @return the decoder, kept for the projects used last
	 */
	JwtDecoder decoder() {
		return decoders.computeIfAbsent(this.projectId + "/" + this.signingKey.getKeyID(),
				(k) -> DescopeJwtDecoderBuilder.withJwkSet(new JWKSet(this.signingKey.toPublicJWK()), this.projectId)
					.build());
	}

	@Override
	public String toString() {
		return "DescopeTestProject[projectId=" + this.projectId + ", kid=" + this.signingKey.getKeyID() + "]";
	}

}
