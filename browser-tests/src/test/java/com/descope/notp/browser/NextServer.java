package com.descope.notp.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Next.js front end ({@code frontends/nextjs}, built by {@code next build}) run with
 * {@code next start} as a child process on a free port, its backend given at run time
 * ({@code BACKEND_URL}), and its output in {@code target/nextjs.log}. Browsers reach it
 * at {@code http://next.localhost:<port>}, an origin of its own.
 */
final class NextServer implements AutoCloseable {

	private static final Path LOG = Path.of("target", "nextjs.log");

	private final Process process;

	private final int port;

	private NextServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts {@code next start} and waits for its "Ready" line (a minute at most).
	 * @param backendUrl the Spring application's address, for the app's server side
	 * @return the running server
	 */
	static NextServer start(String backendUrl) {
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(FrontEnds.node().toString(), "node_modules/next/dist/bin/next",
				"start", "--port", Integer.toString(port), "--hostname", "127.0.0.1")
			.directory(FrontEnds.ROOT.resolve("nextjs").toFile())
			.redirectErrorStream(true);
		builder.environment().put("BACKEND_URL", backendUrl);
		builder.environment().put("NEXT_TELEMETRY_DISABLED", "1");
		builder.environment().put("NODE_ENV", "production");
		Process process;
		try {
			Files.createDirectories(LOG.getParent());
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		NextServer server = new NextServer(process, port);
		CompletableFuture<Void> ready = new CompletableFuture<>();
		Thread output = new Thread(() -> copyOutput(process, ready), "next-start-output");
		output.setDaemon(true);
		output.start();
		try {
			ready.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.close();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			server.close();
			throw new IllegalStateException("next start did not get ready; see " + LOG.toAbsolutePath(), ex);
		}
		return server;
	}

	private static void copyOutput(Process process, CompletableFuture<Void> ready) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOG, StandardCharsets.UTF_8), true)) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				log.println(line);
				if (line.contains("Ready in")) {
					ready.complete(null);
				}
			}
			ready.completeExceptionally(new IllegalStateException("next start ended: " + process.waitFor()));
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			ready.completeExceptionally(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The app's origin, for example {@code http://next.localhost:40123}. */
	String origin() {
		return "http://next.localhost:" + this.port;
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
