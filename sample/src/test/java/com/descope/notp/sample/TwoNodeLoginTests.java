package com.descope.notp.sample;

import java.time.Duration;
import java.util.Map;

import com.descope.notp.sample.Browser.Response;
import com.descope.notp.sample.RedisCluster.Nodes;
import com.descope.notp.sample.RedisCluster.Serializer;
import com.descope.notp.sample.RedisCluster.TwoNodeBrowser;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's login and session on two instances of the sample behind a load balancer
 * without sticky sessions: Spring Session on a real Redis, the default storage mode
 * (tokens in the HTTP session), and a browser whose every request goes to the other node
 * than the one before. The login starts on node A, is polled on B, completes on A;
 * {@code /api/me} and {@code /api/admin} answer on both; the session refreshes itself on
 * B; logout on A signs the browser out on B too. It runs with Spring Session's JDK
 * serialization and with the JSON one ({@code descope.spring-session.json}). Skipped,
 * loudly, without {@code redis-server} ({@link RedisServer}).
 */
class TwoNodeLoginTests {

	private static @Nullable String notRunnable;

	@BeforeAll
	static void checkRedis() {
		notRunnable = RedisServer.whyNotRunnable("TwoNodeLoginTests");
	}

	@ParameterizedTest
	@EnumSource(Serializer.class)
	void signInWhenEveryRequestGoesToTheOtherNodeThenOneSessionServesBothUntilLogout(Serializer serializer) {
		RedisCluster.assumeRunnable(notRunnable);
		RedisCluster cluster = RedisCluster.get();
		Nodes nodes = cluster.nodes(serializer);
		DescopeEmulator descope = cluster.reset(nodes);
		TwoNodeBrowser browser = nodes.browser();
		try {
			String pendingRef = SessionTestSupport.start(browser.a(),
					Map.of("loginId", SessionTestSupport.ALICE, "method", "sign-in"));
			assertThat(SessionTestSupport.poll(browser.b(), pendingRef).status()).as("pending, polled on B")
				.isEqualTo(202);
			descope.confirm(pendingRef);
			// the page polls again one polling interval later; sooner, A would answer 202
			// without asking Descope (B's poll is in the shared session)
			nodes.advanceClocks(Duration.ofSeconds(1));
			Response done = SessionTestSupport.poll(browser.a(), pendingRef);
			assertThat(done.status()).as(done.body()).isEqualTo(200);
			assertThat(done.json().get("status").asString()).isEqualTo("authenticated");
			String userId = done.json().get("user").get("userId").asString();

			for (Browser node : new Browser[] { browser.b(), browser.a() }) {
				Response me = node.get("/api/me", "application/json");
				assertThat(me.status()).as(me.body()).isEqualTo(200);
				assertThat(me.json().get("userId").asString()).isEqualTo(userId);
				assertThat(me.json().get("name").asString()).isEqualTo("Alice Admin");
				Response admin = node.get("/api/admin", "application/json");
				assertThat(admin.status()).as(admin.body()).isEqualTo(200);
			}

			long refreshes = SessionTestSupport.calls(descope, SessionTestSupport.REFRESH);
			// within the refresh threshold (20 s) of the session JWT's expiry (10 min)
			nodes.advanceClocks(Duration.ofMinutes(10).minusSeconds(10));
			descope.setClock(nodes.a().clock());
			Response refreshedOnB = browser.b().get("/api/me", "application/json");
			assertThat(refreshedOnB.status()).as(refreshedOnB.body()).isEqualTo(200);
			assertThat(SessionTestSupport.calls(descope, SessionTestSupport.REFRESH)).as("refreshed on B")
				.isEqualTo(refreshes + 1);
			assertThat(browser.a().get("/api/me", "application/json").status()).isEqualTo(200);
			assertThat(browser.b().get("/api/admin", "application/json").status()).isEqualTo(200);
			assertThat(SessionTestSupport.calls(descope, SessionTestSupport.REFRESH))
				.as("A uses the tokens B stored, with no refresh of its own")
				.isEqualTo(refreshes + 1);

			Response logout = browser.a().postJson("/logout", Map.of());
			assertThat(logout.status()).as(logout.body()).isLessThan(400);
			Response afterLogout = browser.b().get("/api/me", "application/json");
			assertThat(afterLogout.status()).isEqualTo(401);
			assertThat(browser.a().get("/api/me", "application/json").status()).isEqualTo(401);
		}
		finally {
			cluster.reset(nodes);
		}
	}

}
