package dev.cim.persistence.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command that launches nats-server so that it dies with the JVM that launched it.
 * <p>
 * nats-server cannot watch its parent, and a JVM killed with SIGKILL runs no shutdown
 * hook, so on Linux and macOS the server is started by a small {@code /bin/sh} wrapper
 * that holds the read end of a pipe from the JVM (its standard input). When the JVM dies,
 * however it dies, the system closes the pipe; the wrapper sees the end of its input and
 * stops the server with SIGTERM, a clean shutdown. The wrapper also reports the server's
 * pid and exit code on its output ({@value #PID_MARKER}, {@value #EXIT_MARKER}), relays
 * the server's output, ignoring a closed output pipe so that the server never dies of
 * SIGPIPE while shutting down, and exits when the server exits.
 * <p>
 * On Windows the server is launched directly: it is stopped with the JVM only when the
 * JVM shuts down normally, and a server left behind is stopped by the next start on the
 * same store directory.
 */
final class WatchdogCommand {

	static final String PID_MARKER = "@@cim-embedded-server-pid ";

	static final String EXIT_MARKER = "@@cim-embedded-server-exit ";

	private static final String SCRIPT = String.join("\n", "exec 3<&0 0</dev/null", "trap '' PIPE", "{",
			"  exec 2>/dev/null", "  \"$@\" 3<&- 2>&1 &", "  server=$!", "  echo \"" + PID_MARKER + "$server\"",
			"  { while read -r line <&3; do :; done; kill -TERM \"$server\" 2>/dev/null; } &", "  watcher=$!",
			"  wait \"$server\"", "  status=$?", "  kill \"$watcher\" 2>/dev/null", "  exec 3<&-",
			"  echo \"" + EXIT_MARKER + "$status\"", "} | while IFS= read -r line; do",
			"  printf '%s\\n' \"$line\" 2>/dev/null || :", "done");

	private WatchdogCommand() {
	}

	/**
	 * Whether the server runs under the watchdog wrapper on this platform.
	 */
	static boolean isSupported() {
		return !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

	/**
	 * The command that runs {@code serverCommand} under the watchdog, or the server
	 * command itself where the watchdog is not supported.
	 */
	static List<String> wrap(List<String> serverCommand) {
		if (!isSupported()) {
			return serverCommand;
		}
		List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "cim-embedded-nats-server"));
		command.addAll(serverCommand);
		return command;
	}

}
