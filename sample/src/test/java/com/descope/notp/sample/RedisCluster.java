package com.descope.notp.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.MovableClock;
import com.descope.notp.test.RedisServer;
import io.lettuce.core.resource.Delay;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The sample as several instances behind a load balancer without sticky sessions: one
 * real Redis ({@link RedisServer}), one Descope (an emulator both instances call), and
 * the sample application started as nodes that share the HTTP sessions through Spring
 * Session on that Redis, in its default storage mode (tokens in the HTTP session). Per
 * JVM there is one Redis, one emulator and one pair of nodes per {@link Serializer} (each
 * in a Redis namespace of its own), started on first use and stopped with the JVM; a test
 * that needs a node it may kill starts one more with {@link #startNode(Serializer)}. Each
 * node runs on its own {@link MovableClock} ({@link ApplicationClockConfiguration}) and
 * passes requests through the test's {@link RequestGates}.
 */
final class RedisCluster {

	private static @Nullable RedisCluster instance;

	private final RedisServer redis;

	private final DescopeEmulator emulator;

	private final Map<Serializer, Nodes> pairs = new ConcurrentHashMap<>();

	private RedisCluster(RedisServer redis, DescopeEmulator emulator) {
		this.redis = redis;
		this.emulator = emulator;
	}

	/**
	 * The JVM's cluster, started on first use. Call only when
	 * {@link RedisServer#whyNotRunnable} answered {@code null}.
	 * @return the cluster
	 */
	static synchronized RedisCluster get() {
		if (instance == null) {
			RedisServer redis = RedisServer.start();
			DescopeEmulator emulator = DescopeEmulator.start();
			Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "descope-emulator-cluster"));
			instance = new RedisCluster(redis, emulator);
		}
		return instance;
	}

	/**
	 * Skips the calling test (JUnit assumption) when {@code reason} (from
	 * {@link RedisServer#whyNotRunnable}) is not {@code null}, or fails it when the
	 * system property {@code redis-tests.required} is {@code true} (as CI sets it), so
	 * that a green CI means the Redis tests ran.
	 * @param reason why the tests cannot run, or {@code null}
	 */
	static void assumeRunnable(@Nullable String reason) {
		if (reason != null && Boolean.getBoolean("redis-tests.required")) {
			Assertions.fail(reason + " (redis-tests.required=true)");
		}
		Assumptions.assumeTrue(reason == null, reason);
	}

	/** The Redis every node keeps its sessions in. */
	RedisServer redis() {
		return this.redis;
	}

	/** The Descope every node calls. */
	DescopeEmulator emulator() {
		return this.emulator;
	}

	/**
	 * The emulator with every setting a test may have changed back at its default, and
	 * the clocks of the pair of nodes reset.
	 * @param nodes the nodes the test used
	 * @return the emulator
	 */
	DescopeEmulator reset(Nodes nodes) {
		nodes.a().clock().reset();
		nodes.b().clock().reset();
		this.emulator.setClock(java.time.Clock.systemUTC());
		this.emulator.setSessionTokenTtl(Duration.ofMinutes(10));
		this.emulator.setRefreshTokenRotation(false);
		return this.emulator;
	}

	/**
	 * The two nodes storing sessions with this serializer, started once per JVM.
	 * @param serializer how the nodes write sessions to Redis
	 * @return the nodes
	 */
	Nodes nodes(Serializer serializer) {
		return this.pairs.computeIfAbsent(serializer, (key) -> new Nodes(startNode(key), startNode(key)));
	}

	/**
	 * One more node storing sessions with this serializer, next to the pair, for a test
	 * that stops it; the caller closes it.
	 * @param serializer how the node writes sessions to Redis
	 * @return the node
	 */
	Node startNode(Serializer serializer) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				// the sample's tests leave Spring Session off
				// (config/application.properties)
				"spring.autoconfigure.exclude=", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + this.redis.port(), "spring.data.redis.timeout=1s",
				"spring.data.redis.connect-timeout=1s", "spring.session.data.redis.namespace=" + serializer.namespace,
				"descope.project-id=" + this.emulator.projectId(), "descope.base-url=" + this.emulator.baseUrl()));
		properties.addAll(serializer.properties);
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class,
				ApplicationClockConfiguration.class, RequestGates.class, QuickReconnect.class)
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
		return new Node(app);
	}

	/** How the nodes write sessions to Redis. */
	enum Serializer {

		/** Spring Session's default: JDK serialization. */
		JDK("notp-test-jdk", List.of()),

		/**
		 * JSON: Spring Security's Jackson modules with the starter's, switched on by
		 * {@code descope.spring-session.json}.
		 */
		JSON("notp-test-json", List.of("descope.spring-session.json=true"));

		private final String namespace;

		private final List<String> properties;

		Serializer(String namespace, List<String> properties) {
			this.namespace = namespace;
			this.properties = properties;
		}

	}

	/**
	 * Two nodes sharing the sessions.
	 *
	 * @param a the first node
	 * @param b the second node
	 */
	record Nodes(Node a, Node b) {

		/**
		 * One browser whose requests go to either node: two {@link Browser}s sharing one
		 * cookie jar.
		 * @return the browser's view of node A and of node B
		 */
		TwoNodeBrowser browser() {
			CookieJar cookies = new CookieJar();
			return new TwoNodeBrowser(this.a.browser(cookies), this.b.browser(cookies));
		}

		/** Moves the clocks of both nodes by the same amount. */
		void advanceClocks(Duration duration) {
			this.a.clock().advance(duration);
			this.b.clock().advance(duration);
		}

	}

	/**
	 * A browser of one person, as two {@link Browser}s sharing one cookie jar, one per
	 * node: what a load balancer without sticky sessions makes of one browser.
	 *
	 * @param a the browser's requests that reach node A
	 * @param b the browser's requests that reach node B
	 */
	record TwoNodeBrowser(Browser a, Browser b) {

	}

	/** One running instance of the sample. */
	static final class Node {

		private final ConfigurableApplicationContext app;

		Node(ConfigurableApplicationContext app) {
			this.app = app;
		}

		int port() {
			return ((WebServerApplicationContext) this.app).getWebServer().getPort();
		}

		Browser browser(CookieJar cookies) {
			return new Browser(Origin.direct(port(), ""), cookies);
		}

		/** The node's clock (see {@link ApplicationClockConfiguration}). */
		MovableClock clock() {
			return this.app.getBean(MovableClock.class);
		}

		/** The node's Redis client, to look at what it stored. */
		StringRedisTemplate redis() {
			return this.app.getBean(StringRedisTemplate.class);
		}

		/** Stops the node, as a crash or a scale-down does. */
		void stop() {
			this.app.close();
		}

	}

	/**
	 * Test-only: Lettuce tries to reconnect every 100 ms after losing Redis (its default
	 * backs off up to 30 s), so that a test which restarts Redis sees the nodes back at
	 * once.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class QuickReconnect {

		@Bean
		ClientResourcesBuilderCustomizer quickReconnect() {
			return (resources) -> resources.reconnectDelay(Delay.constant(Duration.ofMillis(100)));
		}

	}

}
