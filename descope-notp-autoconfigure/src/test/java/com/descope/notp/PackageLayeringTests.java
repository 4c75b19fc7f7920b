package com.descope.notp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the starter depend downward only, so that each can be read, tested and
 * replaced on its own: {@code client} knows nothing of Spring Security, {@code jwt}
 * nothing of servlets (of {@code client} it uses {@code DescopeAvailability} only),
 * {@code web} nothing of the starter's security types, {@code jackson} (the JSON of what
 * the starter keeps in a session) only the types it writes, {@code health} (the
 * actuator's health indicator) only what it reads, {@code observation} (the names and
 * keys of the starter's observations) none of the others, and the reactive twin
 * ({@code security.reactive.*}) nothing of servlets, of the servlet packages only
 * {@code BearerHeader} and {@code ProblemType}.
 */
class PackageLayeringTests {

	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("client", Set.of()),
			Map.entry("observation", Set.of()), Map.entry("jwt", Set.of("client", "observation")),
			Map.entry("limits", Set.of()), Map.entry("core", Set.of("client", "jwt", "limits", "observation")),
			Map.entry("web", Set.of("client", "core")), Map.entry("security", Set.of("core")),
			Map.entry("security.session", Set.of("client", "jwt", "core", "web", "security")),
			Map.entry("security.answers", Set.of("client", "core", "limits", "web")),
			Map.entry("security.login",
					Set.of("client", "jwt", "core", "limits", "web", "security", "security.session", "observation",
							"security.answers")),
			Map.entry("security.reactive", Set.of("web", "security")),
			Map.entry("security.reactive.session", Set.of("core", "jwt", "web", "security", "security.reactive")),
			Map.entry("security.reactive.login",
					Set.of("security.reactive", "security.reactive.session", "client", "core", "web",
							"security.answers")),
			Map.entry("jackson", Set.of("client", "jwt", "core")), Map.entry("health", Set.of("client", "jwt")),
			Map.entry("autoconfigure",
					Set.of("client", "jwt", "core", "limits", "web", "security", "security.session", "security.login",
							"security.reactive", "security.reactive.session", "security.reactive.login", "jackson",
							"health", "observation")));

	/**
	 * What the reactive packages may use of {@code security} and {@code web}, whose other
	 * classes are servlet types.
	 */
	private static final Set<String> REACTIVE_USES_OF_SERVLET_PACKAGES = Set.of(
			"import com.descope.notp.security.BearerHeader;", "import com.descope.notp.web.ProblemType;",
			"import com.descope.notp.web.Problem;", "import com.descope.notp.web.InvalidRequestException;",
			"import com.descope.notp.web.RequestFields;", "import com.descope.notp.web.BufferedRequestFields;",
			"import com.descope.notp.web.JsonBodies;", "import com.descope.notp.web.NotpStartRequestParser;",
			"import com.descope.notp.web.PendingRefParser;", "import com.descope.notp.web.PhoneNumberNormalizer;",
			"import com.descope.notp.security.answers.NotpProblems;",
			"import com.descope.notp.security.answers.NotpLoginAnswers;", "import com.descope.notp.web.NotpLoginPage;",
			"import com.descope.notp.web.DescopeSdkConfiguration;",
			"import com.descope.notp.web.DescopeSdkConfigurationAnswer;",
			"import com.descope.notp.web.LastAuthenticatedUser;",
			"import com.descope.notp.security.DescopeTokenCookies;", "import com.descope.notp.web.DescopeCallProblems;",
			"import com.descope.notp.web.RefreshJwts;");

	private static final Pattern OWN_IMPORT = Pattern
		.compile("^import (?:static )?com\\.descope\\.notp\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

	@Test
	void packagesWhenCompiledThenDependOnlyOnLowerLayers() throws IOException {
		Map<String, Set<String>> actual = dependencies();
		assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
		actual.forEach((pkg, uses) -> assertThat(uses).as("packages used by %s", pkg).isSubsetOf(ALLOWED.get(pkg)));
	}

	@Test
	void jwtWhenCompiledThenUsesOfClientOnlyTheAvailability() throws IOException {
		assertThat(sources("jwt")).allSatisfy((source) -> assertThat(
				source.lines().filter((line) -> line.startsWith("import com.descope.notp.client.")))
			.allMatch((line) -> line.equals("import com.descope.notp.client.DescopeAvailability;")));
	}

	@Test
	void clientAndJwtWhenCompiledThenKnowNoServletsAndClientKnowsNoSpringSecurity() throws IOException {
		assertThat(sources("client")).noneMatch((source) -> source.contains("import org.springframework.security")
				|| source.contains("import jakarta.servlet"));
		assertThat(sources("jwt")).noneMatch((source) -> source.contains("import jakarta.servlet"));
		assertThat(sources("observation")).noneMatch((source) -> source.contains("import jakarta.servlet")
				|| source.contains("import org.springframework.web")
				|| source.contains("import org.springframework.security"));
		assertThat(sources("limits")).noneMatch((source) -> source.contains("import jakarta.servlet")
				|| source.contains("import org.springframework.web")
				|| source.contains("import org.springframework.security"));
	}

	@Test
	void coreWhenCompiledThenKnowsNoWebStack() throws IOException {
		assertThat(sources("core")).isNotEmpty()
			.noneMatch((source) -> source.contains("import jakarta.servlet")
					|| source.contains("import org.springframework.web")
					|| source.contains("import org.springframework.security.web")
					|| source.contains("import org.springframework.http.server"));
	}

	@Test
	void reactivePackagesWhenCompiledThenKnowNoServletsAndUseOnlyStackNeutralClassesOfSecurityAndWeb()
			throws IOException {
		for (String pkg : Set.of("security.reactive", "security.reactive.session", "security.reactive.login")) {
			assertThat(sources(pkg)).as("sources of %s", pkg)
				.noneMatch((source) -> source.contains("import jakarta.servlet")
						|| source.contains("import org.springframework.security.web.util.matcher")
						|| source.contains("import org.springframework.security.config.annotation.web.builders"))
				.allSatisfy((source) -> assertThat(source.lines()
					.filter((line) -> line.startsWith("import com.descope.notp.security.")
							&& !line.startsWith("import com.descope.notp.security.reactive.")
							|| line.startsWith("import com.descope.notp.web.")))
					.allMatch(REACTIVE_USES_OF_SERVLET_PACKAGES::contains));
		}
		assertThat(sources("security.answers")).noneMatch((source) -> source.contains("import jakarta.servlet"));
		for (String use : REACTIVE_USES_OF_SERVLET_PACKAGES) {
			String path = use.substring("import com.descope.notp.".length(), use.length() - 1).replace('.', '/');
			assertThat(Files.readString(Paths.get("src/main/java/com/descope/notp", path + ".java"))).as(use)
				.doesNotContain("import jakarta.servlet");
		}
		assertThat(sources("security")).filteredOn((source) -> source.contains("public final class BearerHeader"))
			.singleElement()
			.satisfies((source) -> assertThat(source).doesNotContain("import jakarta.servlet"));
	}

	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> dependencies = new TreeMap<>();
		for (String pkg : ALLOWED.keySet()) {
			Set<String> uses = new TreeSet<>();
			for (String source : sources(pkg)) {
				Matcher matcher = OWN_IMPORT.matcher(source);
				while (matcher.find()) {
					if (!matcher.group(1).equals(pkg)) {
						uses.add(matcher.group(1));
					}
				}
			}
			dependencies.put(pkg, uses);
		}
		return dependencies;
	}

	private static Set<String> sources(String pkg) throws IOException {
		Path dir = Paths.get("src/main/java/com/descope/notp", pkg.replace('.', '/'));
		Set<String> sources = new TreeSet<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				sources.add(Files.readString(file));
			}
		}
		assertThat(sources).as("sources of %s", pkg).isNotEmpty();
		return sources;
	}

}
