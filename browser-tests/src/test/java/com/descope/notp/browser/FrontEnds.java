package com.descope.notp.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where the sample front ends of {@code frontends/} are, built or not. The browser tests
 * use what {@code .ci/run} built ({@code npm ci} and {@code npm run build} in each); a
 * front end that is not built makes its tests skip, loudly, or fail under
 * {@code -Dbrowser-tests.required=true}.
 */
final class FrontEnds {

	/** The front ends' directory, from the browser tests' module. */
	static final Path ROOT = Path.of(System.getProperty("browser-tests.frontends", "../frontends"));

	private FrontEnds() {
	}

	/** The Vite build output of a static front end. */
	static Path dist(String name) {
		return ROOT.resolve(name).resolve("dist");
	}

	/**
	 * Why a front end's tests cannot run here, or {@code null}.
	 * @param name the front end's directory under {@code frontends/}
	 * @param built a file its build writes
	 * @return the reason, or {@code null}
	 */
	static @Nullable String whyNotBuilt(String name, Path built) {
		if (Files.isRegularFile(built)) {
			return null;
		}
		return built + " is missing: build the front end (cd frontends/" + name
				+ " && npm ci && npm run build; .ci/run does it)";
	}

	/** Why the Next.js front end cannot run here (not built, or no Node.js), or null. */
	static @Nullable String whyNextjsNotRunnable() {
		String notBuilt = whyNotBuilt("nextjs", ROOT.resolve("nextjs/.next/BUILD_ID"));
		if (notBuilt != null) {
			return notBuilt;
		}
		return (node() != null) ? null : "node is not on the PATH (Debian's nodejs runs `next start`)";
	}

	/**
	 * The {@code node} program: the system property {@code browser-tests.node}, else on
	 * the PATH.
	 */
	static @Nullable Path node() {
		String configured = System.getProperty("browser-tests.node");
		if (configured != null) {
			return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
		}
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "node");
			if (!directory.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
