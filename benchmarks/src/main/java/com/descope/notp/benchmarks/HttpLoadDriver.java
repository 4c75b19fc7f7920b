package com.descope.notp.benchmarks;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP load driver ({@link HttpLoad}) in a JVM of its own, so that its threads,
 * allocation and garbage collection are not charged to the apps it measures; with
 * {@code taskset} on the machine it can be pinned to some of the cores. The runner starts
 * it ({@link #start}) and sends it one command a line on standard input:
 * <ul>
 * <li>{@code pool <file>}: the token pool, one token a line;</li>
 * <li>{@code run <uri> <token file or -> <millis> <max requests> <latency file>}: one
 * token sent again and again (or none);</li>
 * <li>{@code fresh <uri> <app> <millis> <max requests> <latency file>}: the next tokens
 * of the pool, none sent twice to one app;</li>
 * <li>{@code quit}.</li>
 * </ul>
 * Each run answers {@code RESULT <requests> <errors> <seconds>} and writes the sorted
 * latencies, in nanoseconds, to the latency file.
 */
public final class HttpLoadDriver implements AutoCloseable {

	private final Process process;

	private final BufferedReader out;

	private final Writer in;

	private final Path directory;

	private final HttpLoad local;

	private final String cpus;

	private final Map<String, AtomicInteger> cursors = new HashMap<>();

	private List<String> pool = List.of();

	private int files;

	private HttpLoadDriver(Process process, Path directory, String cpus) {
		this.process = process;
		this.cpus = cpus;
		this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		this.directory = directory;
		this.local = null;
	}

	private HttpLoadDriver(HttpLoad local) {
		this.process = null;
		this.out = null;
		this.in = null;
		this.directory = null;
		this.local = local;
		this.cpus = null;
	}

	/**
	 * The driver in the runner's JVM, as every run before issue 17 measured.
	 * @param threads the driver's threads
	 * @return the driver
	 */
	static HttpLoadDriver inThisJvm(int threads) {
		return new HttpLoadDriver(new HttpLoad(threads));
	}

	/**
	 * Where the driver runs.
	 * @return a description for the notes
	 */
	String where() {
		if (this.local != null) {
			return "in the same JVM as the three apps";
		}
		return "in a JVM of its own" + ((this.cpus != null) ? " pinned to CPU " + this.cpus + " (taskset)" : "");
	}

	/**
	 * Starts the driver's JVM.
	 * @param threads the driver's threads
	 * @param cpus the cores to pin it to with {@code taskset -c}, or {@code null} for
	 * none
	 * @return the driver, ready
	 * @throws Exception when it cannot start
	 */
	static HttpLoadDriver start(int threads, String cpus) throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		List<String> command = new ArrayList<>();
		if (cpus != null) {
			command.addAll(List.of("taskset", "-c", cpus));
		}
		command.addAll(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				HttpLoadDriver.class.getName(), Integer.toString(threads)));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		HttpLoadDriver driver = new HttpLoadDriver(process, Files.createTempDirectory("notp-load"), cpus);
		PendingFlowsBenchmark.awaitLine(driver.out, "READY");
		return driver;
	}

	void pool(List<String> tokens) throws Exception {
		if (this.local != null) {
			this.pool = tokens;
			return;
		}
		Path file = this.directory.resolve("pool");
		Files.write(file, tokens);
		command("pool " + file);
		PendingFlowsBenchmark.awaitLine(this.out, "POOL");
	}

	HttpLoad.Result run(URI uri, String token, Duration duration, long maxRequests) throws Exception {
		if (this.local != null) {
			return this.local.run(uri, token, duration, maxRequests);
		}
		String tokenFile = "-";
		if (token != null) {
			Path file = this.directory.resolve("token");
			Files.writeString(file, token);
			tokenFile = file.toString();
		}
		return result("run " + uri + " " + tokenFile, duration, maxRequests);
	}

	HttpLoad.Result fresh(URI uri, String app, Duration duration, long maxRequests) throws Exception {
		if (this.local != null) {
			return this.local.run(uri, this.pool, this.cursors.computeIfAbsent(app, (name) -> new AtomicInteger()),
					duration, maxRequests);
		}
		return result("fresh " + uri + " " + app, duration, maxRequests);
	}

	private HttpLoad.Result result(String command, Duration duration, long maxRequests) throws Exception {
		Path latencies = this.directory.resolve("latencies-" + (this.files++));
		command(command + " " + duration.toMillis() + " " + maxRequests + " " + latencies);
		String[] parts = PendingFlowsBenchmark.awaitLine(this.out, "RESULT ").trim().split(" ");
		long[] nanos;
		try (DataInputStream data = new DataInputStream(Files.newInputStream(latencies))) {
			nanos = new long[data.readInt()];
			for (int i = 0; i < nanos.length; i++) {
				nanos[i] = data.readLong();
			}
		}
		Files.delete(latencies);
		return new HttpLoad.Result(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Double.parseDouble(parts[2]),
				nanos);
	}

	private void command(String line) throws Exception {
		this.in.write(line + "\n");
		this.in.flush();
	}

	@Override
	public void close() throws Exception {
		if (this.local != null) {
			return;
		}
		try {
			command("quit");
		}
		catch (Exception ex) {
			// already gone
		}
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		try (var files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(this.directory);
	}

	public static void main(String[] args) throws Exception {
		HttpLoad load = new HttpLoad(Integer.parseInt(args[0]));
		List<String> pool = List.of();
		Map<String, AtomicInteger> cursors = new HashMap<>();
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		System.out.println("READY");
		System.out.flush();
		String line;
		while ((line = commands.readLine()) != null && !"quit".equals(line.trim())) {
			String[] parts = line.trim().split(" ");
			if ("pool".equals(parts[0])) {
				pool = Files.readAllLines(Path.of(parts[1]));
				System.out.println("POOL");
				System.out.flush();
				continue;
			}
			URI uri = URI.create(parts[1]);
			Duration duration = Duration.ofMillis(Long.parseLong(parts[3]));
			long maxRequests = Long.parseLong(parts[4]);
			HttpLoad.Result result;
			if ("fresh".equals(parts[0])) {
				result = load.run(uri, pool, cursors.computeIfAbsent(parts[2], (app) -> new AtomicInteger()), duration,
						maxRequests);
			}
			else {
				String token = "-".equals(parts[2]) ? null : Files.readString(Path.of(parts[2]));
				result = load.run(uri, token, duration, maxRequests);
			}
			try (DataOutputStream data = new DataOutputStream(
					new BufferedOutputStream(Files.newOutputStream(Path.of(parts[5]))))) {
				data.writeInt(result.latenciesNanos().length);
				for (long nanos : result.latenciesNanos()) {
					data.writeLong(nanos);
				}
			}
			System.out.println("RESULT " + result.requests() + " " + result.errors() + " " + result.seconds());
			System.out.flush();
		}
		System.exit(0);
	}

}
