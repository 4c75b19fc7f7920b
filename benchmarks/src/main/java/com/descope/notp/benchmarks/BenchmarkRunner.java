package com.descope.notp.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.descope.notp.core.DescopeJwtAuthenticationConverter;
import com.descope.notp.core.DescopePrincipal;
import com.descope.notp.jwt.DescopeJwtDecoderBuilder;
import com.descope.notp.test.DescopeEmulator;
import com.descope.notp.test.EmulatedUser;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Runs every benchmark of the starter in one go and prints one table: each figure, its
 * baseline, the ratio and whether the target of issue 6 is met.
 * <ol>
 * <li>token validation (JMH, {@link TokenValidationBenchmark});</li>
 * <li>HTTP end to end ({@link BenchmarkApps} loaded by {@link HttpLoad}, alternating),
 * and its reactive twin ({@link ReactiveBenchmarkApps}, part {@code reactive});</li>
 * <li>pending flows at scale ({@link PendingFlowsBenchmark}), and polled ten times an
 * interval ({@link FastPollingBenchmark});</li>
 * <li>cold start ({@link ColdStartApp}, fresh JVMs, alternating);</li>
 * <li>pending flows on two nodes sharing Spring Session on Redis against one node in
 * memory ({@link PendingFlowsClusterBenchmark}, interleaved rounds).</li>
 * </ol>
 * Usage:
 * {@code java -jar benchmarks/target/benchmarks.jar [--skip=jmh,http,reactive,pending,fastpoll,coldstart,cluster]
 * [--only=cluster] [--flows=10000] [--cluster-rounds=5] [--cluster-seconds=3] [--http-rounds=5]
 * [--http-seconds=5] [--fresh-per-round=3000] [--driver=own-jvm|same-jvm] [--driver-cpus=1]}.
 */
public final class BenchmarkRunner {

	private static final int HTTP_THREADS = 4;

	private static final int HTTP_WARMUP_ROUNDS = 3;

	private static final int JMH_PAIRS = 4;

	private static final Duration HTTP_SLICE = Duration.ofSeconds(5);

	private static final int HTTP_ROUNDS = 5;

	private static final long HTTP_MAX_REQUESTS_PER_SLICE = 500_000;

	private static final int COLD_STARTS = 7;

	/**
	 * Requests per app and round of the fresh-token case: each round sends this many
	 * tokens of the pool, none twice to one app.
	 */
	private static final int FRESH_PER_ROUND = 3_000;

	private static final int FRESH_WARMUP_ROUNDS = 2;

	/**
	 * The starter's default verified-token cache
	 * ({@code descope.jwt.verified-token-cache-size}).
	 */
	private static final int VERIFIED_TOKEN_CACHE_SIZE = 10_000;

	private static final String[] PARTS = { "jmh", "http", "reactive", "pending", "fastpoll", "coldstart", "cluster" };

	/**
	 * The servlet apps of part 2 and their targets (issues 6 and 17).
	 */
	private static final HttpPart SERVLET = new HttpPart("2", "HTTP", "Spring oauth2ResourceServer(jwt)",
			BenchmarkApps::starter, BenchmarkApps::resourceServer, BenchmarkApps::unsecured, 1.00, 1.00, 0.85);

	/**
	 * The reactive apps of part 2r and their targets (issue 16); against the unsecured
	 * endpoint the figure is for information.
	 */
	private static final HttpPart REACTIVE = new HttpPart("2r reactive", "Reactive HTTP",
			"Spring reactive oauth2ResourceServer(jwt)", ReactiveBenchmarkApps::starter,
			ReactiveBenchmarkApps::resourceServer, ReactiveBenchmarkApps::unsecured, 1.30, 1.00, Double.NaN);

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private int httpRounds = HTTP_ROUNDS;

	private Duration httpSlice = HTTP_SLICE;

	private int freshPerRound = FRESH_PER_ROUND;

	private boolean driverInThisJvm;

	private String driverCpus;

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		String skip = option(args, "--skip=", "");
		String only = option(args, "--only=", null);
		if (only != null) {
			skip = Arrays.stream(PARTS).filter((part) -> !only.contains(part)).collect(Collectors.joining(","));
		}
		long start = System.nanoTime();
		BenchmarkRunner runner = new BenchmarkRunner();
		runner.httpRounds = Integer.parseInt(option(args, "--http-rounds=", "" + HTTP_ROUNDS));
		runner.httpSlice = Duration
			.ofSeconds(Long.parseLong(option(args, "--http-seconds=", "" + HTTP_SLICE.toSeconds())));
		runner.freshPerRound = Integer.parseInt(option(args, "--fresh-per-round=", "" + FRESH_PER_ROUND));
		runner.driverInThisJvm = "same-jvm".equals(option(args, "--driver=", "own-jvm"));
		runner.driverCpus = option(args, "--driver-cpus=", null);
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		if (!skip.contains("jmh")) {
			runner.tokenValidation();
		}
		if (!skip.contains("http")) {
			section("2. HTTP end to end");
			runner.httpEndToEnd(SERVLET);
		}
		if (!skip.contains("reactive")) {
			section("2r. HTTP end to end, reactive (WebFlux on Netty)");
			runner.httpEndToEnd(REACTIVE);
		}
		if (!skip.contains("pending")) {
			runner.pendingFlows(Arrays.stream(args)
				.filter((arg) -> arg.startsWith("--flows="))
				.map((arg) -> Integer.parseInt(arg.substring("--flows=".length())))
				.findFirst()
				.orElse(PendingFlowsBenchmark.FLOWS));
		}
		if (!skip.contains("fastpoll")) {
			runner.fastPolling();
		}
		if (!skip.contains("coldstart")) {
			runner.coldStart();
		}
		if (!skip.contains("cluster")) {
			runner.cluster(
					Integer.parseInt(option(args, "--cluster-rounds=", "" + PendingFlowsClusterBenchmark.ROUNDS)),
					Duration.ofSeconds(Long.parseLong(
							option(args, "--cluster-seconds=", "" + PendingFlowsClusterBenchmark.SLICE.toSeconds()))));
		}
		runner.print(Duration.ofNanos(System.nanoTime() - start), loadBefore);
		System.exit(0);
	}

	private static String option(String[] args, String prefix, String otherwise) {
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith(prefix))
			.map((arg) -> arg.substring(prefix.length()))
			.findFirst()
			.orElse(otherwise);
	}

	// 1. token validation

	private void tokenValidation() throws Exception {
		section("1. Token validation (JMH)");
		Map<String, double[]> scores = jmh("[ac]", 2);
		double a = scores.get("a")[0];
		double c = scores.get("c")[0];
		// 1b against 1d is the tight target: measured in pairs of one fork each, back to
		// back, the order
		// alternating, so that a change in the machine's load falls on both sides of a
		// pair
		double[] ratios = new double[JMH_PAIRS];
		double[] bScores = new double[JMH_PAIRS];
		double[] dScores = new double[JMH_PAIRS];
		for (int pair = 0; pair < JMH_PAIRS; pair++) {
			boolean bFirst = pair % 2 == 0;
			double first = jmh(bFirst ? "b" : "d", 1).values().iterator().next()[0];
			double second = jmh(bFirst ? "d" : "b", 1).values().iterator().next()[0];
			bScores[pair] = bFirst ? first : second;
			dScores[pair] = bFirst ? second : first;
			ratios[pair] = bScores[pair] / dScores[pair];
		}
		double b = Arrays.stream(bScores).average().orElseThrow();
		double d = Arrays.stream(dScores).average().orElseThrow();
		double[] sorted = ratios.clone();
		Arrays.sort(sorted);
		double bOverD = (sorted[JMH_PAIRS / 2 - 1] + sorted[JMH_PAIRS / 2]) / 2;
		// 1a against 1c is a cache hit against no cache at all: it says what the cache is
		// worth to a returning client, not how fast either side verifies (1b/1c and
		// 1b/1d)
		this.rows.add(new Row("1a starter, token seen before (cache hit; the baseline has no cache)",
				ops(scores.get("a")), "1c Spring withJwkSetUri", ops(scores.get("c")), a / c, ">= 50", a / c >= 50));
		this.rows.add(new Row("1b starter, unseen token", ops(b), "1c Spring withJwkSetUri", ops(scores.get("c")),
				b / c, "(info)", null));
		this.rows.add(new Row("1b starter, unseen token", ops(b), "1d bare Nimbus, key in memory", ops(d), bOverD,
				spread(ratios), ">= 0.90 (median of pair ratios)", bOverD >= 0.90));
		this.notes.add("JMH 1a is a cache hit against no cache (read it with the like-for-like 1b/1c and 1b/1d "
				+ "below it); the verified-token cache answers only tokens it verified, keyed by the whole token, "
				+ "never past exp nor the JWKS cache time-to-live after the verification, at most "
				+ String.format(Locale.ROOT, "%,d", VERIFIED_TOKEN_CACHE_SIZE)
				+ " tokens, each inserted at its second verification (the set-up decodes every 1a token twice).");
		this.notes.add("JMH 1b/1d pairs (one fork each, order alternating): " + Arrays.stream(ratios)
			.mapToObj((ratio) -> String.format(Locale.ROOT, "%.2f", ratio))
			.collect(java.util.stream.Collectors.joining(", ")) + ".");
	}

	/**
	 * Runs the benchmarks whose letter matches, each for the given forks; their scores by
	 * letter.
	 * @param letters a regular expression character class over the benchmark letters, for
	 * example {@code [ac]}
	 * @param forks the JMH forks of each benchmark
	 * @return by benchmark letter, the score (operations per second) and its error margin
	 * @throws Exception when JMH fails
	 */
	private static Map<String, double[]> jmh(String letters, int forks) throws Exception {
		Options options = new OptionsBuilder().include(TokenValidationBenchmark.class.getName() + "\\." + letters + "_")
			.forks(forks)
			.threads(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(2))
			.jvmArgsAppend("-Xms512m", "-Xmx512m")
			.shouldFailOnError(true)
			.build();
		Map<String, double[]> scores = new HashMap<>();
		for (RunResult result : new Runner(options).run()) {
			String name = result.getParams().getBenchmark();
			name = name.substring(name.lastIndexOf('.') + 1);
			scores.put(name.substring(0, 1),
					new double[] { result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError() });
		}
		return scores;
	}

	private static String ops(double score) {
		return String.format(Locale.ROOT, "%,.0f ops/s", score);
	}

	private static String ops(double[] score) {
		return String.format(Locale.ROOT, "%,.0f ops/s (±%,.0f)", score[0], score[1]);
	}

	// 2. HTTP end to end

	/**
	 * One stack's HTTP part: its three apps, started on the emulator, checked (same body,
	 * {@code 200} with the token, not without), then loaded as a returning client and
	 * with a fresh token on every request.
	 * @param part the stack's apps, labels and targets
	 * @throws Exception when an app or the driver fails
	 */
	private void httpEndToEnd(HttpPart part) throws Exception {
		try (DescopeEmulator emulator = DescopeEmulator.start()) {
			EmulatedUser admin = emulator.findUserByLoginId("+15555550100").orElseThrow();
			Date exp = Date.from(Instant.now().plusSeconds(3600));
			String token = emulator.issueSessionJwt(admin, (claims) -> claims.expirationTime(exp));
			String jwksUri = emulator.baseUrl() + "/v2/keys/" + emulator.projectId();
			Map<String, ConfigurableApplicationContext> apps = new LinkedHashMap<>();
			try {
				apps.put("starter", part.starter().start(emulator.projectId(), emulator.baseUrl()));
				apps.put("spring", part.resourceServer().apply(jwksUri));
				// the unsecured app answers what the starter's app answers for this token
				Jwt jwt = DescopeJwtDecoderBuilder.withJwkSetUri(jwksUri, emulator.projectId()).build().decode(token);
				apps.put("unsecured",
						part.unsecured().apply(new DescopeJwtAuthenticationConverter().convert(jwt).getPrincipal()));
				HttpLoad load = new HttpLoad(HTTP_THREADS);
				Map<String, URI> uris = new LinkedHashMap<>();
				apps.forEach((name, context) -> uris.put(name,
						URI.create("http://127.0.0.1:" + BenchmarkApps.port(context) + "/api/me")));
				String starterBody = load.body(uris.get("starter"), token);
				String unsecuredBody = load.body(uris.get("unsecured"), null);
				if (!starterBody.equals(unsecuredBody)) {
					throw new IllegalStateException("The unsecured app does not answer what the starter's answers");
				}
				for (Map.Entry<String, URI> app : uris.entrySet()) {
					HttpLoad.Result check = load.run(app.getValue(), token, Duration.ofSeconds(5), HTTP_THREADS);
					if (check.errors() > 0) {
						throw new IllegalStateException(app.getKey() + " did not answer 200 to GET /api/me");
					}
					HttpLoad.Result unauthenticated = load.run(app.getValue(), null, Duration.ofSeconds(5),
							HTTP_THREADS);
					if (!"unsecured".equals(app.getKey()) && unauthenticated.errors() != HTTP_THREADS) {
						throw new IllegalStateException(app.getKey() + " answered 200 without a token");
					}
				}
				try (HttpLoadDriver driver = this.driverInThisJvm ? HttpLoadDriver.inThisJvm(HTTP_THREADS)
						: HttpLoadDriver.start(HTTP_THREADS, this.driverCpus)) {
					returningClient(part, driver, uris, token);
					freshTokens(part, driver, uris, emulator, admin, exp);
				}
			}
			finally {
				apps.values().forEach(ConfigurableApplicationContext::close);
			}
		}
	}

	/**
	 * The returning client: one token, sent again and again. The starter answers it from
	 * its verified-token cache from the third request on (it admits a token at its second
	 * verification); Spring's resource server verifies RS256 every time, so the ratio
	 * against Spring is the cache's win plus the filter chain's.
	 * @param part the stack's labels and targets
	 * @param load the driver
	 * @param uris each app's endpoint
	 * @param token the one session JWT
	 * @throws Exception when the driver fails or is interrupted
	 */
	private void returningClient(HttpPart part, HttpLoadDriver load, Map<String, URI> uris, String token)
			throws Exception {
		System.out.println("  returning client: one token on every request");
		// warm-up alternates too, so no app's code is compiled while another is measured
		for (int round = 0; round < HTTP_WARMUP_ROUNDS; round++) {
			for (URI uri : uris.values()) {
				load.run(uri, token, this.httpSlice, Long.MAX_VALUE);
			}
		}
		Map<String, List<HttpLoad.Result>> slices = rounds(uris,
				(name, uri) -> load.run(uri, token, this.httpSlice, HTTP_MAX_REQUESTS_PER_SLICE));
		addHttpRows(part, part.number() + " returning client (one token: starter's cache hit from its second sighting)",
				part.returningVersusSpring(), slices);
		this.notes.add(String.format(Locale.ROOT,
				"%s returning client: %d driver threads (JDK HttpClient, HTTP/1.1, keep-alive) %s; %d rounds x %d s per app, alternating, after %d alternating warm-up rounds; "
						+ "every app, the unsecured one too, is sent the same Authorization header.",
				part.notePrefix(), HTTP_THREADS, load.where(), this.httpRounds, this.httpSlice.toSeconds(),
				HTTP_WARMUP_ROUNDS));
	}

	/**
	 * The like-for-like case: a fresh token on every request, from a pool issued before,
	 * each token sent to each app at most once, so the starter's verified-token cache
	 * never answers (every request verifies RS256, as Spring's resource server does) and,
	 * since it admits a token only at its second verification, never inserts either. The
	 * unsecured endpoint is sent the same tokens, so every app receives the same bytes.
	 * @param part the stack's labels and targets
	 * @param load the driver
	 * @param uris each app's endpoint
	 * @param emulator the emulator that signs the tokens
	 * @param admin the tokens' subject
	 * @param exp the tokens' expiry
	 * @throws Exception when the driver fails or is interrupted
	 */
	private void freshTokens(HttpPart part, HttpLoadDriver load, Map<String, URI> uris, DescopeEmulator emulator,
			EmulatedUser admin, Date exp) throws Exception {
		int warmupRounds = Math.max(FRESH_WARMUP_ROUNDS, (VERIFIED_TOKEN_CACHE_SIZE / this.freshPerRound) + 1);
		int poolSize = (warmupRounds + this.httpRounds) * this.freshPerRound;
		System.out.printf(Locale.ROOT, "  fresh token on every request: issuing %,d tokens%n", poolSize);
		long issuing = System.nanoTime();
		List<String> pool = IntStream.range(0, poolSize)
			.parallel()
			.mapToObj((n) -> emulator.issueSessionJwt(admin, (claims) -> claims.expirationTime(exp).claim("n", n)))
			.toList();
		double issueSeconds = (System.nanoTime() - issuing) / 1e9;
		load.pool(pool);
		// the warm-up sends more tokens than the starter's cache holds (by count, not
		// time, so that a loaded machine sends as many): the measured rounds see the
		// steady state of a stream of one-off tokens, none admitted, every earlier
		// sighting's record already overwritten
		long warmupSent = 0;
		for (int round = 0; round < warmupRounds; round++) {
			for (Map.Entry<String, URI> app : uris.entrySet()) {
				HttpLoad.Result warm = load.fresh(app.getValue(), app.getKey(), Duration.ofMinutes(2),
						this.freshPerRound);
				warmupSent += "starter".equals(app.getKey()) ? warm.requests() : 0;
			}
		}
		Map<String, List<HttpLoad.Result>> slices = rounds(uris,
				(name, uri) -> load.fresh(uri, name, this.httpSlice, this.freshPerRound));
		addHttpRows(part, part.number() + " fresh token on every request (no cache hit)", part.freshVersusSpring(),
				slices);
		this.notes.add(String.format(Locale.ROOT,
				"%s fresh token: a pool of %,d distinct tokens issued in %.1f s; each app is sent each token at most "
						+ "once (%d warm-up rounds, then %d rounds of at most %,d requests or %d s per app, "
						+ "alternating); each token is seen once, so the starter's verified-token cache (%,d entries, "
						+ "a token admitted at its second verification) neither answers nor admits any: %smore tokens "
						+ "than it holds were sent before the measured rounds (%,d); the unsecured endpoint is sent the "
						+ "same tokens.",
				part.notePrefix(), poolSize, issueSeconds, warmupRounds, this.httpRounds, this.freshPerRound,
				this.httpSlice.toSeconds(), VERIFIED_TOKEN_CACHE_SIZE,
				(warmupSent >= VERIFIED_TOKEN_CACHE_SIZE) ? "" : "NOT ", warmupSent));
	}

	/**
	 * Rounds of one slice per app, the order rotating each round, so that a load spike
	 * hits a round rather than one app.
	 * @param uris each app's endpoint
	 * @param slice runs one slice against an endpoint
	 * @return each app's slices, round by round
	 * @throws Exception when the driver fails or is interrupted
	 */
	private Map<String, List<HttpLoad.Result>> rounds(Map<String, URI> uris, Slice slice) throws Exception {
		Map<String, List<HttpLoad.Result>> slices = new LinkedHashMap<>();
		uris.keySet().forEach((name) -> slices.put(name, new ArrayList<>()));
		for (int round = 0; round < this.httpRounds; round++) {
			List<String> order = new ArrayList<>(uris.keySet());
			// alternate the order so no app always runs right after the same one
			java.util.Collections.rotate(order, round);
			for (String name : order) {
				HttpLoad.Result result = slice.run(name, uris.get(name));
				System.out.printf(Locale.ROOT,
						"  round %d %-9s %,10.0f req/s  p50 %.3f ms  p99 %.3f ms  requests %d  errors %d%n", round + 1,
						name, result.requestsPerSecond(), result.percentileMillis(0.50), result.percentileMillis(0.99),
						result.requests(), result.errors());
				slices.get(name).add(result);
			}
		}
		return slices;
	}

	/**
	 * The rows of one HTTP case. A request not answered {@code 200} fails its row's
	 * target: an app answering {@code 401} fast must not pass for a fast app.
	 * @param part the stack's labels and its target against the unsecured endpoint
	 * @param figure the case's label
	 * @param versusSpringTarget the lowest median ratio against Spring's resource server
	 * that meets the target
	 * @param slices each app's slices, round by round
	 */
	private void addHttpRows(HttpPart part, String figure, double versusSpringTarget,
			Map<String, List<HttpLoad.Result>> slices) {
		HttpLoad.Result starter = HttpLoad.Result.merge(slices.get("starter").toArray(HttpLoad.Result[]::new));
		HttpLoad.Result spring = HttpLoad.Result.merge(slices.get("spring").toArray(HttpLoad.Result[]::new));
		HttpLoad.Result unsecured = HttpLoad.Result.merge(slices.get("unsecured").toArray(HttpLoad.Result[]::new));
		boolean clean = starter.errors() + spring.errors() + unsecured.errors() == 0;
		if (!clean) {
			this.notes.add(figure + ": requests not answered 200: starter " + starter.errors() + ", spring "
					+ spring.errors() + ", unsecured " + unsecured.errors() + " (the rows' targets fail)");
		}
		double[] versusSpring = roundRatios(slices.get("starter"), slices.get("spring"));
		double[] versusUnsecured = roundRatios(slices.get("starter"), slices.get("unsecured"));
		double[] springVersusUnsecured = roundRatios(slices.get("spring"), slices.get("unsecured"));
		this.rows.add(new Row(figure + ", GET /api/me (bearer)", http(starter), part.springLabel(), http(spring),
				median(versusSpring), spread(versusSpring), atLeast(versusSpringTarget),
				clean && median(versusSpring) >= versusSpringTarget));
		boolean unsecuredInfo = Double.isNaN(part.versusUnsecured());
		this.rows.add(new Row(figure + ", GET /api/me (bearer)", http(starter), "unsecured endpoint", http(unsecured),
				median(versusUnsecured), spread(versusUnsecured),
				unsecuredInfo ? "(info)" : atLeast(part.versusUnsecured()),
				unsecuredInfo ? null : clean && median(versusUnsecured) >= part.versusUnsecured()));
		this.rows.add(new Row(figure + ", " + part.springLabel(), http(spring), "unsecured endpoint", http(unsecured),
				median(springVersusUnsecured), spread(springVersusUnsecured), "(info)", null));
		this.rows.add(new Row(figure + ", starter p99 latency", ms(starter.percentileMillis(0.99)),
				"Spring p99 latency", ms(spring.percentileMillis(0.99)),
				starter.percentileMillis(0.99) / spring.percentileMillis(0.99), "(info)", null));
		this.notes.add(figure + ", round ratios, starter / unsecured: " + list(versusUnsecured) + "; starter / Spring: "
				+ list(versusSpring) + ".");
	}

	private static String atLeast(double target) {
		return String.format(Locale.ROOT, ">= %.2f (median of round ratios)", target);
	}

	private static double[] roundRatios(List<HttpLoad.Result> subject, List<HttpLoad.Result> baseline) {
		double[] ratios = new double[subject.size()];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = subject.get(i).requestsPerSecond() / baseline.get(i).requestsPerSecond();
		}
		return ratios;
	}

	private static double median(double[] values) {
		return median(Arrays.stream(values).boxed().toList());
	}

	/**
	 * The spread of a ratio's measurements.
	 * @param values the ratio of each round or pair
	 * @return {@code min-max of n}
	 */
	static String spread(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "%.2f-%.2f of %d", sorted[0], sorted[sorted.length - 1], sorted.length);
	}

	private static String list(double[] values) {
		return Arrays.stream(values)
			.mapToObj((value) -> String.format(Locale.ROOT, "%.2f", value))
			.collect(Collectors.joining(", "));
	}

	private static String http(HttpLoad.Result result) {
		return String.format(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms", result.requestsPerSecond(),
				result.percentileMillis(0.50), result.percentileMillis(0.99));
	}

	private static String ms(double millis) {
		return String.format(Locale.ROOT, "%.2f ms", millis);
	}

	// 3. pending flows

	private void pendingFlows(int flows) throws Exception {
		section("3. Pending flows at scale");
		PendingFlowsBenchmark.Result result = PendingFlowsBenchmark.run(flows);
		if (result == null) {
			this.notes.add("3. Pending flows: not measured in this run.");
			return;
		}
		result.addTo(this.rows, this.notes);
	}

	// 3b. fast polling

	private void fastPolling() throws Exception {
		section("3b. Pending flows polled ten times an interval");
		FastPollingBenchmark.run().addTo(this.rows, this.notes);
	}

	// 4. cold start

	private void coldStart() throws Exception {
		section("4. Cold start");
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		String classpath = System.getProperty("java.class.path");
		String[] modes = { ColdStartApp.WITH, ColdStartApp.WITHOUT, ColdStartApp.RESOURCE_SERVER,
				ColdStartApp.WITH_METHOD_SECURITY_OFF };
		for (String mode : modes) {
			coldStartOnce(java, classpath, mode);
		}
		Map<String, List<double[]>> starts = new HashMap<>();
		for (int i = 0; i < COLD_STARTS; i++) {
			// the order rotates each round, so no mode always follows the same one
			for (int j = 0; j < modes.length; j++) {
				String mode = modes[(i + j) % modes.length];
				starts.computeIfAbsent(mode, (key) -> new ArrayList<>()).add(coldStartOnce(java, classpath, mode));
			}
			int round = i;
			System.out.println("  round " + (i + 1) + ": "
					+ Arrays.stream(modes)
						.map((mode) -> String.format(Locale.ROOT, "%s %.0f ms (CPU %.0f)", mode,
								starts.get(mode).get(round)[0], starts.get(mode).get(round)[1]))
						.collect(Collectors.joining(", ")));
		}
		List<double[]> with = starts.get(ColdStartApp.WITH);
		List<double[]> without = starts.get(ColdStartApp.WITHOUT);
		List<double[]> resourceServer = starts.get(ColdStartApp.RESOURCE_SERVER);
		List<double[]> methodSecurityOff = starts.get(ColdStartApp.WITH_METHOD_SECURITY_OFF);
		// each round starts the modes back to back, so a load spike on a shared machine
		// hits all of a round: the verdict is the median of the rounds' ratios
		double ratio = median(ratios(with, without, 0));
		this.rows.add(new Row("4 context start, with starter", startTimes(with, 0), "same app, starter excluded",
				startTimes(without, 0), ratio,
				spread(ratios(with, without, 0).stream().mapToDouble(Double::doubleValue).toArray()),
				"< 1.15 (median of paired ratios)", ratio < 1.15));
		this.rows.add(new Row("4 main thread CPU during the start, with starter", startTimes(with, 1),
				"same app, starter excluded", startTimes(without, 1), median(ratios(with, without, 1)), "(info)",
				null));
		this.rows.add(new Row("4 context start, with starter", startTimes(with, 0),
				"Spring oauth2ResourceServer(jwt), starter excluded", startTimes(resourceServer, 0),
				median(ratios(with, resourceServer, 0)), "(info)", null));
		this.rows.add(new Row("4 context start, with starter, descope.method-security.enabled=false",
				startTimes(methodSecurityOff, 0), "same app, starter excluded", startTimes(without, 0),
				median(ratios(methodSecurityOff, without, 0)), "(info)", null));
		this.notes.add(String.format(Locale.ROOT,
				"Cold start: %d rounds of one start per mode in fresh JVMs, the order rotating, after one discarded start of each; paired ratios with/without %s.",
				COLD_STARTS,
				ratios(with, without, 0).stream().map((value) -> String.format(Locale.ROOT, "%.2f", value)).toList()));
	}

	private static List<Double> ratios(List<double[]> values, List<double[]> baselines, int index) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			ratios.add(values.get(i)[index] / baselines.get(i)[index]);
		}
		return ratios;
	}

	private static String startTimes(List<double[]> starts, int index) {
		List<Double> values = starts.stream().map((start) -> start[index]).toList();
		return ms(median(values)) + " (median of " + values.size() + "; best " + ms(min(values)) + ")";
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	/**
	 * One start in a fresh JVM.
	 * @param java the {@code java} command
	 * @param classpath the benchmarks' class path
	 * @param mode the {@link ColdStartApp} mode
	 * @return the elapsed time and the main thread's CPU time, in milliseconds
	 * @throws Exception when the JVM cannot be started or printed no time
	 */
	private static double[] coldStartOnce(String java, String classpath, String mode) throws Exception {
		Process process = new ProcessBuilder(java, "-cp", classpath, ColdStartApp.class.getName(), mode)
			.redirectErrorStream(true)
			.start();
		double[] elapsed = null;
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.append(line).append('\n');
				if (line.startsWith("COLDSTART ")) {
					String[] parts = line.split(" ");
					elapsed = new double[] { Double.parseDouble(parts[1]), Double.parseDouble(parts[3]) };
				}
			}
		}
		process.waitFor();
		if (elapsed == null) {
			throw new IllegalStateException("Cold start (" + mode + ") failed:\n" + output);
		}
		return elapsed;
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	// 5. pending flows on two nodes

	private void cluster(int rounds, Duration slice) throws Exception {
		section("5. Pending flows on two nodes (Spring Session on Redis) against one node in memory");
		PendingFlowsClusterBenchmark.Result result = PendingFlowsClusterBenchmark.run(rounds, slice);
		if (result == null) {
			this.rows.add(new Row("5 two nodes on Redis: start and poll throughput",
					"**" + PendingFlowsClusterBenchmark.SKIPPED + "**", "one node, sessions in memory", "-", Double.NaN,
					"(info)", null));
			return;
		}
		result.addTo(this.rows, this.notes);
	}

	// the table

	private static void section(String title) {
		System.out.println();
		System.out.println("=== " + title + " ===");
	}

	private void print(Duration elapsed, double loadBefore) {
		System.out.println();
		System.out
			.println("| figure | value | baseline | baseline value | ratio | spread (min-max of n) | target | met |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		for (Row row : this.rows) {
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", row.figure, row.value,
					row.baseline, row.baselineValue,
					Double.isNaN(row.ratio) ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio),
					(row.spread == null) ? "-" : row.spread, row.target,
					(row.met == null) ? "-" : (row.met ? "yes" : "NO"));
		}
		System.out.println();
		this.notes.forEach((note) -> System.out.println("* " + note));
		System.out.printf(Locale.ROOT,
				"* Total run time: %d min %02d s; %d cores (availableProcessors), max heap %d MB.%n",
				elapsed.toMinutes(), elapsed.toSecondsPart(), Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() / (1024 * 1024));
		System.out.printf(Locale.ROOT,
				"* Machine: %s %s, %d cores; JDK: %s %s (%s); load average %.1f at the start, %.1f at the end.%n",
				System.getProperty("os.name"), System.getProperty("os.arch"),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), loadBefore,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * One line of the table; {@code met} is {@code null} for an informational figure.
	 *
	 * @param figure what is measured
	 * @param value the measured value, formatted with its unit
	 * @param baseline what it is compared with
	 * @param baselineValue the baseline's value, formatted with its unit
	 * @param ratio the value divided by the baseline's
	 * @param spread the lowest and highest of the rounds' or pairs' ratios the ratio is
	 * the median of, or {@code null} for a single measurement
	 * @param target the target the ratio must meet, or {@code (info)}
	 * @param met whether the target is met, or {@code null} for an informational figure
	 */
	record Row(String figure, String value, String baseline, String baselineValue, double ratio, String spread,
			String target, Boolean met) {

		Row(String figure, String value, String baseline, String baselineValue, double ratio, String target,
				Boolean met) {
			this(figure, value, baseline, baselineValue, ratio, null, target, met);
		}

	}

	/**
	 * One stack's HTTP part: how to start its three apps, its labels and its targets.
	 *
	 * @param number the figures' prefix, for example {@code 2r reactive}
	 * @param notePrefix the notes' prefix
	 * @param springLabel Spring's resource server, as the table names it
	 * @param starter starts the starter's app on the emulator
	 * @param resourceServer starts Spring's resource server on the emulator's JWKS URL
	 * @param unsecured starts the unsecured app answering the given principal
	 * @param returningVersusSpring the returning client's target against Spring
	 * @param freshVersusSpring the fresh token's target against Spring
	 * @param versusUnsecured the target against the unsecured endpoint, or
	 * {@link Double#NaN} for information only
	 */
	private record HttpPart(String number, String notePrefix, String springLabel, StarterApp starter,
			Function<String, ConfigurableApplicationContext> resourceServer,
			Function<DescopePrincipal, ConfigurableApplicationContext> unsecured, double returningVersusSpring,
			double freshVersusSpring, double versusUnsecured) {

	}

	@FunctionalInterface
	private interface StarterApp {

		ConfigurableApplicationContext start(String projectId, String baseUrl);

	}

	@FunctionalInterface
	private interface Slice {

		HttpLoad.Result run(String app, URI uri) throws Exception;

	}

}
