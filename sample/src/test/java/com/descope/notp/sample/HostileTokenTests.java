package com.descope.notp.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.descope.notp.jwt.SizeLimitedJwtDecoder;
import com.descope.notp.sample.Browser.Response;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.RecordedCall;
import com.descope.notp.test.TestTokens;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile session tokens against the sample's real filter chain over real HTTP, each sent
 * both as {@code Authorization: Bearer} and as the {@code DS} cookie to
 * {@code GET /api/me}: always {@code 401} problem+json (with an RFC 6750
 * {@code invalid_token} challenge for the header), never {@code 500}, no token bytes or
 * class names in the body, and nothing asked of Descope but at most one JWKS refetch. An
 * invalid {@code DS} cookie is ignored by design, so it is answered as no credentials at
 * all ({@code unauthenticated}).
 * <p>
 * Tomcat's request-header limit is raised to 64 KB here so an oversized token reaches the
 * starter; with Tomcat's default of 8 KB the container itself refuses such a request
 * ({@link OversizedHeaderTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "descope.dev-emulator.skip.in-tests=false", "server.max-http-request-header-size=64KB" })
class HostileTokenTests {

	private static final String ALICE = "+15555550100";

	private static final String ANOTHER_PROJECT = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

	private static final Pattern CLASS_NAME = Pattern
		.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|Exception|nimbus|springframework", Pattern.CASE_INSENSITIVE);

	/** Not in the emulator's JWKS. */
	private static RSAKey impostorKey;

	@LocalServerPort
	int port;

	@Autowired
	DescopeEmulator emulator;

	@BeforeAll
	static void generateImpostorKey() throws Exception {
		impostorKey = new RSAKeyGenerator(2048).keyID("SKimpostor0000000000000000000").generate();
	}

	@BeforeEach
	void warmKeyCache() {
		// the JWKS is fetched once; afterwards only an unknown kid may cause one refetch
		Response valid = browser().getWithBearer("/api/me", validToken());
		assertThat(valid.status()).as(valid.body()).isEqualTo(200);
	}

	@Test
	void getHomeWhenBearerTokenThenThePageStillHasItsCsrfToken() {
		Response page = browser().getWithBearer("/", validToken(), "text/html");

		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"_csrf\"");
	}

	static Stream<Arguments> hostileTokens() {
		List<Arguments> tokens = new ArrayList<>();
		for (Transport transport : List.of(Transport.BEARER, Transport.COOKIE)) {
			hostile().forEach((name, token) -> tokens.add(Arguments.of(name, transport, token)));
		}
		tokens.add(Arguments.of("Bearer with nothing after it", Transport.RAW_AUTHORIZATION_HEADER,
				(Function<DescopeEmulator, String>) (emulator) -> "Bearer "));
		tokens.add(Arguments.of("Bearer alone", Transport.RAW_AUTHORIZATION_HEADER,
				(Function<DescopeEmulator, String>) (emulator) -> "Bearer"));
		tokens.add(Arguments.of("Bearer with two words", Transport.RAW_AUTHORIZATION_HEADER,
				(Function<DescopeEmulator, String>) (emulator) -> "Bearer a b"));
		tokens.add(Arguments.of("Bearer with a token not of the b64token alphabet", Transport.RAW_AUTHORIZATION_HEADER,
				(Function<DescopeEmulator, String>) (emulator) -> "Bearer eyJ!.e@J.a#c"));
		return tokens.stream();
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("hostileTokens")
	void getMeWhenHostileTokenThenUnauthorizedProblemAndNoUpstreamCall(String name, Transport transport,
			Function<DescopeEmulator, String> factory) {
		String token = factory.apply(this.emulator);
		int callsBefore = this.emulator.calls().size();

		Response response = transport.send(browser(), token);

		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(SessionTestSupport.problemType(response)).isEqualTo(transport.expectedProblemType());
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying((challenge) -> {
			assertThat(challenge).startsWith("Bearer ");
			if (transport != Transport.COOKIE) {
				assertThat(challenge).contains("error=\"invalid_token\"");
			}
		});
		assertNoTokenBytesOrClassNames(response, token);
		List<RecordedCall> upstream = this.emulator.calls().subList(callsBefore, this.emulator.calls().size());
		assertThat(upstream).as("calls to Descope").hasSizeLessThanOrEqualTo(1).allSatisfy((call) -> {
			assertThat(call.method()).isEqualTo("GET");
			assertThat(call.path()).isEqualTo("/v2/keys/" + this.emulator.projectId());
		});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Bearer", "Bearer ", "Bearer a b", "bearer a.b.c d" })
	void getMeWhenAuthorizationHeaderMalformedThenInvalidTokenSayingSo(String authorization) {
		Response response = browser().getWithAuthorization("/api/me", authorization);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"descope\", error=\"invalid_token\", "
				+ "error_description=\"The Authorization header is not a well-formed bearer token\"");
		assertThat(SessionTestSupport.problemType(response)).isEqualTo("urn:descope-notp:problem:invalid-token");
		assertThat(response.json().get("detail").asString())
			.isEqualTo("The Authorization header is not a well-formed bearer token");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Transport.class, names = { "BEARER", "COOKIE" })
	void getMeWhenNotBeforeWithinClockSkewThenOk(Transport transport) {
		String token = this.emulator.issueSessionJwt(alice(this.emulator),
				(claims) -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(3))));

		Response response = transport.send(browser(), token);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("userId").asString()).isEqualTo(alice(this.emulator).userId());
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Transport.class, names = { "BEARER", "COOKIE" })
	void getMeWhenValidTokenJustUnderSizeLimitThenOk(Transport transport) {
		String token = sized(this.emulator, SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH);
		assertThat(token.length()).isBetween(SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH - 16,
				SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH);

		Response response = transport.send(browser(), token);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void getMeWhenValidTokenThenOkAsBearerAndAsCookie() {
		assertThat(Transport.BEARER.send(browser(), validToken()).status()).isEqualTo(200);
		assertThat(Transport.COOKIE.send(browser(), validToken()).status()).isEqualTo(200);
	}

	/**
	 * The hostile tokens, by name; each would be accepted if the check it targets were
	 * missing (signed by the emulator's key unless the signature is what is wrong).
	 */
	private static Map<String, Function<DescopeEmulator, String>> hostile() {
		Map<String, Function<DescopeEmulator, String>> tokens = new LinkedHashMap<>();
		tokens.put("alg none", (emulator) -> TestTokens.base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
				+ payload(validSession(emulator)) + ".");
		tokens.put("HS256 keyed with the RSA public key", HostileTokenTests::hs256WithPublicKey);
		tokens.put("another key, same kid",
				(emulator) -> TestTokens.resign(validSession(emulator), emulator.signingKey().getKeyID(), impostorKey));
		tokens.put("another key, unknown kid",
				(emulator) -> TestTokens.resign(validSession(emulator), impostorKey.getKeyID(), impostorKey));
		tokens.put("no kid", (emulator) -> TestTokens.resign(validSession(emulator), null, emulator.signingKey()));
		tokens.put("tampered payload", HostileTokenTests::tampered);
		tokens.put("no exp", (emulator) -> session(emulator, (claims) -> claims.expirationTime(null)));
		tokens.put("exp as a string", (emulator) -> session(emulator,
				(claims) -> claims.claim("exp", Long.toString(Instant.now().plusSeconds(600).getEpochSecond()))));
		tokens.put("expired beyond the clock skew",
				(emulator) -> session(emulator, (claims) -> claims.issueTime(Date.from(Instant.now().minusSeconds(660)))
					.expirationTime(Date.from(Instant.now().minusSeconds(10)))));
		tokens.put("nbf beyond the clock skew", (emulator) -> session(emulator,
				(claims) -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(60)))));
		tokens.put("another project's issuer",
				(emulator) -> session(emulator, (claims) -> claims.issuer(ANOTHER_PROJECT)));
		tokens.put("another project's URL issuer", (emulator) -> session(emulator,
				(claims) -> claims.issuer("https://api.descope.com/v1/apps/" + ANOTHER_PROJECT)));
		tokens.put("issuer only starting with the project id",
				(emulator) -> session(emulator, (claims) -> claims.issuer(emulator.projectId() + "x")));
		tokens.put("refresh JWT", (emulator) -> emulator.issueRefreshJwt(alice(emulator)));
		tokens.put("two segments", (emulator) -> {
			String[] parts = validSession(emulator).split("\\.");
			return parts[0] + "." + parts[1];
		});
		tokens.put("four segments", (emulator) -> validSession(emulator) + "." + TestTokens.base64Url("{}"));
		tokens.put("five segments (JWE)",
				(emulator) -> TestTokens.base64Url("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}")
						+ ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
		tokens.put("not base64url", (emulator) -> "ey+J/hb~Gc.ey+J/zd~WI.a+b/c~d");
		tokens.put("over the size limit", (emulator) -> {
			String token = sized(emulator, SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH + 64);
			assertThat(token.length()).isGreaterThan(SizeLimitedJwtDecoder.MAX_TOKEN_LENGTH);
			return token;
		});
		return tokens;
	}

	private void assertNoTokenBytesOrClassNames(Response response, String token) {
		String body = response.body();
		for (String part : token.split("[.\\s]")) {
			if (part.length() >= 8) {
				assertThat(body).as("the body echoes part of the token").doesNotContain(part);
			}
		}
		assertThat(CLASS_NAME.matcher(body).find()).as("a class name in " + body).isFalse();
		assertThat(response.headerValues("WWW-Authenticate")).allSatisfy((challenge) -> {
			for (String part : token.split("[.\\s]")) {
				if (part.length() >= 8) {
					assertThat(challenge).doesNotContain(part);
				}
			}
		});
	}

	private Browser browser() {
		return new Browser(this.port);
	}

	private String validToken() {
		return validSession(this.emulator);
	}

	private static EmulatedUser alice(DescopeEmulator emulator) {
		return emulator.findUserByLoginId(ALICE).orElseThrow();
	}

	private static String validSession(DescopeEmulator emulator) {
		return emulator.issueSessionJwt(alice(emulator));
	}

	private static String session(DescopeEmulator emulator, Consumer<JWTClaimsSet.Builder> customizer) {
		return emulator.issueSessionJwt(alice(emulator), customizer);
	}

	/**
	 * A valid session JWT, padded with a custom claim to the most characters it can have
	 * without exceeding {@code maxLength} (base64url grows in steps, and the emulator's
	 * timestamps vary a little in length, so it may be a few characters shorter).
	 */
	private static String sized(DescopeEmulator emulator, int maxLength) {
		String token = validSession(emulator);
		int pad = Math.max(0, (maxLength - token.length()) * 3 / 4 - 16);
		String fitting = token;
		while (true) {
			int padding = pad++;
			token = session(emulator, (claims) -> claims.claim("pad", "x".repeat(padding)));
			if (token.length() > maxLength) {
				return fitting;
			}
			fitting = token;
		}
	}

	private static String hs256WithPublicKey(DescopeEmulator emulator) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(validSession(emulator)).getJWTClaimsSet();
			SignedJWT forged = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(emulator.signingKey().getKeyID())
						.type(JOSEObjectType.JWT)
						.build(),
					claims);
			forged.sign(new MACSigner(emulator.signingKey().toRSAPublicKey().getEncoded()));
			return forged.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String tampered(DescopeEmulator emulator) {
		try {
			String token = emulator.issueSessionJwt(EmulatedUser.withPhone("+15555550177", "Mallory", "user"));
			String[] parts = token.split("\\.");
			JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
			JWTClaimsSet elevated = new JWTClaimsSet.Builder(claims).claim("roles", List.of("admin")).build();
			return parts[0] + "." + TestTokens.base64Url(elevated.toString()) + "." + parts[2];
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String payload(String token) {
		return token.split("\\.")[1];
	}

	/**
	 * How a token is presented.
	 */
	enum Transport {

		/** {@code Authorization: Bearer <token>}. */
		BEARER("urn:descope-notp:problem:invalid-token") {

			@Override
			Response send(Browser browser, String token) {
				return browser.getWithAuthorization("/api/me", "Bearer " + token);
			}

		},

		/**
		 * {@code Cookie: DS=<token>}; an invalid one is ignored, so the request has no
		 * credentials.
		 */
		COOKIE("urn:descope-notp:problem:unauthenticated") {

			@Override
			Response send(Browser browser, String token) {
				return browser.getWithCookieHeader("/api/me", "DS=" + token);
			}

		},

		/** The whole {@code Authorization} header value as given. */
		RAW_AUTHORIZATION_HEADER("urn:descope-notp:problem:invalid-token") {

			@Override
			Response send(Browser browser, String authorization) {
				return browser.getWithAuthorization("/api/me", authorization);
			}

		};

		private final String expectedProblemType;

		Transport(String expectedProblemType) {
			this.expectedProblemType = expectedProblemType;
		}

		abstract Response send(Browser browser, String token);

		String expectedProblemType() {
			return this.expectedProblemType;
		}

	}

}
