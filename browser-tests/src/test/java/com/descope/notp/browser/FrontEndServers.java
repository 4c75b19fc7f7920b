package com.descope.notp.browser;

/**
 * The front ends of {@code frontends/}, served once for all the front-end test classes
 * (they share one application context, whose CORS configuration names the single-page
 * apps' origins, so those origins must not change from one class to the next): React's
 * and Vue's static files each on an origin of its own, Next.js by {@code next start}; all
 * stopped when the test JVM ends.
 */
final class FrontEndServers {

	private static StaticFrontEnd react;

	private static StaticFrontEnd vue;

	private static NextServer next;

	/** The sample application's address, which the apps read at start-up. */
	static volatile String backendUrl;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(FrontEndServers::stop, "front-end-servers-stop"));
	}

	private FrontEndServers() {
	}

	/** The React app's files ({@code frontends/react/dist}), served from now on. */
	static synchronized StaticFrontEnd react() {
		if (react == null) {
			react = StaticFrontEnd.serve("react", () -> backendUrl);
		}
		return react;
	}

	/** The Vue app's files ({@code frontends/vue/dist}), served from now on. */
	static synchronized StaticFrontEnd vue() {
		if (vue == null) {
			vue = StaticFrontEnd.serve("vue", () -> backendUrl);
		}
		return vue;
	}

	/**
	 * The Next.js app, started on first use.
	 * @param backend the address its server side calls the sample at
	 * @return the running app
	 */
	static synchronized NextServer next(String backend) {
		if (next == null) {
			next = NextServer.start(backend);
		}
		return next;
	}

	private static synchronized void stop() {
		for (AutoCloseable server : new AutoCloseable[] { react, vue, next }) {
			if (server != null) {
				try {
					server.close();
				}
				catch (Exception ex) {
					// the JVM is ending
				}
			}
		}
	}

}
