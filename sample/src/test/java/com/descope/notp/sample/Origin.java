package com.descope.notp.sample;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a {@link Browser} reaches the application, and where the application really
 * listens.
 *
 * @param name a short name for test reports
 * @param server the server's address, for example {@code http://localhost:8080}
 * @param serverContextPath the application's context path on the server ({@code ""} at
 * the root)
 * @param publicBase the address the browser sees, for example
 * {@code https://app.example.test}
 * @param publicPrefix the path the application has at the public address ({@code ""} at
 * the root)
 * @param proxyHeaders the headers a reverse proxy adds to every request it forwards
 */
record Origin(String name, String server, String serverContextPath, String publicBase, String publicPrefix,
		Map<String, String> proxyHeaders) {

	/** The public host a proxied application is reached at. */
	static final String PROXY_HOST = "app.example.test";

	/**
	 * The application reached directly, over plain HTTP to {@code localhost}.
	 * @param port the server's port
	 * @param contextPath its context path, {@code ""} at the root
	 */
	static Origin direct(int port, String contextPath) {
		String server = "http://localhost:" + port;
		return new Origin(contextPath.isEmpty() ? "root" : "context path " + contextPath, server, contextPath, server,
				contextPath, Map.of());
	}

	/**
	 * The application at the root of its server, behind a TLS-terminating reverse proxy
	 * that publishes it as {@code https://app.example.test/app}: the proxy connects to
	 * {@code 127.0.0.1:port} with that as {@code Host} (nginx's default
	 * {@code proxy_set_header Host $proxy_host}) and says where the request came from in
	 * the {@code X-Forwarded-*} headers
	 * ({@code server.forward-headers-strategy=framework}).
	 * @param port the server's port
	 */
	static Origin behindProxy(int port) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Forwarded-Proto", "https");
		headers.put("X-Forwarded-Host", PROXY_HOST);
		headers.put("X-Forwarded-Port", "443");
		headers.put("X-Forwarded-Prefix", "/app");
		return new Origin("proxy https://" + PROXY_HOST + "/app", "http://127.0.0.1:" + port, "",
				"https://" + PROXY_HOST, "/app", Map.copyOf(headers));
	}

	/**
	 * This origin for a client at another address: the proxy adds {@code X-Forwarded-For}
	 * with it (nginx's {@code proxy_set_header X-Forwarded-For $remote_addr}), which the
	 * application takes as the client's address.
	 * @param clientAddress the client's IP address
	 */
	Origin forwardedFor(String clientAddress) {
		Map<String, String> headers = new LinkedHashMap<>(this.proxyHeaders);
		headers.put("X-Forwarded-For", clientAddress);
		return new Origin(this.name, this.server, this.serverContextPath, this.publicBase, this.publicPrefix,
				Map.copyOf(headers));
	}

	/** The URL the request for an application path goes to. */
	URI serverUri(String path) {
		return URI.create(this.server + this.serverContextPath + path);
	}

	/** The URL the browser believes it asked for. */
	URI publicUri(String path) {
		return URI.create(this.publicBase + this.publicPrefix + path);
	}

	/** An application path as the browser sees it, for example {@code /app/api/me}. */
	String path(String path) {
		return this.publicPrefix + path;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
