package dev.cim.persistence.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The ports a server actually listens on, as it writes them to the file that
 * {@code --ports_file_dir} asks for, for example
 * {@code {"nats":["nats://127.0.0.1:42761"],"monitoring":["http://127.0.0.1:43847"]}}.
 * Letting the server pick its ports ({@code -p -1 -m -1}) and reading them back leaves no
 * window in which another process could take a port chosen in advance.
 *
 * @param clientPort the port for client connections
 * @param monitoringPort the port of the HTTP monitoring endpoint, 0 when it is off
 */
record PortsFile(int clientPort, int monitoringPort) {

	private static final Pattern CLIENT = Pattern.compile("\"nats\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

	private static final Pattern MONITORING = Pattern.compile("\"monitoring\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

	/**
	 * Read the ports file in the given directory, if the server has written it
	 * completely.
	 */
	static @Nullable PortsFile readFrom(Path directory) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.ports")) {
			for (Path file : files) {
				PortsFile ports = parse(Files.readString(file));
				if (ports != null) {
					return ports;
				}
			}
		}
		catch (IOException ex) {
			// Not there yet, or being written: the caller asks again.
		}
		return null;
	}

	static @Nullable PortsFile parse(String json) {
		Integer client = port(CLIENT.matcher(json));
		Integer monitoring = port(MONITORING.matcher(json));
		return (client != null) ? new PortsFile(client, (monitoring != null) ? monitoring : 0) : null;
	}

	private static @Nullable Integer port(Matcher matcher) {
		if (!matcher.find()) {
			return null;
		}
		try {
			int port = URI.create(matcher.group(1)).getPort();
			return (port > 0) ? port : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
