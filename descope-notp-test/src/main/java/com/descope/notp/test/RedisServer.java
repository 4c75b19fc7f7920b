package com.descope.notp.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis for tests and benchmarks of several instances: Debian's
 * {@code redis-server}, started on a free loopback port (never a Redis already running on
 * 6379), with no persistence, and stopped on {@link #close()} or with the JVM. Without
 * {@code redis-server} whoever needs it says so loudly: {@link #whyNotRunnable} logs the
 * reason at {@code WARN} (a test class then skips, or fails when CI requires Redis). The
 * program's path can be changed with the system property
 * {@code redis-tests.redis-server}.
 */
public final class RedisServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisServer.class);

	private static final Path REDIS_SERVER = Path
		.of(System.getProperty("redis-tests.redis-server", "/usr/bin/redis-server"));

	private final int port;

	private @Nullable Process process;

	private RedisServer(int port) {
		this.port = port;
	}

	/**
	 * Why the Redis tests cannot run here, logged loudly, or {@code null} when
	 * {@code redis-server} is installed.
	 * @param what the tests concerned, for the message
	 * @return the reason, or {@code null}
	 */
	public static @Nullable String whyNotRunnable(String what) {
		if (isInstalled()) {
			return null;
		}
		String reason = "REDIS TESTS NOT RUN (" + what + "): " + REDIS_SERVER
				+ " is missing; install Debian's package: apt-get install -y redis-server";
		log.warn("*** {} ***", reason);
		return reason;
	}

	/**
	 * Whether {@code redis-server} is installed (executable at its path).
	 * @return {@code true} when {@link #start()} can run it
	 */
	public static boolean isInstalled() {
		return Files.isExecutable(REDIS_SERVER);
	}

	/**
	 * What {@code redis-server --version} prints, for a benchmark's report.
	 * @return the version line, or what went wrong
	 */
	public static String version() {
		try {
			Process process = new ProcessBuilder(REDIS_SERVER.toString(), "--version").redirectErrorStream(true)
				.start();
			String line;
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				line = output.readLine();
			}
			process.waitFor();
			return (line != null) ? line.trim() : "redis-server printed no version";
		}
		catch (IOException ex) {
			return "redis-server --version failed: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * Starts a Redis on a free loopback port, stopped when the JVM exits.
	 * @return the running server
	 */
	public static RedisServer start() {
		RedisServer server = new RedisServer(freePort());
		server.startProcess();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-server-" + server.port));
		return server;
	}

	/**
	 * The port it listens on, on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The CPU time the server's process has used so far, for a benchmark that counts what
	 * Redis costs.
	 * @return the CPU time, or zero when the server is not running or the operating
	 * system does not tell
	 */
	public synchronized Duration cpuTime() {
		Process running = this.process;
		return (running != null) ? running.info().totalCpuDuration().orElse(Duration.ZERO) : Duration.ZERO;
	}

	/**
	 * The commands the server has processed since it started ({@code INFO stats}'s
	 * {@code total_commands_processed}, which counts this {@code INFO} too), for a
	 * benchmark that counts what a request costs Redis.
	 * @return the count
	 */
	public long commandsProcessed() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("INFO stats\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			BufferedReader reply = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String line;
			while ((line = reply.readLine()) != null) {
				if (line.startsWith("total_commands_processed:")) {
					return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
				}
			}
			throw new IllegalStateException("redis-server's INFO stats has no total_commands_processed");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the server (its data goes with it: it keeps none on disk) and waits until the
	 * process has ended. Idempotent.
	 */
	public synchronized void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		running.destroy();
		try {
			running.waitFor();
		}
		catch (InterruptedException ex) {
			running.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts the server again on the same port, empty, after {@link #stop()}: a Redis
	 * restarted without persistence.
	 */
	public synchronized void restart() {
		stop();
		startProcess();
	}

	/** Stops the server, as {@link #stop()}. */
	@Override
	public void close() {
		stop();
	}

	/** Starts the process and waits until it says it accepts connections. */
	private synchronized void startProcess() {
		List<String> command = new ArrayList<>(List.of(REDIS_SERVER.toString(), "--port", Integer.toString(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", ""));
		Process started;
		try {
			started = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		BufferedReader output = new BufferedReader(
				new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		try {
			String line;
			while ((line = output.readLine()) != null) {
				seen.append(line).append('\n');
				if (line.contains("Ready to accept connections")) {
					this.process = started;
					drain(output);
					return;
				}
			}
		}
		catch (IOException ex) {
			started.destroyForcibly();
			throw new UncheckedIOException(ex);
		}
		started.destroyForcibly();
		throw new IllegalStateException("redis-server did not start on port " + this.port + ":\n" + seen);
	}

	/**
	 * Keeps reading the server's log, so that it never blocks on a full pipe.
	 * @param output the server's standard output and error
	 */
	private void drain(BufferedReader output) {
		Thread drainer = new Thread(() -> {
			try {
				while (output.readLine() != null) {
					// the log is not needed once the server is up
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "redis-server-log-" + this.port);
		drainer.setDaemon(true);
		drainer.start();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
