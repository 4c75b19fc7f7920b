package com.descope.notp.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.RedisServer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pending flows on two nodes: the throughput of starting and polling nOTP sign-ins on two
 * instances of the starter's app sharing their HTTP sessions through Spring Session on a
 * real Redis ({@link RedisServer}, started on a free port), against one instance keeping
 * them in memory. Both set-ups run in this JVM with the load driver and the
 * {@link DescopeEmulator} they call, on the same cores, so the ratio is what the shared
 * store costs per request, not what a second machine adds.
 * <p>
 * Every request of a browser goes to the other node than its last one (a load balancer
 * without sticky sessions; the browser's cookies go along), so a flow started on one node
 * is polled on the other. The one-node set-up is driven the same way, both "nodes" being
 * the one app. Each round measures both set-ups, the order alternating, each in three
 * phases of {@link #THREADS} closed-loop driver threads:
 * <ol>
 * <li><b>start</b>: for a fixed time each thread starts flows back to back
 * ({@code POST /login/notp}), each by a new browser that has only the page's CSRF cookie
 * (so each start creates an HTTP session and saves the flow in it);</li>
 * <li><b>poll, asking Descope</b>: each flow of the start phase is polled once
 * ({@code POST /login/notp/session}); as its first poll it claims the flow and calls
 * Descope's {@code pending-session} (the emulator's count of those calls is checked to
 * equal the polls), then gives the flow back: {@code 202} pending;</li>
 * <li><b>poll, throttled</b>: for a fixed time each thread polls one flow of the phase
 * before back to back; within the polling interval (1 s) of the last call to Descope a
 * poll is answered {@code 202} from the flow's state without one, as the starter
 * throttles a page, script or second node polling faster than the interval. Once an
 * interval a poll of each flow asks Descope again; those calls are counted and
 * reported.</li>
 * </ol>
 * Each figure's ratio is the median of the rounds' ratios, two nodes over one, with their
 * spread.
 */
final class PendingFlowsClusterBenchmark {

	static final int THREADS = 4;

	static final int ROUNDS = 5;

	static final Duration SLICE = Duration.ofSeconds(3);

	static final String SKIPPED = "SKIPPED: redis-server not installed";

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final String[] PHASES = { "start", "poll asking Descope", "poll throttled" };

	private final DescopeEmulator emulator;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private PendingFlowsClusterBenchmark(DescopeEmulator emulator) {
		this.emulator = emulator;
	}

	/**
	 * Runs the benchmark, or answers {@code null} (after saying so loudly on standard
	 * error) when {@code redis-server} is not installed.
	 * @param rounds the measured rounds, after one warm-up round
	 * @param slice how long each timed phase runs
	 * @return what was measured, or {@code null} without {@code redis-server}
	 * @throws Exception when an app cannot start or the driver fails
	 */
	static Result run(int rounds, Duration slice) throws Exception {
		if (!RedisServer.isInstalled()) {
			System.err
				.println("\n*** 5. PENDING FLOWS ON TWO NODES " + SKIPPED + " (apt-get install -y redis-server) ***\n");
			return null;
		}
		try (DescopeEmulator emulator = DescopeEmulator.start(); RedisServer redis = RedisServer.start()) {
			List<ConfigurableApplicationContext> apps = new ArrayList<>();
			try {
				ConfigurableApplicationContext memory = BenchmarkApps.starter(emulator.projectId(), emulator.baseUrl());
				apps.add(memory);
				ConfigurableApplicationContext a = BenchmarkApps.starterOnRedis(emulator.projectId(),
						emulator.baseUrl(), redis.port());
				apps.add(a);
				ConfigurableApplicationContext b = BenchmarkApps.starterOnRedis(emulator.projectId(),
						emulator.baseUrl(), redis.port());
				apps.add(b);
				Map<String, String[]> setups = new LinkedHashMap<>();
				setups.put("memory", new String[] { base(memory), base(memory) });
				setups.put("redis", new String[] { base(a), base(b) });
				PendingFlowsClusterBenchmark benchmark = new PendingFlowsClusterBenchmark(emulator);
				for (String[] nodes : setups.values()) {
					benchmark.round(nodes, slice);
				}
				Map<String, List<double[]>> measured = new LinkedHashMap<>();
				setups.keySet().forEach((name) -> measured.put(name, new ArrayList<>()));
				List<String> upstream = new ArrayList<>();
				long errors = 0;
				for (int round = 0; round < rounds; round++) {
					List<String> order = new ArrayList<>(setups.keySet());
					if (round % 2 == 1) {
						Collections.reverse(order);
					}
					for (String name : order) {
						Phases phases = benchmark.round(setups.get(name), slice);
						measured.get(name).add(phases.perSecond());
						errors += phases.errors();
						upstream.add(String.format(Locale.ROOT, "%s %d/%d", name, phases.throttledUpstream(),
								phases.throttledPolls()));
					}
					System.out.printf(Locale.ROOT, "  round %d: %s%n", round + 1, setups.keySet()
						.stream()
						.map((name) -> name + " " + format(measured.get(name).get(measured.get(name).size() - 1)))
						.collect(Collectors.joining("; ")));
				}
				return new Result(measured.get("memory"), measured.get("redis"), errors, upstream, rounds, slice,
						RedisServer.version());
			}
			finally {
				apps.forEach(ConfigurableApplicationContext::close);
			}
		}
	}

	private static String base(ConfigurableApplicationContext app) {
		return "http://127.0.0.1:" + BenchmarkApps.port(app);
	}

	private static String format(double[] perSecond) {
		return String.format(Locale.ROOT, "%.0f starts/s, %.0f upstream polls/s, %.0f throttled polls/s", perSecond[0],
				perSecond[1], perSecond[2]);
	}

	/**
	 * One round on one set-up: the three phases.
	 * @param nodes the base URLs of the two nodes (the same twice for one node)
	 * @param slice how long each timed phase runs
	 * @return what the phases measured
	 * @throws Exception when the driver fails
	 */
	private Phases round(String[] nodes, Duration slice) throws Exception {
		Queue<Routed> started = new ConcurrentLinkedQueue<>();
		AtomicLong errors = new AtomicLong();
		// 1. start: each thread's page gives its browsers the CSRF cookie
		List<FlowBrowser> pages = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			FlowBrowser page = new FlowBrowser();
			page.openPage(this.http, nodes[t % 2]);
			pages.add(page);
		}
		long deadline = System.nanoTime() + slice.toNanos();
		double startSeconds = drive((t) -> {
			long count = 0;
			while (System.nanoTime() < deadline) {
				Routed browser = new Routed(pages.get(t).withCsrfCookieOnly(), (int) ((t + count++) % 2));
				try {
					browser.browser.startFlow(this.http, browser.next(nodes));
					started.add(browser);
				}
				catch (Exception ex) {
					errors.incrementAndGet();
				}
			}
		});
		int starts = started.size();
		// 2. poll once each flow: its first poll, which asks Descope
		List<Routed> polled = new ArrayList<>();
		Queue<Routed> toPoll = new ConcurrentLinkedQueue<>(started);
		Queue<Routed> done = new ConcurrentLinkedQueue<>();
		long upstreamBefore = upstreamCalls();
		long pollDeadline = System.nanoTime() + slice.toNanos();
		double pollSeconds = drive((t) -> {
			Routed browser;
			while (System.nanoTime() < pollDeadline && (browser = toPoll.poll()) != null) {
				poll(browser, nodes, errors);
				done.add(browser);
			}
		});
		polled.addAll(done);
		long upstreamPolls = upstreamCalls() - upstreamBefore;
		if (upstreamPolls != polled.size()) {
			throw new IllegalStateException("The first polls of " + polled.size() + " flows made " + upstreamPolls
					+ " calls to Descope: not one each");
		}
		if (polled.size() < THREADS) {
			throw new IllegalStateException("Only " + polled.size() + " flows were started and polled");
		}
		// 3. throttled polls: one flow per thread, polled back to back
		AtomicLong throttled = new AtomicLong();
		long throttledBefore = upstreamCalls();
		long throttledDeadline = System.nanoTime() + slice.toNanos();
		double throttledSeconds = drive((t) -> {
			Routed browser = polled.get(t);
			long count = 0;
			while (System.nanoTime() < throttledDeadline) {
				poll(browser, nodes, errors);
				count++;
			}
			throttled.addAndGet(count);
		});
		long throttledUpstream = upstreamCalls() - throttledBefore;
		return new Phases(
				new double[] { starts / startSeconds, polled.size() / pollSeconds, throttled.get() / throttledSeconds },
				errors.get(), throttled.get(), throttledUpstream);
	}

	private void poll(Routed browser, String[] nodes, AtomicLong errors) {
		try {
			if (browser.browser.poll(this.http, browser.next(nodes)) != 202) {
				errors.incrementAndGet();
			}
		}
		catch (Exception ex) {
			errors.incrementAndGet();
		}
	}

	private long upstreamCalls() {
		return this.emulator.calls().stream().filter((call) -> PENDING_SESSION.equals(call.path())).count();
	}

	/**
	 * Runs the work on {@link #THREADS} threads and waits for all of them.
	 * @param work what each thread does, given its number
	 * @return the seconds from the start until the last thread ended
	 * @throws InterruptedException when interrupted while waiting
	 */
	private static double drive(DriverWork work) throws InterruptedException {
		CountDownLatch finished = new CountDownLatch(THREADS);
		long start = System.nanoTime();
		for (int t = 0; t < THREADS; t++) {
			int id = t;
			Thread thread = new Thread(() -> {
				try {
					work.run(id);
				}
				finally {
					finished.countDown();
				}
			}, "cluster-load-" + id);
			thread.setDaemon(true);
			thread.start();
		}
		finished.await();
		return (System.nanoTime() - start) / 1e9;
	}

	@FunctionalInterface
	private interface DriverWork {

		void run(int thread);

	}

	/** A browser and which node its next request goes to: the other one each time. */
	private static final class Routed {

		private final FlowBrowser browser;

		private int next;

		Routed(FlowBrowser browser, int first) {
			this.browser = browser;
			this.next = first;
		}

		String next(String[] nodes) {
			String node = nodes[this.next];
			this.next = 1 - this.next;
			return node;
		}

	}

	/**
	 * What one round measured on one set-up.
	 *
	 * @param perSecond starts, polls asking Descope and throttled polls per second
	 * @param errors the requests that failed or were answered otherwise than expected
	 * ({@code 200} to a start, {@code 202} to a poll)
	 * @param throttledPolls the polls of the throttled phase
	 * @param throttledUpstream the calls to Descope those polls made (one per flow per
	 * interval)
	 */
	private record Phases(double[] perSecond, long errors, long throttledPolls, long throttledUpstream) {

	}

	/**
	 * What was measured.
	 *
	 * @param memory per round, the one in-memory node's starts, upstream polls and
	 * throttled polls per second
	 * @param redis the same, per round, of the two nodes on Redis
	 * @param errors the requests answered otherwise than expected, over all rounds
	 * @param throttledUpstream per round and set-up, the throttled phase's calls to
	 * Descope out of its polls
	 * @param rounds the measured rounds
	 * @param slice how long each timed phase ran
	 * @param redisVersion what {@code redis-server --version} printed
	 */
	record Result(List<double[]> memory, List<double[]> redis, long errors, List<String> throttledUpstream, int rounds,
			Duration slice, String redisVersion) {

		void addTo(List<BenchmarkRunner.Row> rows, List<String> notes) {
			List<String> spreads = new ArrayList<>();
			for (int phase = 0; phase < PHASES.length; phase++) {
				double[] ratios = new double[this.rounds];
				for (int round = 0; round < this.rounds; round++) {
					ratios[round] = this.redis.get(round)[phase] / this.memory.get(round)[phase];
				}
				double[] sorted = ratios.clone();
				Arrays.sort(sorted);
				double median = median(sorted);
				rows.add(new BenchmarkRunner.Row("5 two nodes on Redis, " + PHASES[phase], perSecond(this.redis, phase),
						"one node, sessions in memory", perSecond(this.memory, phase), median,
						"(info; median of round ratios, range "
								+ String.format(Locale.ROOT, "%.2f-%.2f)", sorted[0], sorted[sorted.length - 1]),
						null));
				spreads.add(PHASES[phase] + " "
						+ Arrays.stream(ratios)
							.mapToObj((ratio) -> String.format(Locale.ROOT, "%.2f", ratio))
							.collect(Collectors.joining(", ")));
			}
			notes.add(String.format(Locale.ROOT,
					"Two nodes: %d driver threads, every request of a browser to the other node; %d rounds after one "
							+ "warm-up round, the set-ups' order alternating, each phase %d s (the upstream-poll "
							+ "phase polls each flow of the start phase once, within that time); %s, Spring Session "
							+ "on Redis with JDK serialization; %d requests answered otherwise than expected.",
					THREADS, this.rounds, this.slice.toSeconds(), this.redisVersion, this.errors));
			notes.add("Two nodes / one node per round: " + String.join("; ", spreads) + ".");
			notes.add("Throttled polls that asked Descope (one per flow per 1 s interval), per round and set-up: "
					+ String.join(", ", this.throttledUpstream) + ".");
		}

		private static String perSecond(List<double[]> rounds, int phase) {
			double[] values = rounds.stream().mapToDouble((round) -> round[phase]).sorted().toArray();
			return String.format(Locale.ROOT, "%,.0f/s (median of %d rounds)", median(values), values.length);
		}

		private static double median(double[] sorted) {
			int n = sorted.length;
			return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		}

	}

}
