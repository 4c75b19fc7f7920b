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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.RedisServer;

/**
 * Pending flows on two nodes: the throughput, and the CPU time per request, of starting
 * and polling nOTP sign-ins on two instances of the starter's app sharing their HTTP
 * sessions through Spring Session on a real Redis ({@link RedisServer}, started on a free
 * port), against one instance keeping them in memory. Each instance is a JVM of its own
 * ({@link PendingFlowsApp}); the load driver and the {@link DescopeEmulator} they call
 * run in this JVM, all on the same cores.
 * <p>
 * In the Redis set-up every request of a browser goes to the other node than its last one
 * (a load balancer without sticky sessions; the browser's cookies go along), so a flow
 * started on one node is polled on the other. A control set-up runs two instances with
 * sessions in memory, each browser staying on one (sticky sessions): what two JVMs
 * instead of one change without Redis. Each round measures the three set-ups, the order
 * rotating, each in three phases of {@link #THREADS} closed-loop driver threads:
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
 * The CPU time per request is that of the set-up's JVMs and, in the Redis set-up, of
 * {@code redis-server}: the driver's and Descope's (the emulator's) are not in it. Each
 * ratio is the median of the rounds' ratios, with their spread.
 */
final class PendingFlowsClusterBenchmark {

	static final int THREADS = 4;

	static final int ROUNDS = 5;

	/**
	 * Rounds run first and dropped: the nodes' JIT compilers, starved on a loaded
	 * machine, need more than one before a throttled poll (a fraction of a millisecond)
	 * costs what it will.
	 */
	static final int WARMUP_ROUNDS = 2;

	static final Duration SLICE = Duration.ofSeconds(3);

	static final String SKIPPED = "SKIPPED: redis-server not installed";

	private static final String PENDING_SESSION = "/v1/auth/notp/pending-session";

	private static final String[] PHASES = { "start", "poll asking Descope", "poll throttled" };

	private static final String MEMORY = "one node in memory";

	private static final String STICKY = "two nodes in memory, sticky";

	private static final String REDIS = "two nodes on Redis";

	private final DescopeEmulator emulator;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private PendingFlowsClusterBenchmark(DescopeEmulator emulator) {
		this.emulator = emulator;
	}

	/**
	 * Runs the benchmark, or answers {@code null} (after saying so loudly on standard
	 * error) when {@code redis-server} is not installed.
	 * @param rounds the measured rounds, after {@link #WARMUP_ROUNDS} warm-up rounds
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
			List<Node> nodes = new ArrayList<>();
			try {
				String[] app = { emulator.projectId(), emulator.baseUrl() };
				String[] onRedis = { emulator.projectId(), emulator.baseUrl(), Integer.toString(redis.port()) };
				Map<String, Setup> setups = new LinkedHashMap<>();
				setups.put(MEMORY, new Setup(List.of(Node.start(nodes, app)), false, null));
				setups.put(STICKY, new Setup(List.of(Node.start(nodes, app), Node.start(nodes, app)), false, null));
				setups.put(REDIS,
						new Setup(List.of(Node.start(nodes, onRedis), Node.start(nodes, onRedis)), true, redis));
				PendingFlowsClusterBenchmark benchmark = new PendingFlowsClusterBenchmark(emulator);
				for (int round = 0; round < WARMUP_ROUNDS; round++) {
					for (Setup setup : setups.values()) {
						benchmark.round(setup, slice);
					}
				}
				Map<String, List<Phases>> measured = new LinkedHashMap<>();
				setups.keySet().forEach((name) -> measured.put(name, new ArrayList<>()));
				List<String> upstream = new ArrayList<>();
				long errors = 0;
				List<String> names = new ArrayList<>(setups.keySet());
				for (int round = 0; round < rounds; round++) {
					// the order rotates, so no set-up always follows the same one
					for (int i = 0; i < names.size(); i++) {
						String name = names.get((round + i) % names.size());
						Phases phases = benchmark.round(setups.get(name), slice);
						measured.get(name).add(phases);
						errors += phases.errors();
						upstream.add(String.format(Locale.ROOT, "%d/%d", phases.throttledUpstream(),
								phases.throttledPolls()));
					}
					int at = round;
					System.out.printf(Locale.ROOT, "  round %d: %s%n", round + 1,
							names.stream()
								.map((name) -> name + ": " + format(measured.get(name).get(at)))
								.collect(Collectors.joining("; ")));
				}
				return new Result(measured.get(MEMORY), measured.get(STICKY), measured.get(REDIS), errors, upstream,
						rounds, slice, RedisServer.version());
			}
			finally {
				nodes.forEach(Node::close);
			}
		}
	}

	private static String format(Phases phases) {
		return String.format(Locale.ROOT,
				"%.0f starts/s, %.0f upstream polls/s, %.0f throttled polls/s (CPU per request %.0f, %.0f, %.0f us)",
				phases.perSecond()[0], phases.perSecond()[1], phases.perSecond()[2], phases.cpuMicros()[0],
				phases.cpuMicros()[1], phases.cpuMicros()[2]);
	}

	/**
	 * One round on one set-up: the three phases.
	 * @param setup the set-up
	 * @param slice how long each timed phase runs
	 * @return what the phases measured
	 * @throws Exception when the driver fails
	 */
	private Phases round(Setup setup, Duration slice) throws Exception {
		String[] nodes = setup.baseUrls();
		Queue<Routed> started = new ConcurrentLinkedQueue<>();
		AtomicLong errors = new AtomicLong();
		// 1. start: each thread's page gives its browsers the CSRF cookie
		List<FlowBrowser> pages = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			FlowBrowser page = new FlowBrowser();
			page.openPage(this.http, nodes[t % 2]);
			pages.add(page);
		}
		long cpu = setup.cpuNanos();
		long commands = setup.redisCommands();
		long deadline = System.nanoTime() + slice.toNanos();
		double startSeconds = drive((t) -> {
			long count = 0;
			while (System.nanoTime() < deadline) {
				Routed browser = new Routed(pages.get(t).withCsrfCookieOnly(), (int) ((t + count++) % 2),
						setup.alternate());
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
		double startCpu = (setup.cpuNanos() - cpu) / 1e3 / starts;
		double startCommands = setup.redisCommandsPerRequest(commands, starts);
		// 2. poll once each flow: its first poll, which asks Descope
		List<Routed> polled = new ArrayList<>();
		Queue<Routed> toPoll = new ConcurrentLinkedQueue<>(started);
		Queue<Routed> done = new ConcurrentLinkedQueue<>();
		long upstreamBefore = upstreamCalls();
		cpu = setup.cpuNanos();
		commands = setup.redisCommands();
		long pollDeadline = System.nanoTime() + slice.toNanos();
		double pollSeconds = drive((t) -> {
			Routed browser;
			while (System.nanoTime() < pollDeadline && (browser = toPoll.poll()) != null) {
				poll(browser, nodes, errors);
				done.add(browser);
			}
		});
		polled.addAll(done);
		double pollCpu = (setup.cpuNanos() - cpu) / 1e3 / polled.size();
		double pollCommands = setup.redisCommandsPerRequest(commands, polled.size());
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
		cpu = setup.cpuNanos();
		commands = setup.redisCommands();
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
		double throttledCpu = (setup.cpuNanos() - cpu) / 1e3 / throttled.get();
		double throttledCommands = setup.redisCommandsPerRequest(commands, throttled.get());
		long throttledUpstream = upstreamCalls() - throttledBefore;
		return new Phases(
				new double[] { starts / startSeconds, polled.size() / pollSeconds, throttled.get() / throttledSeconds },
				new double[] { startCpu, pollCpu, throttledCpu },
				new double[] { startCommands, pollCommands, throttledCommands }, errors.get(), throttled.get(),
				throttledUpstream);
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

	/**
	 * A browser and which node its next request goes to: the other one each time, or
	 * always the same (sticky).
	 */
	private static final class Routed {

		private final FlowBrowser browser;

		private final boolean alternate;

		private int next;

		Routed(FlowBrowser browser, int first, boolean alternate) {
			this.browser = browser;
			this.next = first;
			this.alternate = alternate;
		}

		String next(String[] nodes) {
			String node = nodes[this.next];
			if (this.alternate) {
				this.next = 1 - this.next;
			}
			return node;
		}

	}

	/**
	 * A set-up: its nodes and whether a browser's requests alternate between them.
	 *
	 * @param nodes one node, or two
	 * @param alternate whether each request of a browser goes to the other node (else a
	 * browser stays on the node of its first request)
	 * @param redis the Redis the nodes share, whose CPU time counts, or {@code null}
	 */
	private record Setup(List<Node> nodes, boolean alternate, RedisServer redis) {

		String[] baseUrls() {
			String first = this.nodes.get(0).baseUrl();
			return new String[] { first, this.nodes.get(this.nodes.size() - 1).baseUrl() };
		}

		/**
		 * The commands the Redis has processed so far.
		 * @return the count, or zero without Redis
		 */
		long redisCommands() {
			return (this.redis != null) ? this.redis.commandsProcessed() : 0;
		}

		/**
		 * The commands the Redis has processed since a reading, per request: the
		 * {@code INFO} of that reading is counted now, and taken off.
		 * @param before the reading
		 * @param requests the requests sent since
		 * @return the commands per request, or zero without Redis
		 */
		double redisCommandsPerRequest(long before, long requests) {
			return (this.redis != null) ? (this.redis.commandsProcessed() - before - 1) / (double) requests : 0;
		}

		long cpuNanos() {
			long cpu = (this.redis != null) ? this.redis.cpuTime().toNanos() : 0;
			for (Node node : this.nodes) {
				cpu += node.cpuNanos();
			}
			return cpu;
		}

	}

	/**
	 * One instance of the starter's app in a JVM of its own ({@link PendingFlowsApp}),
	 * whose output is read (and dropped) so that it never blocks.
	 */
	private static final class Node {

		private final Process process;

		private final Writer in;

		private final String baseUrl;

		private Node(Process process, Writer in, String baseUrl) {
			this.process = process;
			this.in = in;
			this.baseUrl = baseUrl;
		}

		/**
		 * Starts a node and adds it to the list of those to close.
		 * @param started the nodes started so far
		 * @param args {@link PendingFlowsApp}'s arguments
		 * @return the node, listening
		 * @throws Exception when it cannot start
		 */
		static Node start(List<Node> started, String... args) throws Exception {
			String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
			List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
					System.getProperty("java.class.path"), PendingFlowsApp.class.getName()));
			command.addAll(Arrays.asList(args));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			Node node = new Node(process, new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
					"http://127.0.0.1:" + PendingFlowsBenchmark.awaitLine(out, "PORT ").trim());
			started.add(node);
			Thread drain = new Thread(() -> {
				try {
					while (out.readLine() != null) {
						// the node logs at WARN; nothing is needed once it listens
					}
				}
				catch (Exception ex) {
					// the node ended
				}
			}, "cluster-node-output");
			drain.setDaemon(true);
			drain.start();
			return node;
		}

		String baseUrl() {
			return this.baseUrl;
		}

		long cpuNanos() {
			return this.process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
		}

		void close() {
			try {
				this.in.write("quit\n");
				this.in.flush();
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (Exception ex) {
				this.process.destroyForcibly();
			}
		}

	}

	/**
	 * What one round measured on one set-up.
	 *
	 * @param perSecond starts, polls asking Descope and throttled polls per second
	 * @param cpuMicros the CPU time per request of each phase, in microseconds: the
	 * set-up's JVMs and Redis server together
	 * @param redisCommands the Redis commands per request of each phase (zero without
	 * Redis)
	 * @param errors the requests that failed or were answered otherwise than expected
	 * ({@code 200} to a start, {@code 202} to a poll)
	 * @param throttledPolls the polls of the throttled phase
	 * @param throttledUpstream the calls to Descope those polls made (one per flow per
	 * interval)
	 */
	record Phases(double[] perSecond, double[] cpuMicros, double[] redisCommands, long errors, long throttledPolls,
			long throttledUpstream) {

	}

	/**
	 * What was measured.
	 *
	 * @param memory per round, what the one node keeping sessions in memory measured
	 * @param sticky per round, what the two nodes in memory with sticky sessions measured
	 * @param redis per round, what the two nodes on Redis measured
	 * @param errors the requests answered otherwise than expected, over all rounds
	 * @param throttledUpstream per round and set-up, the throttled phase's calls to
	 * Descope out of its polls
	 * @param rounds the measured rounds
	 * @param slice how long each timed phase ran
	 * @param redisVersion what {@code redis-server --version} printed
	 */
	record Result(List<Phases> memory, List<Phases> sticky, List<Phases> redis, long errors,
			List<String> throttledUpstream, int rounds, Duration slice, String redisVersion) {

		void addTo(List<BenchmarkRunner.Row> rows, List<String> notes) {
			List<String> spreads = new ArrayList<>();
			for (int phase = 0; phase < PHASES.length; phase++) {
				int at = phase;
				ToDoubleFunction<Phases> throughput = (phases) -> phases.perSecond()[at];
				ToDoubleFunction<Phases> cpu = (phases) -> phases.cpuMicros()[at];
				double[] redisThroughput = ratios(this.redis, this.memory, throughput);
				double[] redisCpu = ratios(this.redis, this.memory, cpu);
				double[] stickyThroughput = ratios(this.sticky, this.memory, throughput);
				double[] stickyCpu = ratios(this.sticky, this.memory, cpu);
				rows.add(new BenchmarkRunner.Row("5 " + PHASES[phase] + ", " + REDIS + " (alternating)",
						median(this.redis, throughput, "%,.0f/s"), MEMORY, median(this.memory, throughput, "%,.0f/s"),
						median(redisThroughput), "(info) median of round ratios, range " + range(redisThroughput),
						null));
				rows.add(new BenchmarkRunner.Row("5 " + PHASES[phase] + ", CPU per request, " + REDIS,
						median(this.redis, cpu, "%,.0f us"), MEMORY, median(this.memory, cpu, "%,.0f us"),
						median(redisCpu), "(info) median of round ratios, range " + range(redisCpu), null));
				rows.add(new BenchmarkRunner.Row("5 " + PHASES[phase] + ", " + STICKY + " (control)",
						median(this.sticky, throughput, "%,.0f/s"), MEMORY, median(this.memory, throughput, "%,.0f/s"),
						median(stickyThroughput), "(info) median of round ratios, range " + range(stickyThroughput),
						null));
				spreads.add(PHASES[phase] + ": throughput " + list(redisThroughput) + ", CPU " + list(redisCpu)
						+ "; control throughput " + list(stickyThroughput) + ", CPU " + list(stickyCpu) + " (median "
						+ String.format(Locale.ROOT, "%.2f", median(stickyCpu)) + ")");
			}
			notes.add(String.format(Locale.ROOT,
					"Two nodes: each node a JVM of its own (-Xmx512m), the driver (%d threads) and the emulator in "
							+ "the runner's; %d rounds after %d warm-up rounds, the set-ups' order rotating, each phase "
							+ "%d s (the upstream-poll phase polls each flow of the start phase once, within that time); "
							+ "%s, Spring Session on Redis with JDK serialization; CPU per request: the set-up's JVMs "
							+ "and redis-server; %d requests answered otherwise than expected.",
					THREADS, this.rounds, WARMUP_ROUNDS, this.slice.toSeconds(), this.redisVersion, this.errors));
			notes.add("Two nodes / one node, per round: " + String.join(" | ", spreads) + ".");
			List<String> redisAlone = new ArrayList<>();
			for (int phase = 0; phase < PHASES.length; phase++) {
				int at = phase;
				redisAlone.add(String.format(Locale.ROOT, "%s: throughput %.2f, CPU per request %.2f", PHASES[phase],
						median(ratios(this.redis, this.sticky, (phases) -> phases.perSecond()[at])),
						median(ratios(this.redis, this.sticky, (phases) -> phases.cpuMicros()[at]))));
			}
			notes.add("What Redis alone changes, two nodes on Redis / two nodes in memory, sticky (medians of round "
					+ "ratios): " + String.join("; ", redisAlone) + ".");
			double[] commands = new double[PHASES.length];
			for (int phase = 0; phase < PHASES.length; phase++) {
				int at = phase;
				commands[phase] = median(
						this.redis.stream().mapToDouble((phases) -> phases.redisCommands()[at]).toArray());
			}
			notes.add(String.format(Locale.ROOT,
					"Redis commands per request (median of rounds): start %.1f, poll asking Descope %.1f, poll throttled %.1f.",
					commands[0], commands[1], commands[2]));
			notes.add("Throttled polls that asked Descope (one per flow per 1 s interval) out of all, per round and "
					+ "set-up: " + String.join(", ", this.throttledUpstream) + ".");
			// the throttled phase polls THREADS flows back to back for the slice: the
			// starter allows each one call to Descope per 1 s interval begun
			long allowed = THREADS * (this.slice.toSeconds() + 1);
			long most = Stream.of(this.memory, this.sticky, this.redis)
				.flatMap(List::stream)
				.mapToLong(Phases::throttledUpstream)
				.max()
				.orElse(0);
			rows.add(new BenchmarkRunner.Row(
					"5 poll throttled: calls to Descope per phase, most of any round and set-up", String.valueOf(most),
					"allowed: " + THREADS + " flows x intervals begun", String.valueOf(allowed),
					most / (double) allowed, "<= allowed, no request answered otherwise than expected",
					most <= allowed && this.errors == 0));
		}

		private double[] ratios(List<Phases> subject, List<Phases> baseline, ToDoubleFunction<Phases> figure) {
			double[] ratios = new double[this.rounds];
			for (int round = 0; round < this.rounds; round++) {
				ratios[round] = figure.applyAsDouble(subject.get(round)) / figure.applyAsDouble(baseline.get(round));
			}
			return ratios;
		}

		private static String median(List<Phases> rounds, ToDoubleFunction<Phases> figure, String format) {
			return String.format(Locale.ROOT, format + " (median of %d rounds)",
					median(rounds.stream().mapToDouble(figure).toArray()), rounds.size());
		}

		private static String range(double[] values) {
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			return String.format(Locale.ROOT, "%.2f-%.2f", sorted[0], sorted[sorted.length - 1]);
		}

		private static String list(double[] values) {
			return Arrays.stream(values)
				.mapToObj((value) -> String.format(Locale.ROOT, "%.2f", value))
				.collect(Collectors.joining(", "));
		}

		private static double median(double[] values) {
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			int n = sorted.length;
			return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		}

	}

}
