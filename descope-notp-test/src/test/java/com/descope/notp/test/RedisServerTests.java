package com.descope.notp.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link RedisServer} on Debian's {@code redis-server}, spoken to over plain sockets: it
 * listens on its own loopback port, counts the commands it processed (its own
 * {@code INFO} included, as the two-node benchmark assumes), comes back empty on the same
 * port after a restart, and refuses connections (and reports no CPU time) once closed,
 * closing twice being harmless. Skipped, loudly, without {@code redis-server}.
 */
class RedisServerTests {

	private static @Nullable String notRunnable;

	@BeforeAll
	static void checkRedis() {
		notRunnable = RedisServer.whyNotRunnable("RedisServerTests");
	}

	@BeforeEach
	void assumeRedis() {
		assumeTrue(notRunnable == null, notRunnable);
	}

	@Test
	void startWhenInstalledThenAnswersOnItsOwnLoopbackPort() throws IOException {
		try (RedisServer redis = RedisServer.start()) {
			assertThat(redis.port()).isNotEqualTo(6379);
			assertThat(send(redis, "PING")).isEqualTo("+PONG");
			assertThat(RedisServer.version()).startsWith("Redis server v=");
		}
	}

	@Test
	void commandsProcessedWhenCommandsSentThenCountsThemAndTheInfoBefore() throws IOException {
		try (RedisServer redis = RedisServer.start()) {
			long before = redis.commandsProcessed();
			send(redis, "PING");
			send(redis, "PING");
			long after = redis.commandsProcessed();

			// the two PINGs and the INFO that read "before"
			assertThat(after - before).isEqualTo(3);
		}
	}

	@Test
	void restartWhenDataStoredThenSamePortAndNoData() throws IOException {
		try (RedisServer redis = RedisServer.start()) {
			int port = redis.port();
			assertThat(send(redis, "SET benchmark-key 1")).isEqualTo("+OK");

			redis.restart();

			assertThat(redis.port()).isEqualTo(port);
			assertThat(send(redis, "GET benchmark-key")).isEqualTo("$-1");
		}
	}

	@Test
	void closeWhenRunningThenPortRefusesConnections() {
		RedisServer redis = RedisServer.start();
		redis.close();

		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> send(redis, "PING"));
		assertThat(redis.cpuTime()).isZero();
		redis.close();
	}

	/**
	 * Sends one inline command and reads the first line of the answer.
	 * @param redis the server
	 * @param command the command, its words separated by spaces
	 * @return the answer's first line, for example {@code +PONG}
	 * @throws IOException when the server cannot be reached
	 */
	private static String send(RedisServer redis, String command) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

}
