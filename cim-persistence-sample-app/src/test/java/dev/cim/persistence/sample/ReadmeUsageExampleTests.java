package dev.cim.persistence.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles the usage example of the repository's README, as written (only the imports are
 * added), for Java 17, against the starter and the sample's own order types.
 */
class ReadmeUsageExampleTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final String IMPORTS = """
			package readme;

			import java.math.BigDecimal;
			import java.util.LinkedHashMap;
			import java.util.List;
			import java.util.Map;

			import dev.cim.persistence.event.DomainEvent;
			import dev.cim.persistence.repository.Aggregate;
			import dev.cim.persistence.repository.AggregateMetadata;
			import dev.cim.persistence.repository.AggregateRepository;
			import dev.cim.persistence.repository.EventSourced;
			import dev.cim.persistence.repository.LoadedAggregate;
			import dev.cim.persistence.repository.SaveOptions;
			import dev.cim.persistence.sample.order.OrderLine;
			import dev.cim.persistence.sample.order.OrderRuleViolationException;
			import dev.cim.persistence.sample.order.OrderStatus;
			import org.springframework.stereotype.Service;
			import readme.OrderEvent.ItemAdded;
			import readme.OrderEvent.OrderCreated;
			import readme.OrderEvent.OrderPlaced;

			""";

	@Test
	void usageExampleShouldCompileOnJava17(@TempDir Path dir) throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
		List<String> blocks = javaBlocks(section(readme, "## Usage"));
		assertThat(blocks).as("the java blocks of the README's Usage section").hasSize(2);
		String aggregate = blocks.get(0);
		int events = aggregate.indexOf("public sealed interface OrderEvent");
		assertThat(events).isPositive();
		List<Path> sources = new ArrayList<>();
		sources.add(write(dir, "Order", aggregate.substring(0, events)));
		sources.add(write(dir, "OrderEvent", aggregate.substring(events)));
		sources.add(write(dir, "OrderService", blocks.get(1)));

		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			Files.createDirectories(dir.resolve("classes"));
			List<String> options = List.of("--release", "17", "-proc:none", "-classpath",
					System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString());
			boolean compiled = compiler
				.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
				.call();
			String errors = diagnostics.getDiagnostics()
				.stream()
				.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
				.map((diagnostic) -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
						+ diagnostic.getMessage(Locale.ROOT))
				.collect(Collectors.joining("\n"));
			assertThat(compiled).as(errors).isTrue();
		}
	}

	private static String section(String markdown, String heading) {
		int start = markdown.indexOf("\n" + heading + "\n");
		assertThat(start).as(heading).isNotNegative();
		int end = markdown.indexOf("\n## ", start + heading.length() + 1);
		int subsection = markdown.indexOf("\n### ", start + heading.length() + 1);
		if (subsection > 0 && (end < 0 || subsection < end)) {
			end = subsection;
		}
		return markdown.substring(start, (end > 0) ? end : markdown.length());
	}

	private static List<String> javaBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(markdown);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

	private static Path write(Path dir, String type, String code) throws IOException {
		Path file = dir.resolve("readme").resolve(type + ".java");
		Files.createDirectories(file.getParent());
		Files.writeString(file, IMPORTS + code, StandardCharsets.UTF_8);
		return file;
	}

}
