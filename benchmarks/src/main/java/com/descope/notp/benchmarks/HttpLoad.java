package com.descope.notp.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load driver on the JDK {@link HttpClient} (HTTP/1.1, loopback only):
 * a fixed number of threads each send {@code GET} requests back to back for a fixed time
 * or until a fixed count, recording every latency. Non-{@code 200} answers count as
 * errors.
 */
final class HttpLoad {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int threads;

	HttpLoad(int threads) {
		this.threads = threads;
	}

	/**
	 * One {@code GET}'s body, to check that two apps answer the same.
	 * @param uri the URL to get
	 * @param bearerToken the session JWT to send as a bearer token, or {@code null} to
	 * send none
	 * @return the body, whatever the status
	 * @throws Exception when the request fails or is interrupted
	 */
	String body(URI uri, String bearerToken) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
		if (bearerToken != null) {
			builder.header("Authorization", "Bearer " + bearerToken);
		}
		return this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	Result run(URI uri, String bearerToken, Duration duration, long maxRequests) throws InterruptedException {
		HttpRequest request = request(uri, bearerToken);
		return run(() -> request, duration, maxRequests);
	}

	/**
	 * A run in which every request carries the next token of a pool, each token sent at
	 * most once by this run and the runs sharing its cursor: the run ends early when the
	 * pool is used up.
	 * @param uri the URL to get
	 * @param tokens the pool of session JWTs
	 * @param cursor the index of the next token to send, shared by the runs against one
	 * app so that no app ever sees a token twice
	 * @param duration how long to run at most
	 * @param maxRequests how many requests to send at most
	 * @return what was measured
	 * @throws InterruptedException when interrupted while waiting
	 */
	Result run(URI uri, List<String> tokens, AtomicInteger cursor, Duration duration, long maxRequests)
			throws InterruptedException {
		return run(() -> {
			int next = cursor.getAndIncrement();
			return (next < tokens.size()) ? request(uri, tokens.get(next)) : null;
		}, duration, maxRequests);
	}

	private static HttpRequest request(URI uri, String bearerToken) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
		if (bearerToken != null) {
			builder.header("Authorization", "Bearer " + bearerToken);
		}
		return builder.build();
	}

	private Result run(Supplier<HttpRequest> requests, Duration duration, long maxRequests)
			throws InterruptedException {
		long perThread = maxRequests / this.threads;
		long[][] latencies = new long[this.threads][];
		int[] counts = new int[this.threads];
		AtomicLong errors = new AtomicLong();
		CountDownLatch done = new CountDownLatch(this.threads);
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		for (int t = 0; t < this.threads; t++) {
			int id = t;
			latencies[id] = new long[(int) Math.min(perThread, 1 << 16)];
			Thread worker = new Thread(() -> {
				try {
					int n = 0;
					while (n < perThread && System.nanoTime() < deadline) {
						HttpRequest request = requests.get();
						if (request == null) {
							break;
						}
						long t0 = System.nanoTime();
						try {
							HttpResponse<byte[]> response = this.client.send(request,
									HttpResponse.BodyHandlers.ofByteArray());
							if (response.statusCode() != 200) {
								errors.incrementAndGet();
							}
						}
						catch (Exception ex) {
							errors.incrementAndGet();
						}
						if (n == latencies[id].length) {
							latencies[id] = Arrays.copyOf(latencies[id], n * 2);
						}
						latencies[id][n++] = System.nanoTime() - t0;
					}
					counts[id] = n;
				}
				finally {
					done.countDown();
				}
			}, "http-load-" + id);
			worker.setDaemon(true);
			worker.start();
		}
		done.await();
		double seconds = (System.nanoTime() - start) / 1e9;
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int t = 0; t < this.threads; t++) {
			System.arraycopy(latencies[t], 0, all, at, counts[t]);
			at += counts[t];
		}
		Arrays.sort(all);
		return new Result(total, errors.get(), seconds, all);
	}

	/**
	 * What one run measured.
	 *
	 * @param requests the requests sent
	 * @param errors the requests that failed or were not answered {@code 200}
	 * @param seconds the run's wall-clock duration
	 * @param latenciesNanos the latency of each request in nanoseconds, sorted ascending
	 */
	record Result(long requests, long errors, double seconds, long[] latenciesNanos) {

		double requestsPerSecond() {
			return this.requests / this.seconds;
		}

		double percentileMillis(double p) {
			if (this.latenciesNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.min(this.latenciesNanos.length - 1, Math.ceil(p * this.latenciesNanos.length) - 1);
			return this.latenciesNanos[Math.max(0, index)] / 1e6;
		}

		static Result merge(Result... results) {
			long requests = 0;
			long errors = 0;
			double seconds = 0;
			int total = 0;
			for (Result r : results) {
				requests += r.requests;
				errors += r.errors;
				seconds += r.seconds;
				total += r.latenciesNanos.length;
			}
			long[] all = new long[total];
			int at = 0;
			for (Result r : results) {
				System.arraycopy(r.latenciesNanos, 0, all, at, r.latenciesNanos.length);
				at += r.latenciesNanos.length;
			}
			Arrays.sort(all);
			return new Result(requests, errors, seconds, all);
		}

	}

}
