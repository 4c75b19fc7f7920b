package com.descope.notp.test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request the {@link DescopeEmulator} received on its API ({@code /v1/...},
 * {@code /v2/...} and unknown paths; CORS preflights and the confirmation pages are not
 * recorded).
 *
 * <p>
 * {@link #toString()} redacts the values of {@code authorization}, {@code cookie} and
 * {@code set-cookie} and prints only the length of the body, so no token reaches a log
 * line through it.
 *
 * @param method HTTP method, e.g. {@code "POST"}
 * @param path the encoded path without the query, e.g.
 * {@code "/v1/auth/notp/pending-session"}
 * @param headers request headers, names in lower case; repeated headers joined with
 * {@code ", "}
 * @param body the request body as UTF-8 text ({@code ""} when none)
 */
public record RecordedCall(String method, String path, Map<String, String> headers, String body) {

	private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "set-cookie");

	/**
	 * Copies the headers (names lower-cased) and turns a {@code null} body into
	 * {@code ""}.
	 * @param method HTTP method
	 * @param path the encoded path without the query
	 * @param headers request headers
	 * @param body the request body, or {@code null} for none
	 */
	public RecordedCall {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(path, "path");
		Map<String, String> copy = new LinkedHashMap<>();
		if (headers != null) {
			headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
		}
		headers = Collections.unmodifiableMap(copy);
		body = (body != null) ? body : "";
	}

	/**
	 * A header value by case-insensitive name.
	 * @param name header name
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/** Shows method, path, headers (secrets redacted) and the body length. */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("RecordedCall[").append(this.method)
			.append(' ')
			.append(this.path)
			.append(", headers={");
		boolean first = true;
		for (Map.Entry<String, String> e : this.headers.entrySet()) {
			if (!first) {
				sb.append(", ");
			}
			first = false;
			sb.append(e.getKey()).append('=').append(SECRET_HEADERS.contains(e.getKey()) ? "<redacted>" : e.getValue());
		}
		return sb.append("}, body=").append(this.body.length()).append(" chars]").toString();
	}
}
