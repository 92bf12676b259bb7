package dev.cim.persistence.embedded;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops the server processes that are still running, and deletes their temporary
 * directories, when the JVM exits without closing them, so that no nats-server outlives
 * the tests that started it. (A JVM killed outright runs no hook: then the
 * {@link WatchdogCommand watchdog} stops the server.)
 */
final class ShutdownSafetyNet {

	private static final Set<ServerProcess> processes = ConcurrentHashMap.newKeySet();

	private static final Set<Path> directories = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSafetyNet::cleanUp, "embedded-nats-server-cleanup"));
	}

	private ShutdownSafetyNet() {
	}

	static void track(ServerProcess process) {
		processes.add(process);
	}

	static void forget(ServerProcess process) {
		processes.remove(process);
	}

	static void trackDirectory(Path directory) {
		directories.add(directory);
	}

	static void forgetDirectory(Path directory) {
		directories.remove(directory);
	}

	private static void cleanUp() {
		processes.parallelStream().forEach(ServerProcess::stop);
		directories.forEach(Directories::deleteQuietly);
	}

}
