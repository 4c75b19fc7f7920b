package com.descope.notp.sample;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bill of materials, {@code descope-notp-bom}, against the reactor's own poms: it
 * manages every module that a release publishes (a module of the root pom that does not
 * set {@code skipPublishing}) and nothing else, each at {@code ${project.version}}; a
 * module left out of the Central Portal bundle is also left out of a plain
 * {@code mvn deploy}. Adding a library module without its BOM entry, or publishing the
 * sample by mistake, fails here.
 */
class BomTests {

	private static final String GROUP_ID = "com.descope.notp";

	private static final String BOM = "descope-notp-bom";

	private final Path root = reactorRoot();

	@Test
	void bomWhenReadThenManagesEveryPublishedModuleAndNothingElse() throws Exception {
		List<String> published = new ArrayList<>();
		modules().forEach((artifactId, pom) -> {
			if (!BOM.equals(artifactId) && !"true".equals(property(pom, "skipPublishing"))) {
				published.add(artifactId);
			}
		});

		assertThat(bomEntries()).extracting((entry) -> text(entry, "artifactId"))
			.containsExactlyInAnyOrderElementsOf(published);
	}

	@Test
	void bomWhenReadThenEachEntryIsOneOfOursAtTheProjectVersion() throws Exception {
		List<Element> entries = bomEntries();

		assertThat(entries).isNotEmpty().allSatisfy((entry) -> {
			assertThat(text(entry, "groupId")).isEqualTo(GROUP_ID);
			assertThat(text(entry, "version")).isEqualTo("${project.version}");
			assertThat(child(entry, "scope")).as("scope").isNull();
			assertThat(child(entry, "type")).as("type").isNull();
		});
	}

	@Test
	void reactorWhenReadThenPublishesTheLibrariesOnly() throws Exception {
		List<String> published = new ArrayList<>();
		List<String> notPublished = new ArrayList<>();
		modules().forEach((artifactId, pom) -> {
			if ("true".equals(property(pom, "skipPublishing"))) {
				notPublished.add(artifactId);
				assertThat(property(pom, "maven.deploy.skip")).as("maven.deploy.skip of %s", artifactId)
					.isEqualTo("true");
			}
			else {
				published.add(artifactId);
			}
		});

		assertThat(published).containsExactlyInAnyOrder("descope-notp-test", "descope-notp-autoconfigure",
				"descope-notp-dev-emulator", "descope-notp-spring-boot-starter",
				"descope-notp-spring-boot-starter-test", BOM);
		assertThat(notPublished).containsExactlyInAnyOrder("descope-notp-sample", "descope-notp-sample-webflux",
				"descope-notp-sample-gateway", "descope-notp-browser-tests", "descope-notp-benchmarks");
	}

	private List<Element> bomEntries() throws Exception {
		Element bom = modules().get(BOM);
		assertThat(bom).as("the root pom lists %s", BOM).isNotNull();
		Element dependencies = child(child(bom, "dependencyManagement"), "dependencies");
		return children(dependencies, "dependency");
	}

	private Map<String, Element> modules() throws Exception {
		Element parent = read(this.root.resolve("pom.xml"));
		assertThat(text(parent, "artifactId")).isEqualTo("descope-notp-parent");
		Map<String, Element> modules = new TreeMap<>();
		for (Element module : children(child(parent, "modules"), "module")) {
			Element pom = read(this.root.resolve(module.getTextContent().trim()).resolve("pom.xml"));
			modules.put(text(pom, "artifactId"), pom);
		}
		assertThat(modules).containsKey("descope-notp-sample");
		return modules;
	}

	private static Path reactorRoot() {
		// the sample's directory when Maven runs the tests, the repository's in some IDEs
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve(BOM)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No " + BOM + " directory above " + Path.of("").toAbsolutePath());
	}

	private static Element read(Path pom) throws Exception {
		assertThat(pom).exists();
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		try (InputStream in = Files.newInputStream(pom)) {
			return factory.newDocumentBuilder().parse(in).getDocumentElement();
		}
	}

	private static String property(Element pom, String name) {
		Element properties = child(pom, "properties");
		Element property = (properties != null) ? child(properties, name) : null;
		return (property != null) ? property.getTextContent().trim() : null;
	}

	private static String text(Element element, String name) {
		Element child = child(element, name);
		assertThat(child).as("<%s> in <%s>", name, element.getTagName()).isNotNull();
		return child.getTextContent().trim();
	}

	private static Element child(Element element, String name) {
		List<Element> children = children(element, name);
		return children.isEmpty() ? null : children.get(0);
	}

	private static List<Element> children(Element element, String name) {
		List<Element> children = new ArrayList<>();
		for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child && name.equals(child.getTagName())) {
				children.add(child);
			}
		}
		return children;
	}

}
