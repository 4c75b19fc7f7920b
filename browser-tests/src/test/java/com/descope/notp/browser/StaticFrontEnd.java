package com.descope.notp.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A front end built by Vite to static files ({@code frontends/<name>/dist}), served on
 * its own origin by the JDK's HTTP server, as any static host would: a host name of its
 * own under {@code localhost} ({@code http://react.localhost:<port>}, which Chromium
 * resolves to the loopback address), so its cookies and storage are its own, and the
 * Spring application ({@code http://localhost:<port>}) is another origin, reached through
 * CORS. The app reads the backend's address from {@code backend.json} next to its files
 * at run time; this server answers that file with the test's backend.
 */
final class StaticFrontEnd implements AutoCloseable {

	private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
			"text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json", "svg",
			"image/svg+xml", "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2");

	private final HttpServer server;

	private final Path root;

	private final String name;

	private final Supplier<String> backendUrl;

	private StaticFrontEnd(String name, Path root, Supplier<String> backendUrl) throws IOException {
		this.name = name;
		this.root = root.toAbsolutePath().normalize();
		this.backendUrl = backendUrl;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Serves a built front end.
	 * @param name the front end, {@code react} or {@code vue}: its directory under
	 * {@code frontends/} and its host name under {@code localhost}
	 * @param backendUrl the Spring application's address, read when the app asks
	 * @return the running server
	 */
	static StaticFrontEnd serve(String name, Supplier<String> backendUrl) {
		try {
			return new StaticFrontEnd(name, FrontEnds.dist(name), backendUrl);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The app's origin, for example {@code http://react.localhost:40123}. */
	String origin() {
		return "http://" + this.name + ".localhost:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			if (path.equals("/backend.json")) {
				send(exchange, 200, "json",
						("{\"backendUrl\":\"" + this.backendUrl.get() + "\"}").getBytes(StandardCharsets.UTF_8));
				return;
			}
			Path file = this.root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
			if (!file.startsWith(this.root) || !Files.isRegularFile(file)) {
				send(exchange, 404, "html", "not found".getBytes(StandardCharsets.UTF_8));
				return;
			}
			String fileName = file.getFileName().toString();
			send(exchange, 200, fileName.substring(fileName.lastIndexOf('.') + 1), Files.readAllBytes(file));
		}
	}

	private static void send(HttpExchange exchange, int status, String extension, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
