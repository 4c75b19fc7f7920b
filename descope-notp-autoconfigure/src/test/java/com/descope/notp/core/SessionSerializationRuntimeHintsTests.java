package com.descope.notp.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.jwt.DescopeJwtClaims.TenantAuthorization;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serialization hints for what the starter keeps in an HTTP session
 * ({@link SessionSerializationRuntimeHints}), as the AOT engine gathers them (every
 * registrar of {@code META-INF/spring/aot.factories} on the class path, Spring Session's
 * among them): a real login's session values (the {@code SecurityContext} with the
 * authentication the provider builds, a tenant in its principal; the stored tokens; the
 * pending flows) are written with Java serialization, and every class the stream names
 * when read back is registered for serialization.
 */
class SessionSerializationRuntimeHintsTests {

	private static DescopeEmulator emulator;

	private static JwtDecoder decoder;

	private final RuntimeHints hints = new RuntimeHints();

	@BeforeAll
	static void startDescope() {
		emulator = DescopeEmulator.start();
		emulator.addUser(EmulatedUser.withPhone("+15555550111", "Tina Tenant", "user")
			.withPermissions("reports:read")
			.withTenant("T2tenant", new EmulatedUser.TenantAccess(List.of("tenant-admin"), List.of("billing:write"))));
		decoder = DescopeJwtDecoderBuilder
			.withJwkSet(new JWKSet(emulator.signingKey().toPublicJWK()), emulator.projectId())
			.build();
	}

	@AfterAll
	static void stopDescope() {
		emulator.close();
	}

	@BeforeEach
	void registerHints() {
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void sessionWhenSerializedThenEveryClassInTheStreamIsRegistered() throws Exception {
		Instant now = Instant.parse("2026-05-01T10:15:30Z");
		LinkedHashMap<String, PendingFlow> flows = new LinkedHashMap<>();
		flows.put("ref-pending", new PendingFlow("ref-pending", NotpMethod.SIGN_UP_OR_IN, now, now.plusSeconds(600)));
		flows.put("ref-redeemed",
				new PendingFlow("ref-redeemed", NotpMethod.SIGN_IN, now, now.plusSeconds(600))
					.withPollClaimedAt(now.plusSeconds(4))
					.redeemedAt(now.plusSeconds(5)));
		List<Object> session = List.of(new SecurityContextImpl(login()), new DescopeTokens("session.jwt", "refresh.jwt",
				now.plusSeconds(600), now.plusSeconds(86400), "example.test", "/"), flows);

		Set<String> classes = new LinkedHashSet<>();
		for (Object value : session) {
			classes.addAll(classesInStream(value));
		}

		assertThat(classes).contains(DescopeAuthenticationToken.class.getName(), DescopePrincipal.class.getName(),
				TenantAuthorization.class.getName(), DescopeTokens.class.getName(), PendingFlow.class.getName(),
				NotpMethod.class.getName(), Jwt.class.getName());
		assertThat(classes).allSatisfy(
				(name) -> assertThat(RuntimeHintsPredicates.serialization().onType(TypeReference.of(name))).as(name)
					.accepts(this.hints));
	}

	/**
	 * Writes a value with Java serialization and reads it back.
	 * @param value the value
	 * @return the name of every class the stream names, in the order they are read
	 */
	private static Set<String> classesInStream(Object value) throws IOException, ClassNotFoundException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		Set<String> classes = new LinkedHashSet<>();
		try (ObjectInputStream in = new RecordingObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()),
				classes)) {
			assertThat(in.readObject()).isNotNull();
		}
		return classes;
	}

	/** The authentication the provider builds for a WhatsApp login of Tina. */
	private static DescopeAuthenticationToken login() {
		EmulatedUser tina = emulator.findUserByLoginId("+15555550111").orElseThrow();
		Jwt jwt = decoder.decode(emulator.issueSessionJwt(tina));
		DescopeUser user = new DescopeUser(jwt.getSubject(), List.of("+15555550111"), "Tina Tenant", "Tina", null,
				"Tenant", null, null, "+15555550111", true, List.of("user"), List.of(), List.of(), "enabled", null,
				Map.of());
		DescopeAuthenticationToken authentication = new DescopeJwtAuthenticationConverter().convert(jwt, user,
				emulator.issueRefreshJwt(tina));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("203.0.113.7");
		request.getSession();
		authentication.setDetails(new WebAuthenticationDetails(request));
		return authentication;
	}

	/** Records the name of each class a stream names as it resolves it. */
	private static final class RecordingObjectInputStream extends ObjectInputStream {

		private final Set<String> classes;

		RecordingObjectInputStream(InputStream in, Set<String> classes) throws IOException {
			super(in);
			this.classes = classes;
		}

		@Override
		protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
			this.classes.add(descriptor.getName());
			return super.resolveClass(descriptor);
		}

	}

}
