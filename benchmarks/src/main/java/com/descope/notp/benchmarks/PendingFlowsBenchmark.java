package com.descope.notp.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.descope.notp.test.DescopeEmulator;

/**
 * Pending flows at scale: {@value #FLOWS} browsers each start a nOTP sign-in on the
 * starter's app (in its own JVM, {@link PendingFlowsApp}) and then poll
 * {@code POST /login/notp/session} once a second for {@value #POLL_SECONDS} s, as the
 * login page does, against a {@link DescopeEmulator} in this JVM. Measures the app's live
 * threads and heap (after full GC) before and with the flows pending, the upstream
 * {@code pending-session} calls per flow per interval, and the latency of a completion
 * once confirmed.
 */
final class PendingFlowsBenchmark {

	static final int FLOWS = 10_000;

	static final int POLL_SECONDS = 10;

	static final int COMPLETIONS = 50;

	/**
	 * The driver's polls in flight at most (one connection each): beyond what 2 cores
	 * serve at once, more would only queue in the kernel. Browsers whose tick comes while
	 * all are busy wait their turn, so the achieved poll rate is the app's, not the
	 * driver's.
	 */
	static final int DRIVER_CONNECTIONS = 256;

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private PendingFlowsBenchmark() {
	}

	static Result run(int flows) throws Exception {
		try (DescopeEmulator emulator = DescopeEmulator.start()) {
			String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
			Process app = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
					PendingFlowsApp.class.getName(), emulator.projectId(), emulator.baseUrl())
				.redirectErrorStream(true)
				.start();
			BufferedReader out = new BufferedReader(
					new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
			Writer in = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8);
			try {
				int port = Integer.parseInt(awaitLine(out, "PORT ").trim());
				String base = "http://127.0.0.1:" + port;
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				// warm the app's paths with a few flows, then measure the idle baseline
				List<FlowBrowser> warm = startFlows(http, base, 50);
				for (FlowBrowser browser : warm) {
					browser.poll(http, base);
				}
				long[] before = stats(in, out);
				List<FlowBrowser> browsers = startFlows(http, base, flows);
				long[] with = stats(in, out);
				long upstreamBefore = calls(emulator);
				AtomicLong polls = new AtomicLong();
				AtomicLong errors = new AtomicLong();
				ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
				ExecutorService pollers = Executors.newFixedThreadPool(DRIVER_CONNECTIONS);
				AtomicBoolean stopped = new AtomicBoolean();
				long pollStart = System.nanoTime();
				for (int i = 0; i < browsers.size(); i++) {
					FlowBrowser browser = browsers.get(i);
					ticker.scheduleAtFixedRate(() -> browser.pollOnTick(pollers, stopped, http, base, polls, errors),
							i * 1000L / browsers.size(), 1000, TimeUnit.MILLISECONDS);
				}
				// sample the app's live threads while it is polled (no GC): what the
				// polling may grow is bounded by configuration, not by the flows
				int threadsDuringPolling = (int) with[0];
				long pollEnd = pollStart + TimeUnit.SECONDS.toNanos(POLL_SECONDS);
				while (System.nanoTime() < pollEnd) {
					Thread.sleep(Math.min(500, Math.max(1, (pollEnd - System.nanoTime()) / 1_000_000)));
					threadsDuringPolling = Math.max(threadsDuringPolling, FastPollingBenchmark.threads(in, out));
				}
				ticker.shutdownNow();
				stopped.set(true); // queued polls are dropped, polls on the wire finish
				pollers.shutdown();
				double seconds = (System.nanoTime() - pollStart) / 1e9;
				pollers.awaitTermination(60, TimeUnit.SECONDS);
				Thread.sleep(500);
				long upstream = calls(emulator) - upstreamBefore;
				long[] afterPolling = stats(in, out);
				// completions: confirm some flows, then the next poll of each completes
				// the login
				List<Double> latencies = new ArrayList<>();
				int completed = 0;
				for (int i = 0; i < COMPLETIONS; i++) {
					FlowBrowser browser = browsers.get(i * (browsers.size() / COMPLETIONS));
					emulator.confirm(browser.pendingRef());
					long t0 = System.nanoTime();
					// as the login page: poll now, then once a second until the login
					// completes
					for (int attempt = 0; attempt < 5; attempt++) {
						long polledAt = System.nanoTime();
						int status = browser.poll(http, base);
						if (status == 200) {
							latencies.add((System.nanoTime() - t0) / 1e6);
							completed++;
							break;
						}
						if (status != 202) {
							break;
						}
						Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - polledAt) / 1_000_000));
					}
				}
				double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
				if (sorted.length == 0) {
					sorted = new double[] { Double.NaN };
				}
				return new Result(flows, (int) before[0], (int) with[0], before[1], with[1], threadsDuringPolling,
						(int) afterPolling[0], afterPolling[1], upstream / (flows * seconds),
						polls.get() / (flows * seconds), errors.get(), sorted[sorted.length / 2],
						sorted[sorted.length - 1], completed);
			}
			finally {
				try {
					in.write("quit\n");
					in.flush();
				}
				catch (Exception ex) {
					// already gone
				}
				if (!app.waitFor(20, TimeUnit.SECONDS)) {
					app.destroyForcibly();
				}
			}
		}
	}

	private static long calls(DescopeEmulator emulator) {
		return emulator.calls().stream().filter((call) -> PENDING_SESSION.equals(call.path())).count();
	}

	private static long[] stats(Writer in, BufferedReader out) throws Exception {
		in.write("stats\n");
		in.flush();
		String[] parts = awaitLine(out, "STATS ").trim().split(" ");
		return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
	}

	static String awaitLine(BufferedReader out, String prefix) throws Exception {
		String line;
		while ((line = out.readLine()) != null) {
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length());
			}
		}
		throw new IllegalStateException("The app stopped before printing " + prefix);
	}

	private static List<FlowBrowser> startFlows(HttpClient http, String base, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<FlowBrowser>> started = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				started.add(pool.submit(() -> FlowBrowser.start(http, base)));
			}
			List<FlowBrowser> browsers = new ArrayList<>();
			for (Future<FlowBrowser> future : started) {
				browsers.add(future.get());
			}
			return browsers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * What was measured.
	 *
	 * @param flows the pending flows started
	 * @param threadsBefore the app's live threads before the flows started
	 * @param threadsWith the app's live threads with the flows pending
	 * @param heapBefore the app's used heap in bytes before the flows started, after a GC
	 * @param heapWith the app's used heap in bytes with the flows pending, after a GC
	 * @param threadsDuringPolling the most live threads of the app sampled every 0.5 s
	 * (without GC) during the polling phase
	 * @param threadsAfterPolling the app's live threads after the polling phase
	 * @param heapAfterPolling the app's used heap in bytes after the polling phase, after
	 * a GC
	 * @param upstreamPerFlowPerSecond the calls to Descope's pending-session endpoint per
	 * flow and second
	 * @param pollsPerFlowPerSecond the browser polls per flow and second
	 * @param pollErrors the polls that failed or were not answered {@code 202}
	 * @param completionP50Millis the median time from confirmation to the completing
	 * poll's answer, in milliseconds
	 * @param completionMaxMillis the longest such time, in milliseconds
	 * @param completed the flows that completed out of those confirmed
	 */
	record Result(int flows, int threadsBefore, int threadsWith, long heapBefore, long heapWith,
			int threadsDuringPolling, int threadsAfterPolling, long heapAfterPolling, double upstreamPerFlowPerSecond,
			double pollsPerFlowPerSecond, long pollErrors, double completionP50Millis, double completionMaxMillis,
			int completed) {

		void addTo(List<BenchmarkRunner.Row> rows, List<String> notes) {
			int threadGrowth = this.threadsWith - this.threadsBefore;
			double heapPerFlow = (this.heapWith - this.heapBefore) / (double) this.flows;
			rows.add(new BenchmarkRunner.Row(
					"3 server threads with " + this.flows + " pending flows, idle, before polling",
					String.valueOf(this.threadsWith), "threads before any flow", String.valueOf(this.threadsBefore),
					this.threadsWith / (double) this.threadsBefore, "growth << flows (< flows/10)",
					threadGrowth < this.flows / 10));
			// each poll holds one Tomcat worker and, while it asks Descope, at most one
			// thread of the starter's HTTP client: the configured pools bound the growth,
			// whatever the number of flows or the load
			int bound = this.threadsWith + 2 * FastPollingBenchmark.TOMCAT_MAX_THREADS;
			rows.add(new BenchmarkRunner.Row(
					"3 server threads during polling of " + this.flows + " pending flows (max sampled)",
					String.valueOf(this.threadsDuringPolling), "threads with the flows pending, before polling",
					String.valueOf(this.threadsWith), this.threadsDuringPolling / (double) this.threadsWith,
					"<= before + 2 x Tomcat max threads (" + FastPollingBenchmark.TOMCAT_MAX_THREADS + ")",
					this.threadsDuringPolling <= bound));
			rows.add(new BenchmarkRunner.Row("3 heap per pending flow",
					String.format(Locale.ROOT, "%,.0f B", heapPerFlow), "target", "2,048 B", heapPerFlow / 2048,
					"< 2 KB", heapPerFlow < 2048));
			rows.add(new BenchmarkRunner.Row("3 upstream polls per flow per 1 s interval",
					String.format(Locale.ROOT, "%.2f", this.upstreamPerFlowPerSecond), "browser polls per flow per s",
					String.format(Locale.ROOT, "%.2f", this.pollsPerFlowPerSecond),
					// browsers that poll at most once an interval cannot test the
					// throttle: the
					// falsifiable target is row 3b (FastPollingBenchmark)
					this.upstreamPerFlowPerSecond / this.pollsPerFlowPerSecond,
					"(info) browsers poll at most once an interval; the target is row 3b", null));
			rows.add(new BenchmarkRunner.Row("3 confirm to signed in (browser polling each 1 s)",
					String.format(Locale.ROOT, "p50 %.1f ms, max %.1f ms (%d/%d completed)", this.completionP50Millis,
							this.completionMaxMillis, this.completed, COMPLETIONS),
					"poll interval", "1000 ms", Double.NaN, "(info)", null));
			notes.add(String.format(Locale.ROOT,
					"Pending flows: %d flows; threads and heap (after full GC) measured with the flows started and "
							+ "pending, before polling: threads %d -> %d, heap %,d -> %,d bytes. Then each browser's "
							+ "once-a-second tick polled unless its last poll was unanswered, through at most %d "
							+ "connections, for %d s (%d poll errors), live threads sampled every 0.5 s without GC (at most %d); after polling, while still pending: %d threads "
							+ "(Tomcat's worker pool and the HTTP client's pool grown by the concurrent polls, idle, "
							+ "not per flow), heap %,d bytes (includes per-connection buffers).",
					this.flows, this.threadsBefore, this.threadsWith, this.heapBefore, this.heapWith,
					DRIVER_CONNECTIONS, POLL_SECONDS, this.pollErrors, this.threadsDuringPolling,
					this.threadsAfterPolling, this.heapAfterPolling));
		}

	}

}
