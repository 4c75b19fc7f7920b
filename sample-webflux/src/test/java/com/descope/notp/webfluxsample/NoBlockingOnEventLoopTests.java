package com.descope.notp.webfluxsample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import com.descope.notp.test.TestTokens;
import com.descope.notp.test.autoconfigure.DescopeEmulatorTest;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No blocking call runs on an event-loop thread while the reactive sample authenticates
 * requests: BlockHound, installed before the application starts, records every blocking
 * call (a {@code Thread.sleep}, a socket read, a lock's park) made on a non-blocking
 * thread (Reactor Netty's event loops, Reactor's parallel scheduler). The requests take
 * the paths that block if anything does: the first token (the JWKS fetched over HTTP), a
 * token whose key id is unknown (the JWKS fetched again), a cached token, a {@code DS}
 * cookie and a refused token; a refresh at {@code POST /login/notp/refresh} and a logout
 * (both calling Descope). A first test shows that the recorder sees a blocking call made
 * on such a thread, so an empty record means something.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DescopeEmulatorTest
class NoBlockingOnEventLoopTests {

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebTestClient client;

	@Autowired
	DescopeEmulator descope;

	@BeforeAll
	static void installBlockHound() {
		// install(..) loads the integrations (Reactor's marks its schedulers' threads
		// and Reactor Netty's event loops as non-blocking); builder().install() would not
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> blockingCalls
			.add(method + " on " + Thread.currentThread().getName() + "\n" + stackOf(new Throwable()))));
	}

	@BeforeEach
	void forgetEarlierCalls() {
		blockingCalls.clear();
	}

	private static String stackOf(Throwable where) {
		StringBuilder stack = new StringBuilder();
		for (StackTraceElement element : where.getStackTrace()) {
			stack.append("\tat ").append(element).append('\n');
		}
		return stack.toString();
	}

	private EmulatedUser alice() {
		return this.descope.findUserByLoginId("+15555550100").orElseThrow();
	}

	@Test
	void blockHoundWhenABlockingCallRunsOnANonBlockingThreadThenItIsRecorded() {
		Mono.fromRunnable(Thread::yield).subscribeOn(Schedulers.parallel()).block();

		assertThat(blockingCalls).anyMatch((call) -> call.startsWith("java.lang.Thread.yield"));
	}

	@Test
	void authenticateWhenTokensAreCheckedAgainstTheJwksThenNoBlockingCallOnAnEventLoop() throws Exception {
		String token = this.descope.issueSessionJwt(alice());
		RSAKey unknownKey = new RSAKeyGenerator(2048).keyID("SKunknownKeyId000000000000000").generate();
		String unknownKid = TestTokens.resign(this.descope.issueSessionJwt(alice()), unknownKey);

		bearer(token).expectStatus().isOk();
		bearer(token).expectStatus().isOk();
		bearer(unknownKid).expectStatus().isUnauthorized();
		this.client.get()
			.uri("/api/admin")
			.cookie("DS", this.descope.issueSessionJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get().uri("/api/me").exchange().expectStatus().isUnauthorized();

		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void loginWhenStartedConfirmedAndCompletedThenSignedInWithNoBlockingCallOnAnEventLoop() {
		// the first start loads the phone number metadata and warms the Descope client up
		WebTestClient client = this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		EntityExchangeResult<byte[]> started = client.post()
			.uri("/login/notp")
			.cookie("XSRF-TOKEN", "a-csrf-token")
			.header("X-XSRF-TOKEN", "a-csrf-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("loginId", "+15555550100"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		String pendingRef = JSON.readTree(started.getResponseBody()).get("pendingRef").asString();
		String session = started.getResponseCookies().getFirst("SESSION").getValue();
		this.descope.confirm(pendingRef);

		EntityExchangeResult<byte[]> completed = client.post()
			.uri("/login/notp/session")
			.cookie("SESSION", session)
			.cookie("XSRF-TOKEN", "a-csrf-token")
			.header("X-XSRF-TOKEN", "a-csrf-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("pendingRef", pendingRef))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("authenticated")
			.returnResult();
		String signedIn = completed.getResponseCookies().getFirst("SESSION").getValue();
		assertThat(signedIn).isNotEqualTo(session);
		client.get()
			.uri("/api/me")
			.cookie("SESSION", signedIn)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.userId")
			.isEqualTo(alice().userId());

		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void pagesWhenServedThenNoBlockingCallOnAnEventLoop() {
		this.client.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
		this.client.get().uri("/login/notp").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
		this.client.get().uri("/login/notp/config").exchange().expectStatus().isOk();
		// the page first asked for is saved in a new WebSession
		this.client.get()
			.uri("/api/me")
			.accept(MediaType.TEXT_HTML)
			.header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Dest", "document")
			.exchange()
			.expectStatus()
			.isFound()
			.expectCookie()
			.exists("SESSION");

		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void refreshAndLogoutWhenDescopeIsCalledThenNoBlockingCallOnAnEventLoop() {
		this.client.post()
			.uri("/login/notp/refresh")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.descope.issueRefreshJwt(alice()))
			.exchange()
			.expectStatus()
			.isOk();
		// the cookie CSRF repository compares the cookie with the header, as the login
		// above
		String csrf = "a-csrf-token";
		this.client.post()
			.uri("/logout")
			.cookie("DS", this.descope.issueSessionJwt(alice()))
			.cookie("DSR", this.descope.issueRefreshJwt(alice()))
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isFound();

		assertThat(blockingCalls).isEmpty();
	}

	private WebTestClient.ResponseSpec bearer(String token) {
		return this.client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

}
