package com.descope.notp.jackson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.descope.notp.client.DescopeUser;
import com.descope.notp.client.JwtResponse;
import com.descope.notp.client.NotpMethod;
import com.descope.notp.core.DescopeAuthenticationToken;
import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.core.DescopeTokens;
import com.descope.notp.core.NotpAuthenticationProvider;
import com.descope.notp.core.PendingFlow;
import com.descope.notp.jwt.DescopeJwtClaims.TenantAuthorization;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.security.login.HttpSessionPendingFlowRepository;
import com.descope.notp.security.session.HttpSessionDescopeTokenRepository;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every value the starter puts in an HTTP session, written and read back by both of
 * Spring Session's serializers, as they store session attributes in Redis: JDK
 * serialization, and JSON through Spring Data Redis'
 * {@link GenericJacksonJsonRedisSerializer} on
 * {@link DescopeJacksonModule#sessionJsonMapper} (read back as {@code Object}, the type
 * named in {@code @class}). The values are those of a real login: the
 * {@code SecurityContext} (attribute
 * {@value HttpSessionSecurityContextRepository#SPRING_SECURITY_CONTEXT_KEY}) holding the
 * {@link DescopeAuthenticationToken} the provider builds (principal with a tenant, the
 * validated session {@link Jwt}, role and factor authorities, request details), the
 * {@link DescopeTokens} ({@link HttpSessionDescopeTokenRepository#TOKENS_ATTRIBUTE}) and
 * the map of {@link PendingFlow}s
 * ({@link HttpSessionPendingFlowRepository#FLOWS_ATTRIBUTE}) in each of their states. The
 * JSON side also shows what the allow-list refuses and that the module turns on no
 * default typing of its own.
 */
class SessionTypesRoundTripTests {

	private static final GenericJacksonJsonRedisSerializer json = new GenericJacksonJsonRedisSerializer(
			DescopeJacksonModule.sessionJsonMapper(SessionTypesRoundTripTests.class.getClassLoader()));

	private static DescopeEmulator emulator;

	private static JwtDecoder decoder;

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

	static Stream<Arguments> serializers() {
		return Stream.of(Arguments.of(Named.JDK), Arguments.of(Named.JSON));
	}

	@ParameterizedTest
	@MethodSource("serializers")
	void securityContextWhenStoredThenReadBackWithTheSameAuthentication(Named serializer) {
		DescopeAuthenticationToken login = login();
		SecurityContextImpl context = new SecurityContextImpl(login);

		Object read = serializer.roundTrip(context);

		assertThat(read).isInstanceOfSatisfying(SecurityContextImpl.class,
				(stored) -> assertThat(stored.getAuthentication()).isInstanceOfSatisfying(
						DescopeAuthenticationToken.class,
						(authentication) -> assertSameAuthentication(authentication, login)));
	}

	@ParameterizedTest
	@MethodSource("serializers")
	void tokensWhenStoredThenReadBackEqual(Named serializer) {
		Instant now = Instant.parse("2026-05-01T10:15:30.123456789Z");
		DescopeTokens all = new DescopeTokens("session.jwt.value", "refresh.jwt.value", now.plusSeconds(600),
				now.plusSeconds(86400), "example.test", "/app");
		DescopeTokens refreshOnly = new DescopeTokens(null, "refresh.jwt.value");

		assertThat(serializer.roundTrip(all)).isEqualTo(all);
		assertThat(serializer.roundTrip(refreshOnly)).isEqualTo(refreshOnly);
	}

	@ParameterizedTest
	@MethodSource("serializers")
	void pendingFlowsWhenStoredThenReadBackEqualInOrderInEveryState(Named serializer) {
		Instant now = Instant.parse("2026-05-01T10:15:30Z");
		LinkedHashMap<String, PendingFlow> flows = new LinkedHashMap<>();
		flows.put("ref-pending", new PendingFlow("ref-pending", NotpMethod.SIGN_UP_OR_IN, now, now.plusSeconds(600)));
		flows.put("ref-claimed", new PendingFlow("ref-claimed", NotpMethod.SIGN_IN, now, now.plusSeconds(600))
			.withClaimedAt(now.plusSeconds(3)));
		flows.put("ref-redeemed",
				new PendingFlow("ref-redeemed", NotpMethod.SIGN_UP, now, now.plusSeconds(600))
					.withPollClaimedAt(now.plusSeconds(4))
					.redeemedAt(now.plusSeconds(5)));
		flows.put("ref-polled",
				new PendingFlow("ref-polled", NotpMethod.SIGN_IN, now, now.plusSeconds(600))
					.withPollClaimedAt(now.plusSeconds(7))
					.withClaimedAt(null));
		flows.put("ref-polling", new PendingFlow("ref-polling", NotpMethod.SIGN_IN, now, now.plusSeconds(600))
			.withPollClaimedAt(now.plusSeconds(9)));

		Object read = serializer.roundTrip(flows);

		assertThat(read).isInstanceOf(LinkedHashMap.class).isEqualTo(flows);
		assertThat(List.<Object>copyOf(((Map<?, ?>) read).keySet())).containsExactly("ref-pending", "ref-claimed",
				"ref-redeemed", "ref-polled", "ref-polling");
	}

	@ParameterizedTest
	@MethodSource("serializers")
	void principalWhenStoredAloneThenReadBackEqual(Named serializer) {
		DescopePrincipal principal = new DescopePrincipal("U1", List.of("+15555550111"), "Tina", "+15555550111",
				"tina@example.test", List.of("user"), List.of("reports:read"),
				Map.of("T2tenant", new TenantAuthorization(List.of("tenant-admin"), List.of("billing:write"))),
				List.of("whatsapp"), true);

		assertThat(serializer.roundTrip(principal)).isEqualTo(principal);
	}

	@Test
	void typesWhenStoredInASessionThenSerializableWithTheirOwnSerialVersionUid() {
		List<Class<?>> stored = List.of(DescopeAuthenticationToken.class, DescopePrincipal.class,
				TenantAuthorization.class, DescopeTokens.class, PendingFlow.class, NotpMethod.class);
		assertThat(stored).allSatisfy((type) -> {
			assertThat(Serializable.class).isAssignableFrom(type);
			if (!type.isEnum()) {
				Field uid = type.getDeclaredField("serialVersionUID");
				assertThat(Modifier.isStatic(uid.getModifiers()) && uid.getType() == long.class).as(type.getName())
					.isTrue();
			}
		});
	}

	@Test
	void authenticationWhenWrittenAsJsonThenTheLoginAnswerAndItsTokensAreNotInIt() {
		DescopeAuthenticationToken login = login();
		login.setLoginResponse(new JwtResponse(login.getToken().getTokenValue(), "the-refresh-jwt", null, null, null,
				null, null, null, null, null, null, null));

		String written = new String(json.serialize(new SecurityContextImpl(login)), StandardCharsets.UTF_8);

		assertThat(written).contains("\"@class\":\"" + DescopeAuthenticationToken.class.getName() + "\"")
			.doesNotContain("the-refresh-jwt")
			.doesNotContain("loginResponse");
	}

	@Test
	void jsonWhenItNamesATypeOutsideTheAllowListThenRefused() {
		String gadget = """
				{"@class":"org.springframework.security.core.context.SecurityContextImpl",
				 "authentication":{"@class":"com.descope.notp.core.DescopeAuthenticationToken",
				   "principal":{"userId":"U1"},"token":"%s",
				   "authorities":["java.util.ArrayList",[]],
				   "details":{"@class":"java.net.URL","protocol":"http","host":"example.test","port":80,"file":"/"},
				   "authenticated":true}}
				""".formatted(login().getToken().getTokenValue());

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> json.deserialize(gadget.getBytes(StandardCharsets.UTF_8)))
			.withStackTraceContaining("java.net.URL");
	}

	@Test
	void moduleWhenRegisteredAloneThenTurnsOnNoDefaultTyping() {
		JsonMapper mapper = JsonMapper.builder().addModule(new DescopeJacksonModule()).build();

		assertThat(mapper.serializationConfig().getDefaultTyper(null)).isNull();
		assertThat(mapper.writeValueAsString(new DescopeTokens("s", "r"))).isEqualTo(
				"{\"@class\":\"" + DescopeTokens.class.getName() + "\",\"sessionJwt\":\"s\",\"refreshJwt\":\"r\"}");
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

	private static void assertSameAuthentication(DescopeAuthenticationToken read, DescopeAuthenticationToken login) {
		assertThat(read.getPrincipal()).isEqualTo(login.getPrincipal());
		assertThat(read.getPrincipal().tenants()).containsKey("T2tenant");
		assertThat(read.getName()).isEqualTo(login.getName());
		assertThat(read.getToken().getTokenValue()).isEqualTo(login.getToken().getTokenValue());
		assertThat(read.getToken().getHeaders()).isEqualTo(login.getToken().getHeaders());
		assertThat(read.getToken().getClaims()).isEqualTo(login.getToken().getClaims());
		assertThat(read.getToken().getIssuedAt()).isEqualTo(login.getToken().getIssuedAt());
		assertThat(read.getToken().getExpiresAt()).isEqualTo(login.getToken().getExpiresAt());
		assertThat(read.getAuthorities()).containsExactlyElementsOf(login.getAuthorities());
		assertThat(read.getAuthorities()).map(GrantedAuthority::getAuthority)
			.contains("ROLE_user", NotpAuthenticationProvider.WHATSAPP_FACTOR_AUTHORITY);
		assertThat(read.getAuthorities()).filteredOn(FactorGrantedAuthority.class::isInstance)
			.singleElement()
			.satisfies((factor) -> assertThat(((FactorGrantedAuthority) factor).getIssuedAt())
				.isEqualTo(factorOf(login).getIssuedAt()));
		assertThat(read.getDetails()).isEqualTo(login.getDetails());
		assertThat(read.isAuthenticated()).isTrue();
		assertThat(read.getLoginResponse()).isEmpty();
	}

	private static FactorGrantedAuthority factorOf(DescopeAuthenticationToken authentication) {
		return authentication.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(FactorGrantedAuthority.class::cast)
			.findFirst()
			.orElseThrow();
	}

	/** A serializer of Spring Session on Redis, named for the test's display. */
	enum Named {

		JDK((value) -> jdkRoundTrip(value)),

		JSON((value) -> json.deserialize(json.serialize(value)));

		private final Function<Object, Object> roundTrip;

		Named(Function<Object, Object> roundTrip) {
			this.roundTrip = roundTrip;
		}

		Object roundTrip(Object value) {
			return this.roundTrip.apply(value);
		}

		private static Object jdkRoundTrip(Object value) {
			try {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
					out.writeObject(value);
				}
				try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
					return in.readObject();
				}
			}
			catch (IOException | ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
