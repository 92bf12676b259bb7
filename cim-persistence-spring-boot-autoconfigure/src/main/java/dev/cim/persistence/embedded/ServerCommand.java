package dev.cim.persistence.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The command line of a nats-server run: JetStream on, listening on the given address,
 * ports the server picks itself (reported in a ports file) unless given, the HTTP
 * monitoring endpoint only when asked for.
 *
 * @param host the address to listen on
 * @param monitorPort the monitoring port, 0 for one the server picks, -1 for none
 * @param serverName the server's name, if given
 * @param extraArguments further arguments, appended as they are
 */
record ServerCommand(String host, int monitorPort, @Nullable String serverName, List<String> extraArguments) {

	ServerCommand {
		extraArguments = List.copyOf(extraArguments);
	}

	/**
	 * The command line for one run.
	 * @param binary the binary
	 * @param port the client port, 0 for one the server picks
	 * @param storeDirectory the store directory, as an absolute path (orphans are found
	 * by it)
	 * @param portsDirectory where the server writes its ports file
	 */
	List<String> line(NatsServerBinary binary, int port, Path storeDirectory, Path portsDirectory) {
		List<String> command = new ArrayList<>(
				List.of(binary.path().toString(), "-a", this.host, "-p", (port > 0) ? Integer.toString(port) : "-1",
						"-js", "-sd", storeDirectory.toString(), "--ports_file_dir", portsDirectory.toString()));
		if (this.monitorPort >= 0) {
			command.add("-m");
			command.add((this.monitorPort > 0) ? Integer.toString(this.monitorPort) : "-1");
		}
		if (this.serverName != null) {
			command.add("--server_name");
			command.add(this.serverName);
		}
		command.addAll(this.extraArguments);
		return command;
	}

}
