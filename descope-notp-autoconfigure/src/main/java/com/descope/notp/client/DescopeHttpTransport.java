package com.descope.notp.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The HTTP side of {@link DescopeClient}: one {@link RestClient} on the JDK's HTTP
 * client, the headers every call carries ({@code docs/descope-protocol.md}, "Calls the
 * client makes"), the reading of answers ({@link DescopeAnswerReader}) and the retries
 * ({@link DescopeRetries}). No method throws for a failure of Descope or of the network:
 * a call that got no answer (connection refused or reset, connect or read timeout)
 * answers {@code ok=false}, status {@code 0} and
 * {@link DescopeErrorCodes#TRANSPORT_FAILURE}.
 *
 * <p>
 * The request factory is Spring Boot's {@link ClientHttpRequestFactoryBuilder#jdk()}
 * built from {@link HttpClientSettings} (connect and read timeouts, SSL bundle, redirects
 * never followed: Descope's API does not redirect, and following one would send the
 * project's bearer elsewhere). It is always the JDK's client, whatever factory the
 * application chose for its own clients, because of the body writers: Spring's JDK
 * request factory writes each request body on a thread of its executor, and with none
 * given it starts a new thread for every request with a body (every nOTP poll).
 * {@link #newBodyWriters()} gives it threads that are reused and end after 30 s idle;
 * HTTP/1.1 because on plain {@code http} (an emulator, a local proxy) the JDK client
 * would otherwise offer an {@code h2c} upgrade on every request.
 *
 * <p>
 * Without an SSL bundle the {@link RestClient} and its JDK client are made at the first
 * call rather than with the transport: making a JDK client loads the JVM's default TLS
 * context and trust store, and a Spring Boot {@link RestClient.Builder} makes one more
 * for its own request factory, together some 200 ms of a small application's start-up
 * (BENCHMARKS.md) that only a login (or a refresh, a logout) needs. With an SSL bundle
 * they are made at once, so that a bundle the JDK cannot use fails the start-up as
 * before.
 *
 * <p>
 * Every exchange (each retry too) tells a {@link DescopeAvailability} whether Descope
 * answered: a call with no answer or a {@code 5xx} counts as unavailable, any other
 * answer (a {@code 4xx}, a {@code 429} included) as available; so an outage is logged
 * once at {@code WARN} and its end once at {@code INFO}, however many requests it failed.
 */
final class DescopeHttpTransport implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DescopeHttpTransport.class);

	private final String projectId;

	private final JsonMapper jsonMapper;

	private final DescopeAnswerReader reader;

	private final DescopeRetries retries;

	private final ExecutorService bodyWriters = newBodyWriters();

	private final String baseUrl;

	private final HttpClientSettings settings;

	private final Supplier<RestClient.Builder> restClientBuilder;

	private volatile @Nullable RestClient restClient;

	private final DescopeAvailability availability;

	/**
	 * A transport to one project's API.
	 * @param projectId the project id, sent in every {@code Authorization} header
	 * @param baseUrl the API base URL, with no trailing slash
	 * @param settings the connect and read timeouts and the SSL bundle; redirects are
	 * never followed, whatever it says
	 * @param restClientBuilder gives the builder to start from, once, when the
	 * {@link RestClient} is made (at the first call without an SSL bundle); the builder
	 * is cloned, and its base URL and request factory replaced
	 * @param jsonMapper writes request bodies and reads answers; must ignore unknown
	 * properties
	 * @param reader reads the answers
	 * @param retries retries what the Descope SDKs retry
	 */
	DescopeHttpTransport(String projectId, String baseUrl, HttpClientSettings settings,
			Supplier<RestClient.Builder> restClientBuilder, JsonMapper jsonMapper, DescopeAnswerReader reader,
			DescopeRetries retries) {
		this.projectId = projectId;
		this.jsonMapper = jsonMapper;
		this.reader = reader;
		this.retries = retries;
		this.availability = new DescopeAvailability("Descope's API at " + baseUrl);
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.restClientBuilder = restClientBuilder;
		if (settings.sslBundle() != null) {
			restClient();
		}
	}

	/**
	 * The settings of every call.
	 * @param connectTimeout the TCP connect timeout
	 * @param readTimeout the time to wait for the answer once the request was sent
	 * @param sslBundle the trust and key material, or {@code null} for the JVM's defaults
	 * @return the settings for Spring Boot's HTTP client, with redirects not followed
	 */
	static HttpClientSettings settings(Duration connectTimeout, Duration readTimeout, @Nullable SslBundle sslBundle) {
		return new HttpClientSettings(HttpRedirects.DONT_FOLLOW, connectTimeout, readTimeout, sslBundle);
	}

	/**
	 * {@code POST}s a JSON body, retried as {@link DescopeRetries} says.
	 * @param <T> the data type
	 * @param path the path under the base URL, such as {@code /v1/auth/refresh}
	 * @param refreshJwt the refresh JWT to send after the project id in the bearer, or
	 * {@code null}
	 * @param body written as JSON
	 * @param type the data type of a 2xx answer
	 * @return the answer, never {@code null}
	 */
	<T> DescopeResponse<T> post(String path, @Nullable String refreshJwt, Object body, Class<T> type) {
		byte[] content = this.jsonMapper.writeValueAsBytes(body);
		return this.retries.call("POST " + path, () -> exchange(HttpMethod.POST, path, refreshJwt, content, type));
	}

	/**
	 * {@code POST}s a JSON body once, with no retry, for a call whose caller polls
	 * anyway.
	 * @param <T> the data type
	 * @param path the path under the base URL
	 * @param body written as JSON
	 * @param type the data type of a 2xx answer
	 * @return the answer, never {@code null}
	 */
	<T> DescopeResponse<T> postOnce(String path, Object body, Class<T> type) {
		return exchange(HttpMethod.POST, path, null, this.jsonMapper.writeValueAsBytes(body), type);
	}

	/**
	 * {@code GET}s a resource with no body, retried as {@link DescopeRetries} says.
	 * @param <T> the data type
	 * @param path the path under the base URL
	 * @param refreshJwt the refresh JWT to send after the project id in the bearer
	 * @param type the data type of a 2xx answer
	 * @return the answer, never {@code null}
	 */
	<T> DescopeResponse<T> get(String path, String refreshJwt, Class<T> type) {
		return this.retries.call("GET " + path, () -> exchange(HttpMethod.GET, path, refreshJwt, null, type));
	}

	/**
	 * Whether Descope answered the last exchange.
	 * @return the availability every exchange reports to
	 */
	DescopeAvailability availability() {
		return this.availability;
	}

	/**
	 * Stops the threads that write request bodies.
	 */
	@Override
	public void close() {
		this.bodyWriters.shutdownNow();
	}

	private <T> DescopeResponse<T> exchange(HttpMethod method, String path, @Nullable String refreshJwt,
			byte @Nullable [] content, Class<T> type) {
		String authorization = "Bearer " + this.projectId + ((refreshJwt != null) ? ":" + refreshJwt : "");
		try {
			RestClient.RequestBodySpec spec = restClient().method(method)
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, authorization)
				.accept(MediaType.APPLICATION_JSON);
			if (content != null) {
				spec.contentType(MediaType.APPLICATION_JSON).body(content);
			}
			DescopeResponse<T> answer = spec.exchange((request, response) -> this.reader.read(response, type));
			if (answer.code() >= 500) {
				this.availability.failed("HTTP " + answer.code());
			}
			else {
				this.availability.answered();
			}
			if (logger.isDebugEnabled()) {
				// the status and Descope's error code only: a description may quote the
				// request
				logger.debug("Descope " + method + " " + path + " answered " + answer.code()
						+ ((answer.error() != null) ? " " + answer.error().errorCode() : ""));
			}
			return answer;
		}
		catch (RestClientException ex) {
			if (logger.isDebugEnabled()) {
				// class names only: an exception's message may quote the request
				logger.debug("Descope " + method + " " + path + " got no answer: " + ex.getClass().getSimpleName()
						+ ((ex.getRootCause() != null) ? " (" + ex.getRootCause().getClass().getSimpleName() + ")"
								: ""));
			}
			// the I/O failure the client wrapped (ConnectException,
			// HttpTimeoutException..)
			this.availability.failed(
					(ex.getCause() != null) ? ex.getCause().getClass().getSimpleName() : ex.getClass().getSimpleName());
			return DescopeResponse.failure(0,
					DescopeError.of(DescopeErrorCodes.TRANSPORT_FAILURE, "Descope could not be reached"));
		}
	}

	/**
	 * The {@link RestClient}, made on the first call.
	 * @return the client
	 */
	private RestClient restClient() {
		RestClient restClient = this.restClient;
		if (restClient == null) {
			synchronized (this) {
				restClient = this.restClient;
				if (restClient == null) {
					restClient = this.restClientBuilder.get()
						.clone()
						.baseUrl(this.baseUrl)
						.requestFactory(requestFactory(this.settings, this.bodyWriters))
						.defaultHeader("x-descope-project-id", this.projectId)
						.defaultHeader("x-descope-sdk-name", "spring-boot-notp")
						.build();
					this.restClient = restClient;
				}
			}
		}
		return restClient;
	}

	private static ClientHttpRequestFactory requestFactory(HttpClientSettings settings, ExecutorService bodyWriters) {
		return ClientHttpRequestFactoryBuilder.jdk()
			.withExecutor(bodyWriters)
			.withHttpClientCustomizer((httpClient) -> httpClient.version(HttpClient.Version.HTTP_1_1))
			.build(settings);
	}

	/**
	 * The executor of the JDK client and of Spring's body writing: threads made on
	 * demand, reused, daemons (they never hold the JVM up), ended after 30 s idle.
	 * @return a new, unbounded executor that the transport shuts down when it is closed
	 */
	private static ExecutorService newBodyWriters() {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "descope-notp-http-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

}
