package com.descope.notp.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.descope.notp.test.DescopeEmulator;

/**
 * Pending flows polled faster than the polling interval: {@value #FLOWS} browsers each
 * start a nOTP sign-in on the starter's app (a JVM of its own, {@link PendingFlowsApp})
 * and then poll {@code POST /login/notp/session} {@value #POLLS_PER_INTERVAL} times per
 * polling interval (1 s, the default) for {@value #SECONDS} s, each browser on a thread
 * of its own, paced by the clock. The emulator counts the calls to Descope's
 * {@code pending-session}: the starter allows one per flow per interval, so a flow polled
 * for {@code T} seconds may cost at most {@code floor(T / interval) + 1} calls. Unlike
 * part 3, whose browsers poll once a second at most, this target fails when the throttle
 * does not hold. The app's live threads are sampled (without GC) during the polling.
 */
final class FastPollingBenchmark {

	static final int FLOWS = 20;

	static final int POLLS_PER_INTERVAL = 10;

	static final int SECONDS = 10;

	static final Duration INTERVAL = Duration.ofSeconds(1);

	/**
	 * Tomcat's default {@code server.tomcat.threads.max}: each poll holds one worker, and
	 * while it asks Descope at most one thread of the starter's HTTP client.
	 */
	static final int TOMCAT_MAX_THREADS = 200;

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private FastPollingBenchmark() {
	}

	static Result run() throws Exception {
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
				int port = Integer.parseInt(PendingFlowsBenchmark.awaitLine(out, "PORT ").trim());
				String base = "http://127.0.0.1:" + port;
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				List<FlowBrowser> browsers = new ArrayList<>();
				for (int i = 0; i < FLOWS; i++) {
					browsers.add(FlowBrowser.start(http, base));
				}
				int threadsBefore = threads(in, out);
				long upstreamBefore = calls(emulator);
				AtomicLong polls = new AtomicLong();
				AtomicLong errors = new AtomicLong();
				long periodNanos = INTERVAL.toNanos() / POLLS_PER_INTERVAL;
				long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
				long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
				AtomicLong lastAnswer = new AtomicLong(start);
				CountDownLatch finished = new CountDownLatch(FLOWS);
				for (int i = 0; i < FLOWS; i++) {
					FlowBrowser browser = browsers.get(i);
					long offset = i * periodNanos / FLOWS;
					Thread thread = new Thread(() -> {
						try {
							for (long tick = start + offset; tick < end; tick += periodNanos) {
								long wait = tick - System.nanoTime();
								if (wait > 0) {
									LockSupport.parkNanos(wait);
								}
								try {
									if (browser.poll(http, base) != 202) {
										errors.incrementAndGet();
									}
								}
								catch (Exception ex) {
									errors.incrementAndGet();
								}
								polls.incrementAndGet();
								lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
							}
						}
						finally {
							finished.countDown();
						}
					}, "fast-poll-" + i);
					thread.setDaemon(true);
					thread.start();
				}
				// sample the app's threads while it is polled
				AtomicInteger threadsMax = new AtomicInteger(threadsBefore);
				while (!finished.await(500, TimeUnit.MILLISECONDS)) {
					threadsMax.accumulateAndGet(threads(in, out), Math::max);
				}
				long upstream = calls(emulator) - upstreamBefore;
				double seconds = (lastAnswer.get() - start) / 1e9;
				return new Result(FLOWS, seconds, polls.get(), errors.get(), upstream, threadsBefore, threadsMax.get());
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

	/**
	 * The live threads of a {@link PendingFlowsApp}, counted without GC.
	 * @param in the app's standard input
	 * @param out the app's standard output
	 * @return the live threads
	 * @throws Exception when the app stopped
	 */
	static int threads(Writer in, BufferedReader out) throws Exception {
		in.write("threads\n");
		in.flush();
		return Integer.parseInt(PendingFlowsBenchmark.awaitLine(out, "THREADS ").trim());
	}

	/**
	 * What was measured.
	 *
	 * @param flows the flows polled
	 * @param seconds from the first poll's time to the last poll's answer
	 * @param polls the polls sent
	 * @param errors the polls that failed or were not answered {@code 202}
	 * @param upstream the calls to Descope's {@code pending-session} during the polling
	 * @param threadsBefore the app's live threads with the flows pending, before polling
	 * @param threadsMax the most live threads sampled during the polling
	 */
	record Result(int flows, double seconds, long polls, long errors, long upstream, int threadsBefore,
			int threadsMax) {

		/**
		 * The most calls to Descope the starter allows: one per flow per interval begun.
		 * @return the bound over all flows
		 */
		long allowed() {
			return this.flows * ((long) Math.floor(this.seconds / INTERVAL.toNanos() * 1e9) + 1);
		}

		double pollsPerFlowPerInterval() {
			return this.polls / (double) this.flows / (this.seconds * 1e9 / INTERVAL.toNanos());
		}

		void addTo(List<BenchmarkRunner.Row> rows, List<String> notes) {
			double intervals = this.seconds * 1e9 / INTERVAL.toNanos();
			double upstreamPerFlowPerInterval = this.upstream / (double) this.flows / intervals;
			// the target is only tested when the browsers did poll faster than the
			// interval
			boolean exercised = pollsPerFlowPerInterval() >= POLLS_PER_INTERVAL / 2.0;
			rows.add(new BenchmarkRunner.Row(
					"3b upstream calls per flow per 1 s interval, browsers polling " + POLLS_PER_INTERVAL
							+ " times an interval",
					String.format(Locale.ROOT, "%.2f (%d calls, %d allowed)", upstreamPerFlowPerInterval, this.upstream,
							allowed()),
					"browser polls per flow per interval",
					String.format(Locale.ROOT, "%.2f (%d polls, %d not 202)", pollsPerFlowPerInterval(), this.polls,
							this.errors),
					upstreamPerFlowPerInterval / pollsPerFlowPerInterval(),
					"calls <= flows x (intervals begun), with >= " + (POLLS_PER_INTERVAL / 2) + " polls per interval",
					exercised && this.errors == 0 && this.upstream <= allowed()));
			rows.add(new BenchmarkRunner.Row("3b server threads during fast polling (max sampled)",
					String.valueOf(this.threadsMax), "threads before polling", String.valueOf(this.threadsBefore),
					this.threadsMax / (double) this.threadsBefore,
					"<= before + 2 x Tomcat max threads (" + TOMCAT_MAX_THREADS + ")",
					this.threadsMax <= this.threadsBefore + 2 * TOMCAT_MAX_THREADS));
			notes.add(String.format(Locale.ROOT,
					"Fast polling: %d flows on the starter's app in its own JVM, each polled by a driver thread every "
							+ "%d ms for %.1f s; %d calls to Descope's pending-session out of %d polls (one per flow "
							+ "per interval begun allows %d); threads sampled every 0.5 s without GC.",
					this.flows, INTERVAL.toMillis() / POLLS_PER_INTERVAL, this.seconds, this.upstream, this.polls,
					allowed()));
		}

	}

}
