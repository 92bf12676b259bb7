package dev.cim.persistence.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A nats-server executable of at least {@link NatsServerVersion#MINIMUM}.
 * <p>
 * {@link #resolve(Path)} looks in this order and takes the first executable it finds:
 * <ol>
 * <li>the path the caller gives;</li>
 * <li>the environment variable {@value #BINARY_VARIABLE};</li>
 * <li>{@value #TOOLS_LOCATION} under the project root: the directory named by the
 * environment variable {@value #PROJECT_ROOT_VARIABLE} if it is set, otherwise the
 * nearest directory, from the working directory upwards, that contains it (where
 * {@code scripts/install-nats-server.sh} puts it);</li>
 * <li>{@code nats-server} on {@code PATH}.</li>
 * </ol>
 * A path given by the caller or by {@value #BINARY_VARIABLE} is taken at its word: if it
 * is not an executable file, the search stops there. The binary found is asked for its
 * version with {@code --version}; an older one than {@link NatsServerVersion#MINIMUM} is
 * refused.
 */
public final class NatsServerBinary {

	/**
	 * The environment variable that names the nats-server binary to use.
	 */
	public static final String BINARY_VARIABLE = "NATS_SERVER_BINARY";

	/**
	 * The environment variable that names the project root, under which
	 * {@value #TOOLS_LOCATION} is looked for.
	 */
	public static final String PROJECT_ROOT_VARIABLE = "CIM_PROJECT_ROOT";

	/**
	 * Where {@code scripts/install-nats-server.sh} puts the binary, relative to the
	 * project root.
	 */
	public static final String TOOLS_LOCATION = ".tools/nats-server/nats-server";

	private static final long VERSION_TIMEOUT_SECONDS = 10;

	private final Path path;

	private final NatsServerVersion version;

	private NatsServerBinary(Path path, NatsServerVersion version) {
		this.path = path;
		this.version = version;
	}

	/**
	 * Find a nats-server in the usual places (see the class description).
	 * @return the binary
	 * @throws NatsServerNotFoundException if none was found
	 * @throws NatsServerVersionException if the one found is too old
	 * @throws EmbeddedNatsServerException if its version could not be determined
	 */
	public static NatsServerBinary resolve() {
		return resolve(null);
	}

	/**
	 * Use the given nats-server, or find one in the usual places if none is given (see
	 * the class description).
	 * @param explicitPath the binary to use, or {@code null} to search
	 * @return the binary
	 * @throws NatsServerNotFoundException if the given path is not an executable file, or
	 * nothing was found
	 * @throws NatsServerVersionException if the binary is too old
	 * @throws EmbeddedNatsServerException if its version could not be determined
	 */
	public static NatsServerBinary resolve(@Nullable Path explicitPath) {
		return resolve(explicitPath, System::getenv, Path.of("").toAbsolutePath());
	}

	/**
	 * Use exactly the given nats-server.
	 * @param path the binary
	 * @return the binary
	 * @throws NatsServerNotFoundException if the path is not an executable file
	 * @throws NatsServerVersionException if the binary is too old
	 * @throws EmbeddedNatsServerException if its version could not be determined
	 */
	public static NatsServerBinary of(Path path) {
		return inspect(locate(path, (name) -> null, Path.of("").toAbsolutePath()));
	}

	static NatsServerBinary resolve(@Nullable Path explicitPath, Function<String, @Nullable String> environment,
			Path workingDirectory) {
		return inspect(locate(explicitPath, environment, workingDirectory));
	}

	static Path locate(@Nullable Path explicitPath, Function<String, @Nullable String> environment,
			Path workingDirectory) {
		List<String> searched = new ArrayList<>();
		if (explicitPath != null) {
			return requireExecutable(explicitPath.toAbsolutePath(), "the path given", searched);
		}
		searched.add("the path given: none");
		String fromVariable = nonBlank(environment.apply(BINARY_VARIABLE));
		if (fromVariable != null) {
			return requireExecutable(workingDirectory.resolve(fromVariable), BINARY_VARIABLE, searched);
		}
		searched.add(BINARY_VARIABLE + ": not set");
		Path fromTools = findInTools(environment, workingDirectory, searched);
		if (fromTools != null) {
			return fromTools;
		}
		Path fromPath = findOnPath(environment, searched);
		if (fromPath != null) {
			return fromPath;
		}
		throw new NatsServerNotFoundException(searched);
	}

	private static Path requireExecutable(Path candidate, String source, List<String> searched) {
		if (isExecutableFile(candidate)) {
			return candidate;
		}
		searched.add(source + ": " + candidate + " (" + (Files.exists(candidate) ? "not an executable file" : "missing")
				+ ")");
		throw new NatsServerNotFoundException(searched);
	}

	private static @Nullable Path findInTools(Function<String, @Nullable String> environment, Path workingDirectory,
			List<String> searched) {
		String projectRoot = nonBlank(environment.apply(PROJECT_ROOT_VARIABLE));
		if (projectRoot != null) {
			Path candidate = workingDirectory.resolve(projectRoot).resolve(TOOLS_LOCATION);
			if (isExecutableFile(candidate)) {
				return candidate;
			}
			searched.add(TOOLS_LOCATION + " under " + PROJECT_ROOT_VARIABLE + ": " + candidate + " (missing)");
			return null;
		}
		for (Path directory = workingDirectory; directory != null; directory = directory.getParent()) {
			Path candidate = directory.resolve(TOOLS_LOCATION);
			if (isExecutableFile(candidate)) {
				return candidate;
			}
		}
		searched.add(TOOLS_LOCATION + " in " + workingDirectory + " and its parent directories: not found ("
				+ PROJECT_ROOT_VARIABLE + " not set)");
		return null;
	}

	private static @Nullable Path findOnPath(Function<String, @Nullable String> environment, List<String> searched) {
		String path = nonBlank(environment.apply("PATH"));
		if (path == null) {
			searched.add("nats-server on PATH: PATH not set");
			return null;
		}
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		List<String> names = windows ? List.of("nats-server.exe", "nats-server") : List.of("nats-server");
		for (String entry : path.split(File.pathSeparator)) {
			if (entry.isBlank()) {
				continue;
			}
			for (String name : names) {
				Path candidate = Path.of(entry, name);
				if (isExecutableFile(candidate)) {
					return candidate.toAbsolutePath();
				}
			}
		}
		searched.add("nats-server on PATH (" + path + "): not found");
		return null;
	}

	private static boolean isExecutableFile(Path candidate) {
		return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
	}

	private static @Nullable String nonBlank(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

	static NatsServerBinary inspect(Path path) {
		String output = runVersion(path);
		NatsServerVersion version = NatsServerVersion.findIn(output)
			.orElseThrow(() -> new EmbeddedNatsServerException("Could not read the version of nats-server " + path
					+ " from its --version output: '" + output.strip() + "'"));
		if (!version.isAtLeast(NatsServerVersion.MINIMUM)) {
			throw new NatsServerVersionException(path, version);
		}
		return new NatsServerBinary(path, version);
	}

	private static String runVersion(Path path) {
		Process process;
		try {
			process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new EmbeddedNatsServerException("Could not run " + path + " --version: " + ex.getMessage(), ex);
		}
		try (InputStream output = process.getInputStream()) {
			if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new EmbeddedNatsServerException(
						path + " --version did not finish within " + VERSION_TIMEOUT_SECONDS + " seconds");
			}
			return new String(output.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new EmbeddedNatsServerException("Could not read the output of " + path + " --version", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new EmbeddedNatsServerException("Interrupted while running " + path + " --version", ex);
		}
	}

	/**
	 * The executable.
	 * @return its absolute path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * The version the executable reported.
	 * @return its version, at least {@link NatsServerVersion#MINIMUM}
	 */
	public NatsServerVersion version() {
		return this.version;
	}

	@Override
	public String toString() {
		return "nats-server " + this.version + " at " + this.path;
	}

}
